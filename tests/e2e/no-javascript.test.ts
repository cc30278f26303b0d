// The public site works with JavaScript switched off: the join, login (and account) forms post as
// plain HTML forms, errors show beside their field and the form keeps what was typed; every public
// page shows the same content with and without JavaScript; and every page's footer shows the crisis
// numbers.
import type { BrowserContext } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'

import { addressesOf } from '../support/smtp.js'
import {
  expectCrisisFooter,
  expectFieldError,
  goto,
  mainText,
  normalise,
  publicPages,
  publicTokenLink,
  signInWithForm,
  submitAndWait,
  uniqueSuffix,
  useBrowserServer,
  type PublicPage,
} from './helpers.js'

const e2e = useBrowserServer({ smtp: true, javaScriptEnabled: false })

const suffix = uniqueSuffix()
const newcomer = {
  displayName: `Pendle Hill ${suffix}`.slice(0, 40),
  email: `pendle-${suffix}@example.org`,
  password: 'moorland-kestrel-copper-5',
  memberType: 'family-carer',
}

describe('join and login forms with JavaScript disabled', () => {
  it('really has JavaScript off in this context', async () => {
    await e2e.page.setContent('<p id="x">off</p><script>document.getElementById("x").textContent = "on"</script>')
    expect(await e2e.page.locator('#x').innerText()).toBe('off')
  })

  it('a join with a common password shows the error beside the password field and keeps what was typed', async () => {
    await goto(e2e.page, '/join')
    await e2e.page.getByLabel('Display name', { exact: true }).fill(newcomer.displayName)
    await e2e.page.getByLabel('Email address', { exact: true }).fill(newcomer.email)
    await e2e.page.getByLabel('Password', { exact: true }).fill('password123')
    await e2e.page.getByLabel('Which best describes you?').selectOption(newcomer.memberType)
    const response = await submitAndWait(e2e.page, 'Join')
    const status = response?.status() ?? 0
    expect(status, 'a refused join is a client error, not a server error').toBeGreaterThanOrEqual(400)
    expect(status).toBeLessThan(500)
    expect(new URL(e2e.page.url()).pathname).toBe('/join')

    await expectFieldError(e2e.page, 'password', /common/i)
    expect(await e2e.page.locator('main [aria-invalid="true"]').count(), 'only the password is wrong').toBe(1)

    expect(await e2e.page.getByLabel('Display name', { exact: true }).inputValue()).toBe(newcomer.displayName)
    expect(await e2e.page.getByLabel('Email address', { exact: true }).inputValue()).toBe(newcomer.email)
    expect(await e2e.page.getByLabel('Which best describes you?').inputValue()).toBe(newcomer.memberType)
    expect(await e2e.page.getByLabel('Password', { exact: true }).inputValue(), 'passwords are never echoed back').toBe('')
  })

  it('an empty join shows an error beside each required field', async () => {
    await goto(e2e.page, '/join')
    const response = await submitAndWait(e2e.page, 'Join')
    expect(response?.status()).toBeGreaterThanOrEqual(400)
    expect(response?.status()).toBeLessThan(500)
    for (const field of ['displayName', 'email', 'password', 'memberType']) await expectFieldError(e2e.page, field, /\S/)
  })

  it('a display name that is an email address is refused beside the display name field', async () => {
    await goto(e2e.page, '/join')
    await e2e.page.getByLabel('Display name', { exact: true }).fill(`someone-${suffix}@example.org`)
    await e2e.page.getByLabel('Email address', { exact: true }).fill(`other-${suffix}@example.org`)
    await e2e.page.getByLabel('Password', { exact: true }).fill(newcomer.password)
    await e2e.page.getByLabel('Which best describes you?').selectOption('supporter')
    const response = await submitAndWait(e2e.page, 'Join')
    expect(response?.status()).toBeGreaterThanOrEqual(400)
    expect(response?.status()).toBeLessThan(500)
    await expectFieldError(e2e.page, 'displayName', /email/i)
    expect(await e2e.page.getByLabel('Display name', { exact: true }).inputValue()).toBe(`someone-${suffix}@example.org`)
  })

  it('a valid join works without JavaScript and sends the verification email', async () => {
    await goto(e2e.page, '/join')
    await e2e.page.getByLabel('Display name', { exact: true }).fill(newcomer.displayName)
    await e2e.page.getByLabel('Email address', { exact: true }).fill(newcomer.email)
    await e2e.page.getByLabel('Password', { exact: true }).fill(newcomer.password)
    await e2e.page.getByLabel('Which best describes you?').selectOption(newcomer.memberType)
    const response = await submitAndWait(e2e.page, 'Join')
    const text = await mainText(e2e.page)
    expect(response?.status(), `join should succeed:\n${text}`).toBeLessThan(400)
    expect(await e2e.page.locator('main [aria-invalid="true"]').count(), text).toBe(0)
    expect(text).toMatch(/email/i)

    const mail = await e2e.smtp.waitFor((m) => addressesOf(m).includes(newcomer.email))
    const link = publicTokenLink(mail, e2e.server.url, '/verify')
    const verified = await goto(e2e.page, link.href)
    expect(verified.status(), await mainText(e2e.page)).toBeLessThan(400)
    expect(await mainText(e2e.page)).toMatch(/(confirmed|verified)/i)
  })

  it('login with a wrong password shows an error and keeps the email typed', async () => {
    const response = await signInWithForm(e2e.page, newcomer.email, 'definitely-not-my-password')
    expect(response?.status()).toBeGreaterThanOrEqual(400)
    expect(response?.status()).toBeLessThan(500)
    expect(new URL(e2e.page.url()).pathname).not.toBe('/account')
    expect(await mainText(e2e.page)).toMatch(/(do not match|incorrect|wrong|not recognised|invalid)/i)
    expect(await e2e.page.locator('main form [name="email"]').inputValue()).toBe(newcomer.email)
    expect(await e2e.page.locator('main form [name="password"]').inputValue()).toBe('')
  })

  it('the newly verified member signs in without JavaScript and lands on /account', async () => {
    const response = await signInWithForm(e2e.page, newcomer.email, newcomer.password)
    expect(response?.status(), await mainText(e2e.page)).toBe(200)
    expect(new URL(e2e.page.url()).pathname).toBe('/account')
    expect(await e2e.page.getByLabel('Display name', { exact: true }).inputValue()).toBe(newcomer.displayName)
    expect(await mainText(e2e.page)).toContain(newcomer.email)
  })

  it('the account profile form saves without JavaScript', async () => {
    await goto(e2e.page, '/account')
    await e2e.page.getByLabel('Which best describes you?').selectOption('supporter')
    const response = await submitAndWait(e2e.page, 'Save profile')
    expect(response?.status(), await mainText(e2e.page)).toBeLessThan(400)
    await goto(e2e.page, '/account')
    expect(await e2e.page.getByLabel('Which best describes you?').inputValue()).toBe('supporter')
  })

  it('the Sign out button works without JavaScript', async () => {
    await goto(e2e.page, '/account')
    const [response] = await Promise.all([
      e2e.page.waitForNavigation(),
      e2e.page
        .locator('header')
        .getByRole('button', { name: /sign out/i })
        .click(),
    ])
    expect(response?.status()).toBeLessThan(400)
    await goto(e2e.page, '/account')
    expect(new URL(e2e.page.url()).pathname).not.toBe('/account')
  })

  it('a verified demo member signs in without JavaScript and lands on /account', async () => {
    const fresh = await e2e.browser.newContext({ baseURL: e2e.server.url, javaScriptEnabled: false })
    try {
      const p = await fresh.newPage()
      const response = await signInWithForm(p, 'member@waymark.example', e2e.server.seedPassword)
      expect(response?.status(), await mainText(p)).toBe(200)
      expect(new URL(p.url()).pathname).toBe('/account')
      expect(await mainText(p)).toContain('member@waymark.example')
    } finally {
      await fresh.close()
    }
  })
})

describe('every public page: crisis numbers in the footer, and the same content without JavaScript', () => {
  // The wrong-password case uses the moderator so the member used for /account is never locked out.
  const pages = publicPages({ wrongPasswordEmail: 'moderator@waymark.example' })
  let withJs: BrowserContext
  let withoutJs: BrowserContext

  beforeAll(async () => {
    withJs = await e2e.browser.newContext({ baseURL: e2e.server.url, javaScriptEnabled: true })
    withoutJs = await e2e.browser.newContext({ baseURL: e2e.server.url, javaScriptEnabled: false })
    for (const context of [withJs, withoutJs]) {
      const p = await context.newPage()
      await signInWithForm(p, 'member@waymark.example', e2e.server.seedPassword)
      expect(new URL(p.url()).pathname).toBe('/account')
      await p.close()
    }
  })

  async function render(context: BrowserContext, entry: PublicPage) {
    // Signed-out pages are viewed in a fresh context so the member's session does not change them.
    const own = entry.signedIn ? undefined : await e2e.browser.newContext({ baseURL: e2e.server.url, javaScriptEnabled: context === withJs })
    const p = await (own ?? context).newPage()
    try {
      const status = await entry.open(p)
      if (entry.expectStatus) expect(status, `${entry.name} status`).toBe(entry.expectStatus)
      else expect(status, `${entry.name} must not be a server error`).toBeLessThan(500)
      await expectCrisisFooter(p, `${entry.name} (JavaScript ${context === withJs ? 'on' : 'off'})`)
      const body = normalise(await p.locator('body').innerText())
      const fields = await p
        .locator('main form input:not([type=hidden]), main form select, main form textarea')
        .evaluateAll((els) => els.map((el) => `${(el as HTMLInputElement).name}=${el.tagName === 'SELECT' ? (el as HTMLSelectElement).value : (el as HTMLInputElement).type}`))
      return { body, fields, path: new URL(p.url()).pathname }
    } finally {
      await p.close()
      await own?.close()
    }
  }

  for (const entry of pages) {
    it(entry.name, async () => {
      const on = await render(withJs, entry)
      const off = await render(withoutJs, entry)
      expect(off.path, `${entry.name}: same page without JavaScript`).toBe(on.path)
      // Generated values (unique names typed by the test) differ between runs, so compare with them masked.
      const mask = (s: string) => s.replace(/[a-z0-9]{6,}@example\.org/gi, 'EMAIL').replace(/Ada [a-z0-9]+/gi, 'Ada X')
      expect(mask(off.body), `${entry.name}: the page without JavaScript should show the same content`).toBe(mask(on.body))
      expect(off.fields, `${entry.name}: the same form fields without JavaScript`).toEqual(on.fields)
    })
  }
})
