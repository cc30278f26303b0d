// Links in emails point at the public site, never at /admin.
import { serverURL } from '../env.js'

export const verifyLink = (token: string) => `${serverURL}/verify?token=${encodeURIComponent(token)}`
export const resetLink = (token: string) => `${serverURL}/reset?token=${encodeURIComponent(token)}`
