// Plain, short emails. Every template escapes what members typed.
import { CRISIS_LINES } from '../policies/crisisLines.js'
import { resetLink, verifyLink } from './links.js'

export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

function layout(bodyHtml: string): string {
  // No-break spaces inside each number, and nowrap for clients that ignore them.
  const crisis = CRISIS_LINES.map((line) => `${escapeHtml(line.name)}: <span class="nowrap" style="white-space:nowrap">${escapeHtml(line.number)}</span>`).join(' &middot; ')
  return `<!doctype html><html lang="en-GB"><body style="font-family:sans-serif;line-height:1.5;max-width:36rem">
${bodyHtml}
<hr><p style="font-size:0.9em;color:#444">Waymark is not a helpline. If you need help now: ${crisis}.</p>
</body></html>`
}

export function verifyEmailHtml({ displayName, token }: { displayName?: string; token: string }): string {
  const link = verifyLink(token)
  return layout(`<p>Hello ${escapeHtml(displayName || 'there')},</p>
<p>Welcome to Waymark. Please confirm this is your email address so you can sign in and take part:</p>
<p><a href="${escapeHtml(link)}">Confirm my email address</a></p>
<p>Or paste this link into your browser: ${escapeHtml(link)}</p>
<p>If you did not join Waymark, you can ignore this email and nothing more will happen.</p>`)
}

export function resetPasswordHtml({ token }: { token: string }): string {
  const link = resetLink(token)
  return layout(`<p>Someone asked to reset the password for your Waymark account.</p>
<p><a href="${escapeHtml(link)}">Choose a new password</a> (this link works for one hour).</p>
<p>Or paste this link into your browser: ${escapeHtml(link)}</p>
<p>If it was not you, ignore this email: your password stays as it is.</p>`)
}
