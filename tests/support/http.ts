// A minimal cookie-keeping HTTP client, for acting as one visitor or member against the real server.
export class WebClient {
  readonly cookies = new Map<string, string>()
  constructor(readonly baseUrl: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const eq = pair!.indexOf('=')
      const name = pair!.slice(0, eq).trim()
      const value = pair!.slice(eq + 1).trim()
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (this.cookies.size && !headers.has('cookie')) headers.set('cookie', this.cookieHeader())
    // A browser on our own pages sends this; tests acting as another site override it.
    if (!headers.has('sec-fetch-site')) headers.set('sec-fetch-site', 'same-origin')
    const response = await fetch(new URL(path, this.baseUrl), { redirect: 'manual', ...init, headers })
    this.remember(response)
    return response
  }

  get(path: string, init: RequestInit = {}) {
    return this.request(path, { ...init, method: 'GET' })
  }

  /** Fetches a page and returns its CSRF form token (the hidden _csrf field). */
  async csrfToken(path: string): Promise<string> {
    const html = await (await this.get(path)).text()
    const match = html.match(/name="_csrf" value="([^"]+)"/)
    if (!match) throw new Error(`No CSRF token on ${path}`)
    return match[1]!
  }

  /** Posts a urlencoded form the way a browser on our own site would (same-origin). */
  async postForm(path: string, fields: Record<string, string>, init: RequestInit = {}) {
    const headers = new Headers(init.headers)
    headers.set('content-type', 'application/x-www-form-urlencoded')
    if (!headers.has('origin')) headers.set('origin', new URL(this.baseUrl).origin)
    return this.request(path, { ...init, method: 'POST', headers, body: new URLSearchParams(fields).toString() })
  }

  /** Sends JSON (REST API) with the client's cookies. */
  async json(method: string, path: string, body?: unknown, init: RequestInit = {}) {
    const headers = new Headers(init.headers)
    if (body !== undefined) headers.set('content-type', 'application/json')
    return this.request(path, { ...init, method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  }

  /** Signs in through the public login form. */
  async signIn(email: string, password: string): Promise<Response> {
    const token = await this.csrfToken('/login')
    return this.postForm('/login', { _csrf: token, email, password })
  }
}

/** A response body as JSON, or undefined when it is not JSON (hostile tests look at both). */
export function jsonOrUndefined(text: string): any {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
