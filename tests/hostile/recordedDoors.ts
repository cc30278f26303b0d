// Pages, forms and REST calls that remember every answer's status, so that a door test can end by
// insisting that nothing it asked answered 5xx (member-messages-doors, private-line-doors).
import { WebClient } from '../support/http.js'
import { api, type ApiResult, type Who } from './forumHelpers.js'
import { unique, type HostileServer } from './helpers.js'

export type Got = { path: string; status: number; text: string; headers: Headers }
export type Answered = { who: string; what: string; status: number }

/** The secrets (case aside) that a text gives away. */
export const leaksIn = (text: string, secrets: string[]) => secrets.filter((secret) => text.toLowerCase().includes(secret.toLowerCase()))

/** A search word (q) and a word that must never come back (s), unique to this run. */
export const secretPair = (name: string) => ({ q: unique(`${name}q`), s: unique(`${name}s`) })

export function recordedDoors(hostile: HostileServer) {
  const answered: Answered[] = []
  const received = async (who: string, what: string, path: string, response: Response): Promise<Got> => {
    const text = await response.text()
    answered.push({ who, what: `${what} ${path}`, status: response.status })
    return { path, status: response.status, text, headers: response.headers }
  }
  return {
    answered,
    /** The path a redirect's Location names on this server. */
    pathOf: (location: string | null) => (location ? new URL(location, hostile.server.url).pathname : ''),
    page: async (client: WebClient, who: string, path: string) => received(who, 'GET', path, await client.get(path)),
    form: async (client: WebClient, who: string, path: string, fields: Record<string, string>) => received(who, 'POST', path, await client.postForm(path, fields)),
    rest: async (who: Who | null, method: string, path: string, body?: unknown): Promise<ApiResult & { path: string }> => {
      const result = await api(hostile, who, method, path, body)
      answered.push({ who: who?.email ?? 'visitor', what: `${method} ${path}`, status: result.status })
      return { ...result, path }
    },
  }
}
