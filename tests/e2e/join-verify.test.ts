// A newcomer joins in real Chromium; the verification email goes to a real SMTP server on loopback;
// its link is the public /verify page; until they follow it they cannot sign in; then they can, and
// they see their own account.
import { describe, expect, it } from 'vitest'

import { addressesOf } from '../support/smtp.js'
import { goto, mainText, publicTokenLink, signInWithForm, submitAndWait, uniqueSuffix, useBrowserServer } from './helpers.js'

const e2e = useBrowserServer({ smtp: true })

const suffix = uniqueSuffix()
const newcomer = {
  displayName: `Morecambe Walker ${suffix}`.slice(0, 40),
  email: `walker-${suffix}@example.org`,
  password: 'tidal-lighthouse-bramble-7',
  memberType: 'in-recovery',
  localityName: 'Lancashire North',
}

let verifyLink: URL

describe('a newcomer joins, confirms their email and signs in', () => {
  it('the home page points a newcomer to Join', async () => {
    await goto(e2e.page, '/')
    await expect(e2e.page.getByText(/first time here\?/i).count()).resolves.toBeGreaterThan(0)
    const join = e2e.page.getByRole('link', { name: /^join/i }).first()
    const [response] = await Promise.all([e2e.page.waitForNavigation(), join.click()])
    expect(response?.status()).toBe(200)
    expect(new URL(e2e.page.url()).pathname).toBe('/join')
  })

  it('fills in the join form and is told to check their email', async () => {
    await goto(e2e.page, '/join')
    await e2e.page.getByLabel('Display name', { exact: true }).fill(newcomer.displayName)
    await e2e.page.getByLabel('Email address', { exact: true }).fill(newcomer.email)
    await e2e.page.getByLabel('Password', { exact: true }).fill(newcomer.password)
    await e2e.page.getByLabel('Which best describes you?').selectOption(newcomer.memberType)
    await e2e.page.locator('main form [name="homeLocality"]').selectOption({ label: newcomer.localityName })
    const response = await submitAndWait(e2e.page, 'Join')
    const text = await mainText(e2e.page)
    expect(response?.status(), `join should succeed, got:\n${text}`).toBeLessThan(400)
    expect(await e2e.page.locator('main [aria-invalid="true"]').count(), `join should not show field errors:\n${text}`).toBe(0)
    expect(text, 'the page after joining should tell the newcomer to check their email').toMatch(/email/i)
    // A new member is not signed in until they have confirmed their address.
    expect(new URL(e2e.page.url()).pathname).not.toBe('/account')
  })

  it('the verification email reaches the real SMTP server and links to the public /verify page', async () => {
    const mail = await e2e.smtp.waitFor((m) => addressesOf(m).includes(newcomer.email))
    expect(mail.subject ?? '', 'the verification email needs a subject').not.toBe('')
    verifyLink = publicTokenLink(mail, e2e.server.url, '/verify')
    expect(mail.html || mail.text, 'the email should have a body').toBeTruthy()
  })

  it('signing in before confirming the email is refused with a clear message', async () => {
    const response = await signInWithForm(e2e.page, newcomer.email, newcomer.password)
    const text = await mainText(e2e.page)
    expect(response?.status(), 'a refused sign-in is not a server error').toBeLessThan(500)
    expect(new URL(e2e.page.url()).pathname, `an unverified member must not be signed in:\n${text}`).not.toBe('/account')
    expect(text, 'the refusal should say the email address must be confirmed/verified first').toMatch(/(confirm|verif)/i)
    expect(text, 'the refusal should not be a generic wrong-password message').not.toMatch(/(incorrect|wrong|invalid) (email|password)/i)
    // The form keeps the email typed (but not the password).
    expect(await e2e.page.locator('main form [name="email"]').inputValue()).toBe(newcomer.email)
    expect(await e2e.page.locator('main form [name="password"]').inputValue()).toBe('')
    // Nor can they reach the account page.
    await goto(e2e.page, '/account')
    expect(new URL(e2e.page.url()).pathname).not.toBe('/account')
  })

  it('following the link confirms the email', async () => {
    expect(verifyLink, 'needs the link from the email').toBeTruthy()
    const response = await goto(e2e.page, verifyLink.href)
    const text = await mainText(e2e.page)
    expect(response.status(), `the verify page should accept the emailed token:\n${text}`).toBeLessThan(400)
    expect(text).toMatch(/(confirmed|verified)/i)
    expect(text).not.toMatch(/does not work|invalid|expired/i)
  })

  it('then signs in and sees their account with their display name and their own email address', async () => {
    const response = await signInWithForm(e2e.page, newcomer.email, newcomer.password)
    expect(response?.status()).toBeLessThan(400)
    if (new URL(e2e.page.url()).pathname !== '/account') await goto(e2e.page, '/account')
    expect(new URL(e2e.page.url()).pathname, `signed-in member should see /account:\n${await mainText(e2e.page)}`).toBe('/account')

    const text = await mainText(e2e.page)
    const displayNameValue = await e2e.page
      .getByLabel('Display name', { exact: true })
      .inputValue()
      .catch(() => '')
    expect(`${text} ${displayNameValue}`, 'account page should show the display name').toContain(newcomer.displayName)
    expect(text, 'account page should show the member their own email address').toContain(newcomer.email)

    // Member type and locality chosen at join time are kept.
    expect(await e2e.page.locator('main form [name="memberType"]').inputValue()).toBe(newcomer.memberType)
    const locality = await e2e.page.locator('main form [name="homeLocality"] option:checked').innerText()
    expect(locality.trim()).toBe(newcomer.localityName)

    // The header now has the account menu with a Sign out button, not Join / Sign in.
    const header = e2e.page.locator('header')
    await expect(header.getByRole('button', { name: /sign out/i }).count()).resolves.toBe(1)
    await expect(header.getByRole('link', { name: /^join$/i }).count()).resolves.toBe(0)
  })

  it('signs out with the Sign out button', async () => {
    await goto(e2e.page, '/account')
    const [response] = await Promise.all([
      e2e.page.waitForNavigation(),
      e2e.page
        .locator('header')
        .getByRole('button', { name: /sign out/i })
        .click(),
    ])
    expect(response?.status()).toBeLessThan(400)
    await expect(
      e2e.page
        .locator('header')
        .getByRole('button', { name: /sign out/i })
        .count(),
    ).resolves.toBe(0)
    await goto(e2e.page, '/account')
    expect(new URL(e2e.page.url()).pathname).not.toBe('/account')
  })
})
