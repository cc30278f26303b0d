// The forgotten-password journey in real Chromium: /forgot sends a real email (SMTP on loopback) with
// a link to the public /reset page; the member chooses a new password; the new one works, the old
// one does not, and the link cannot be used again.
import { beforeAll, describe, expect, it } from 'vitest'

import { addressesOf } from '../support/smtp.js'
import { goto, mainText, publicTokenLink, signInWithForm, submitAndWait, useBrowserServer } from './helpers.js'

const e2e = useBrowserServer({ smtp: true })

const email = 'member@waymark.example'
const newPassword = 'heather-canal-lantern-31'
let oldPassword: string
let resetLink: URL

beforeAll(() => {
  oldPassword = e2e.server.seedPassword
})

async function signsIn(password: string): Promise<{ ok: boolean; text: string }> {
  const fresh = await e2e.browser.newContext({ baseURL: e2e.server.url })
  try {
    const p = await fresh.newPage()
    await signInWithForm(p, email, password)
    if (new URL(p.url()).pathname !== '/account') {
      return { ok: false, text: await mainText(p) }
    }
    return { ok: true, text: await mainText(p) }
  } finally {
    await fresh.close()
  }
}

describe('a member who has forgotten their password resets it by email', () => {
  it('asks for a reset link on /forgot (linked from the sign-in page)', async () => {
    await goto(e2e.page, '/login')
    const [toForgot] = await Promise.all([
      e2e.page.waitForNavigation(),
      e2e.page
        .locator('main')
        .getByRole('link', { name: /forgot/i })
        .click(),
    ])
    expect(toForgot?.status()).toBe(200)
    expect(new URL(e2e.page.url()).pathname).toBe('/forgot')

    await e2e.page.getByLabel('Email address', { exact: true }).fill(email)
    const response = await submitAndWait(e2e.page, /send|reset|email/i)
    const text = await mainText(e2e.page)
    expect(response?.status(), `asking for a reset link should succeed:\n${text}`).toBeLessThan(400)
    expect(text, 'the page should say an email is on its way').toMatch(/email/i)
  })

  it('the email arrives at the real SMTP server with a link to the public /reset page', async () => {
    const mail = await e2e.smtp
      .waitFor((m) => addressesOf(m).includes(email))
      .catch((error: Error) => {
        // Show why the server sent nothing (its own log lines about the failure), to fix the product.
        const log = e2e.server
          .logs()
          .split('\n')
          .filter((line) => /forgot|reset|mail|smtp|error|locked/i.test(line))
          .slice(0, 20)
          .join('\n')
        throw new Error(`${error.message}\nserver log excerpt:\n${log}`)
      })
    expect(mail.subject ?? '').not.toBe('')
    resetLink = publicTokenLink(mail, e2e.server.url, '/reset')
  })

  it('a new password that does not match its confirmation is refused and changes nothing', async () => {
    expect(resetLink, 'needs the link from the email').toBeTruthy()
    const response = await goto(e2e.page, resetLink.href)
    expect(response.status()).toBe(200)
    await e2e.page.locator('main form [name="password"]').fill(newPassword)
    await e2e.page.locator('main form [name="confirm"]').fill(newPassword + '-typo')
    const after = await submitAndWait(e2e.page, /save|reset|change|set/i)
    expect(after?.status()).toBeLessThan(500)
    expect(await e2e.page.locator('main [aria-invalid="true"]').count(), `a mismatch should be shown as a field error:\n${await mainText(e2e.page)}`).toBeGreaterThan(0)
    expect((await signsIn(oldPassword)).ok, 'the old password still works after a refused reset').toBe(true)
  })

  it('sets a new password through the emailed link', async () => {
    expect(resetLink, 'needs the link from the email').toBeTruthy()
    await goto(e2e.page, resetLink.href)
    await e2e.page.locator('main form [name="password"]').fill(newPassword)
    await e2e.page.locator('main form [name="confirm"]').fill(newPassword)
    const response = await submitAndWait(e2e.page, /save|reset|change|set/i)
    const text = await mainText(e2e.page)
    expect(response?.status(), `the reset should succeed:\n${text}`).toBeLessThan(400)
    expect(await e2e.page.locator('main [aria-invalid="true"]').count(), `the reset should not show errors:\n${text}`).toBe(0)
    expect(text).not.toMatch(/does not work|expired|invalid/i)
  })

  it('the new password signs in and the old one no longer does', async () => {
    const withOld = await signsIn(oldPassword)
    expect(withOld.ok, 'the old password must no longer sign in').toBe(false)
    const withNew = await signsIn(newPassword)
    expect(withNew.ok, `the new password should sign in:\n${withNew.text}`).toBe(true)
    expect(withNew.text).toContain(email)
  })

  it('the reset link cannot be used a second time', async () => {
    expect(resetLink, 'needs the link from the email').toBeTruthy()
    const another = 'second-attempt-orchard-88'
    const response = await goto(e2e.page, resetLink.href)
    expect(response.status()).toBeLessThan(500)
    if ((await e2e.page.locator('main form [name="password"]').count()) > 0) {
      await e2e.page.locator('main form [name="password"]').fill(another)
      await e2e.page.locator('main form [name="confirm"]').fill(another)
      const after = await submitAndWait(e2e.page, /save|reset|change|set/i)
      expect(after?.status()).toBeLessThan(500)
    }
    expect((await signsIn(another)).ok, 'a used reset link must not set the password again').toBe(false)
    expect((await signsIn(newPassword)).ok, 'the password set through the link still works').toBe(true)
  })
})
