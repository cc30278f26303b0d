// Shared helpers for the browser (e2e) tests: navigation by form submission, reading field errors
// the way assistive technology would, links out of real emails, and the list of public pages.
import type { ParsedMail } from 'mailparser'
import type { Browser, BrowserContext, Page, Response } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'

import { launchChromium, type AxeViolation } from '../support/browser.js'
import { startTestServer, type TestServer } from '../support/server.js'
import { startSmtp, type Mailbox } from '../support/smtp.js'

export const LOCALITY_SLUGS = ['lancashire-north', 'lancashire-central', 'lancashire-east', 'lancashire-county'] as const

export const DESKTOP = { width: 1280, height: 800 }
export const PHONE = { width: 375, height: 667 }

/** A context that lets axe-core be injected despite the site's strict CSP (which is correct). */
export function newAxeContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, bypassCSP: true, viewport: DESKTOP })
}

/** `smtp` is set only with `smtp: true`; `context` and `page` only unless `context: false`. */
export type BrowserServer = { server: TestServer; smtp: Mailbox; browser: Browser; context: BrowserContext; page: Page }

/**
 * Registers beforeAll (optional SMTP, a test server sending to it, Chromium, and a context with one page)
 * and afterAll (closes them). The returned object is filled in by beforeAll.
 */
export function useBrowserServer(options: { smtp?: boolean; javaScriptEnabled?: boolean; context?: boolean } = {}): BrowserServer {
  const fixture = {} as BrowserServer
  beforeAll(async () => {
    if (options.smtp) fixture.smtp = await startSmtp()
    fixture.server = await startTestServer(options.smtp ? { smtpUrl: fixture.smtp.url } : {})
    fixture.browser = await launchChromium()
    if (options.context === false) return
    fixture.context = await fixture.browser.newContext({ baseURL: fixture.server.url, javaScriptEnabled: options.javaScriptEnabled ?? true })
    fixture.page = await fixture.context.newPage()
  })
  afterAll(async () => {
    await fixture.browser?.close()
    await fixture.server?.stop()
    await fixture.smtp?.close()
  })
  return fixture
}

export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`
}

/** Clicks a submit button and waits for the page the form posts to (works with and without JS). */
export async function submitAndWait(page: Page, buttonName: string | RegExp): Promise<Response | null> {
  const button = page.locator('main').getByRole('button', typeof buttonName === 'string' ? { name: buttonName, exact: true } : { name: buttonName })
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()])
  return response
}

export async function goto(page: Page, path: string): Promise<Response> {
  const response = await page.goto(path, { waitUntil: 'load' })
  if (!response) throw new Error(`No response for ${path}`)
  return response
}

/** The visible text of <main>, with whitespace collapsed. */
export async function mainText(page: Page): Promise<string> {
  return normalise(await page.locator('main').innerText())
}

export const normalise = (text: string) => text.replace(/\s+/g, ' ').trim()

/**
 * What a screen reader announces as the field's error, and what is printed beside it: the text of the
 * elements named by the control's aria-describedby, and the text of the control's own field wrapper
 * (the nearest ancestor that also holds its <label>).
 */
export async function fieldState(page: Page, name: string) {
  return page
    .locator(`main form [name="${name}"]`)
    .first()
    .evaluate((el) => {
      const control = el as HTMLInputElement
      const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)
      const described = ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ')
      let wrapper: HTMLElement | null = control.parentElement
      while (wrapper && !(control.id && wrapper.querySelector(`label[for="${CSS.escape(control.id)}"]`)) && wrapper.tagName !== 'FORM') wrapper = wrapper.parentElement
      return {
        value: control.value,
        invalid: control.getAttribute('aria-invalid') === 'true',
        described: described.replace(/\s+/g, ' ').trim(),
        wrapperText: (wrapper && wrapper.tagName !== 'FORM' ? (wrapper.textContent ?? '') : '').replace(/\s+/g, ' ').trim(),
      }
    })
}

/** Asserts the field shows an error matching `pattern` beside it and announces it to assistive technology. */
export async function expectFieldError(page: Page, name: string, pattern: RegExp) {
  const state = await fieldState(page, name)
  expect(state.invalid, `field "${name}" should be aria-invalid="true"`).toBe(true)
  expect(state.described, `field "${name}" aria-describedby should include the error`).toMatch(pattern)
  expect(state.wrapperText, `field "${name}" error should be printed next to the field`).toMatch(pattern)
}

/** Every absolute link in an email (text and HTML parts), with HTML entities in hrefs decoded. */
export function linksIn(mail: ParsedMail): URL[] {
  const sources = [mail.text ?? '', typeof mail.html === 'string' ? mail.html.replace(/&amp;/g, '&').replace(/&#x3D;|&#61;/g, '=') : '']
  const found = new Map<string, URL>()
  for (const source of sources) {
    for (const match of source.matchAll(/https?:\/\/[^\s"'<>)\]]+/g)) {
      try {
        const url = new URL(match[0])
        found.set(url.href, url)
      } catch {
        // not a URL
      }
    }
  }
  return [...found.values()]
}

/** The single public-site link with `pathname` and a token in an email; fails loudly if it goes anywhere else. */
export function publicTokenLink(mail: ParsedMail, serverUrl: string, pathname: '/verify' | '/reset'): URL {
  const links = linksIn(mail)
  const origin = new URL(serverUrl).origin
  const described = links.map((l) => l.href).join('\n  ') || '(none)'
  for (const link of links) expect(link.pathname, `email links must not point into /admin:\n  ${described}`).not.toMatch(/^\/admin/)
  const tokenLinks = links.filter((l) => l.searchParams.has('token') || /token/i.test(l.href))
  expect(tokenLinks.length, `email should contain a link with a token:\n  ${described}`).toBeGreaterThan(0)
  for (const link of tokenLinks) {
    expect(link.origin, `token link should be on the server (${origin})`).toBe(origin)
    expect(link.pathname, `token link should be the public ${pathname} page`).toBe(pathname)
    expect(link.searchParams.get('token'), 'token link should carry a token').toBeTruthy()
  }
  return tokenLinks[0]!
}

export function formatViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `- ${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}  ${n.html.slice(0, 200)}`).join('\n')}`).join('\n')
}

/** The crisis numbers the footer must show on every page. */
export const CRISIS_LINES: [string, RegExp][] = [
  ['Samaritans 116 123', /Samaritans[\s\S]*116\s?123/],
  ['NHS 111 option 2', /NHS[\s\S]*111\D{0,12}option 2/i],
  ['999', /\b999\b/],
  ['FRANK 0300 123 6600', /FRANK[\s\S]*0300\s?123\s?6600/],
]

export async function expectCrisisFooter(page: Page, where: string) {
  const footer = page.locator('footer')
  expect(await footer.count(), `${where}: page should have a <footer>`).toBeGreaterThan(0)
  const text = normalise(await footer.last().innerText())
  for (const [label, pattern] of CRISIS_LINES) expect(text, `${where}: footer should show ${label}`).toMatch(pattern)
}

/** Signs in through the public login form in the browser; returns the page's response. */
export async function signInWithForm(page: Page, email: string, password: string) {
  await goto(page, '/login')
  await page.locator('main form [name="email"]').fill(email)
  await page.locator('main form [name="password"]').fill(password)
  return submitAndWait(page, /sign in|log in/i)
}

/** A public page, or a public page in a given state, reachable by a visitor (or a signed-in member). */
export type PublicPage = {
  name: string
  signedIn?: boolean
  /** Brings the page into the state to test, and returns the HTTP status of the page shown. */
  open: (page: Page) => Promise<number>
  expectStatus: number
}

export function publicPages(options: { wrongPasswordEmail: string }): PublicPage[] {
  const visit = (path: string, expectStatus = 200, signedIn = false): PublicPage => ({
    name: path,
    signedIn,
    expectStatus,
    open: async (page) => (await goto(page, path)).status(),
  })
  return [
    visit('/'),
    ...LOCALITY_SLUGS.map((slug) => visit(`/localities/${slug}`)),
    visit('/join'),
    visit('/login'),
    visit('/forgot'),
    visit('/reset?token=x'),
    { ...visit('/verify?token=bad'), expectStatus: 0 },
    visit('/no-such-page-here', 404),
    {
      name: '/join with errors (empty form)',
      expectStatus: 0,
      open: async (page) => {
        await goto(page, '/join')
        const response = await submitAndWait(page, 'Join')
        expect(await page.locator('main [aria-invalid="true"]').count(), 'the empty join form should re-render with field errors').toBeGreaterThan(0)
        return response?.status() ?? 0
      },
    },
    {
      name: '/join with a common password',
      expectStatus: 0,
      open: async (page) => {
        await goto(page, '/join')
        await page.locator('main form [name="displayName"]').fill(`Ada ${uniqueSuffix()}`)
        await page.locator('main form [name="email"]').fill(`ada-${uniqueSuffix()}@example.org`)
        await page.locator('main form [name="password"]').fill('password123')
        await page.locator('main form [name="memberType"]').selectOption('family-carer')
        const response = await submitAndWait(page, 'Join')
        expect(await page.locator('main [aria-invalid="true"]').count(), 'the join form should re-render with a password error').toBeGreaterThan(0)
        return response?.status() ?? 0
      },
    },
    {
      name: '/login with an error (wrong password)',
      expectStatus: 0,
      open: async (page) => {
        const response = await signInWithForm(page, options.wrongPasswordEmail, 'not-the-right-password-at-all')
        expect(new URL(page.url()).pathname, 'a wrong password should not sign in').not.toBe('/account')
        return response?.status() ?? 0
      },
    },
    { ...visit('/account', 200, true) },
  ]
}
