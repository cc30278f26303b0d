// Issue 3, section 8: the public stories pages work without JavaScript. /stories/new shows its errors
// next to the fields (and announces them), keeps everything typed and chosen, saves a draft, sends a
// story; the content warning is a <details> that opens without JavaScript; the author withdraws
// through the link, the confirmation page and its button — all in Chromium with JavaScript off.
import { beforeAll, describe, expect, it } from 'vitest'

import { expectFieldError, fieldState, goto, mainText, normalise, signInWithForm, submitAndWait, useBrowserServer } from './helpers.js'

const e2e = useBrowserServer({ javaScriptEnabled: false })

const typed = {
  title: 'Finding the allotment',
  summary: 'How a patch of earth gave my weeks a shape.',
  body: 'I did not think I would like gardening.\n\n## The first spring\n\n- digging\n- weeding\n\n> Slow is still moving.\n\nThe society has a page: [Allotments](https://example.org/allotments).',
  locality: '3', // Lancashire East (the select's value), checked below by its label
  localityLabel: 'Lancashire East',
  themes: ['connection', 'give'],
  warnings: ['bereavement'],
  note: 'a hospital stay',
  penName: 'Spade and Fork',
}

let storyId = ''
let slug = ''

beforeAll(async () => {
  await signInWithForm(e2e.page, 'member@waymark.example', e2e.server.seedPassword)
  expect(new URL(e2e.page.url()).pathname, 'the demo member signs in without JavaScript').toBe('/account')
})

/** The text of the elements a control (or fieldset) names in aria-describedby. */
async function describedBy(selector: string): Promise<string> {
  return e2e.page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)
      return ids
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim()
    })
}

describe('/stories/new without JavaScript', () => {
  it('JavaScript really is off in this browser context', async () => {
    await e2e.page.setContent('<title>before</title><script>document.title = "scripts ran"</script>')
    expect(await e2e.page.title()).toBe('before')
  })

  it('an empty form comes back with each error next to its field, announced, and a summary linking to them', async () => {
    await goto(e2e.page, '/stories/new')
    const response = await submitAndWait(e2e.page, 'Send to the moderators')
    const text = await mainText(e2e.page)
    expect(response?.status(), `a refused form is not a server error:\n${text}`).toBeGreaterThanOrEqual(400)
    expect(response?.status()).toBeLessThan(500)
    expect(new URL(e2e.page.url()).pathname).toBe('/stories/new')

    await expectFieldError(e2e.page, 'title', /title/i)
    await expectFieldError(e2e.page, 'body', /story/i)

    // The consent choices are groups: the error is inside the group and named by the fieldset.
    for (const [group, pattern] of [
      ['Who can read your story?', /choose who can read/i],
      ['How should it be signed?', /choose how/i],
      ['May short quotes go into reports?', /yes or no/i],
    ] as const) {
      const fieldset = e2e.page.locator('main fieldset').filter({ has: e2e.page.locator('legend', { hasText: group }) })
      expect(await fieldset.count(), `the "${group}" group`).toBe(1)
      expect(normalise(await fieldset.innerText()), `"${group}": the error is printed inside the group`).toMatch(pattern)
      const id = await fieldset.getAttribute('id')
      expect(await describedBy(`main fieldset#${id}`), `"${group}": the group's aria-describedby names the error`).toMatch(pattern)
    }

    // The summary lists every error and links to a field that exists.
    const summary = e2e.page.locator('main [role="alert"]').first()
    expect(normalise(await summary.innerText())).toMatch(/problem/i)
    const hrefs = await summary.locator('a[href^="#"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!))
    expect(hrefs.length, 'one link per error').toBeGreaterThanOrEqual(6)
    for (const href of hrefs) expect(await e2e.page.locator(href).count(), `the summary link ${href} points at something on the page`).toBe(1)
  })

  it('the consent checkbox error is announced like the other fields (aria-invalid, described, printed next to it)', async () => {
    // Still on the refused empty form from the test before.
    expect(new URL(e2e.page.url()).pathname).toBe('/stories/new')
    await expectFieldError(e2e.page, 'agree', /consent|tick/i)
  })

  it('everything typed and chosen is kept when the form comes back with an error', async () => {
    await goto(e2e.page, '/stories/new')
    const form = e2e.page.locator('main form').filter({ has: e2e.page.getByRole('button', { name: 'Send to the moderators' }) })
    await form.getByLabel('Title', { exact: true }).fill(typed.title)
    await form.getByLabel('Summary', { exact: true }).fill(typed.summary)
    await form.getByLabel('Your story', { exact: true }).fill(typed.body)
    await form.getByLabel('Locality', { exact: true }).selectOption({ label: typed.localityLabel })
    for (const theme of typed.themes) await form.locator(`input[name="themes"][value="${theme}"]`).check()
    for (const warning of typed.warnings) await form.locator(`input[name="contentWarnings"][value="${warning}"]`).check()
    await form.getByLabel('Other content warning', { exact: true }).fill(typed.note)
    await form.getByRole('group', { name: 'Who can read your story?' }).getByRole('radio', { name: 'Waymark members only', exact: true }).check()
    await form.getByRole('group', { name: 'How should it be signed?' }).getByRole('radio', { name: 'A pen name', exact: true }).check()
    await form.getByLabel(/^Pen name/).fill(typed.penName)
    await form.getByRole('group', { name: 'May short quotes go into reports?' }).getByRole('radio', { name: /^Yes/ }).check()
    // The consent box is left unticked on purpose.

    const response = await submitAndWait(e2e.page, 'Send to the moderators')
    expect(response?.status()).toBeGreaterThanOrEqual(400)
    expect(response?.status()).toBeLessThan(500)

    expect((await fieldState(e2e.page, 'title')).value).toBe(typed.title)
    expect((await fieldState(e2e.page, 'summary')).value).toBe(typed.summary)
    expect((await fieldState(e2e.page, 'body')).value, 'the story is kept exactly, blank lines and all').toBe(typed.body)
    expect((await fieldState(e2e.page, 'contentWarningNote')).value).toBe(typed.note)
    expect((await fieldState(e2e.page, 'penName')).value).toBe(typed.penName)
    expect(await e2e.page.locator('main form select[name="locality"] option:checked').innerText()).toBe(typed.localityLabel)
    const checked = async (name: string) => e2e.page.locator(`main form input[name="${name}"]:checked`).evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value).sort())
    expect(await checked('themes')).toEqual([...typed.themes].sort())
    expect(await checked('contentWarnings')).toEqual(typed.warnings)
    expect(await checked('audience')).toEqual(['members'])
    expect(await checked('byline')).toEqual(['pen-name'])
    expect(await checked('quoteInReports')).toEqual(['yes'])
    expect(await checked('agree')).toEqual([])

    // Only the consent box is in error.
    expect(await e2e.page.locator('main [aria-invalid="true"]').evaluateAll((els) => els.map((el) => el.getAttribute('name')))).not.toContain('title')
    expect(normalise(await e2e.page.locator('main [role="alert"]').first().innerText())).toMatch(/consent/i)
  })

  it('ticking the consent box and sending lands on the manage page', async () => {
    expect(new URL(e2e.page.url()).pathname).toBe('/stories/new')
    await e2e.page.getByRole('checkbox', { name: 'I have read this and I give my consent on these terms.' }).check()
    const response = await submitAndWait(e2e.page, 'Send to the moderators')
    const text = await mainText(e2e.page)
    expect(response?.status(), text).toBe(200)
    const match = new URL(e2e.page.url()).pathname.match(/^\/account\/stories\/([^/]+)$/)
    expect(match, `lands on /account/stories/:id, not ${e2e.page.url()}`).toBeTruthy()
    storyId = match![1]!
    expect(text).toContain(typed.title)
    expect(text, 'the consent chosen is shown').toMatch(/members/i)
    expect(text, 'the signature chosen is shown').toMatch(/pen name/i)
    const href = await e2e.page.locator('main a[href^="/stories/"]').filter({ hasNotText: /new/i }).first().getAttribute('href')
    slug = href!.replace(/^\/stories\//, '')
  })

  it('the story page renders the formatting, the pen-name byline and a content warning that opens without JavaScript', async () => {
    expect(slug, 'needs the story sent in the test before').not.toBe('')
    const response = await goto(e2e.page, `/stories/${slug}`)
    expect(response.status(), 'the author can read their own story').toBe(200)
    const text = await mainText(e2e.page)
    expect(text, 'signed with the pen name').toContain(typed.penName)
    const details = e2e.page.locator('main details').first()
    expect(await details.count()).toBe(1)
    expect(normalise(await details.locator('summary').innerText())).toMatch(/Bereavement/)
    const line = e2e.page.locator('main p', { hasText: 'I did not think I would like gardening.' })
    expect(await line.isVisible(), 'hidden until the warning is opened').toBe(false)
    await details.locator('summary').click()
    expect(await line.isVisible(), 'opens without JavaScript').toBe(true)
    expect(await e2e.page.locator('main h2', { hasText: 'The first spring' }).count()).toBe(1)
    expect(await e2e.page.locator('main li', { hasText: 'weeding' }).count()).toBe(1)
    expect(await e2e.page.locator('main blockquote', { hasText: 'Slow is still moving.' }).count()).toBe(1)
    expect(await e2e.page.locator('main a', { hasText: 'Allotments' }).getAttribute('href')).toMatch(/^https:\/\/example\.org\/allotments/)
  })

  it('"Save as draft" works without JavaScript and needs no consent yet', async () => {
    await goto(e2e.page, '/stories/new')
    await e2e.page.getByLabel('Title', { exact: true }).fill('A draft for later')
    await e2e.page.getByLabel('Your story', { exact: true }).fill('Just the first lines for now.')
    const response = await submitAndWait(e2e.page, 'Save as draft')
    const text = await mainText(e2e.page)
    expect(response?.status(), text).toBe(200)
    expect(new URL(e2e.page.url()).pathname, text).toMatch(/^\/account\/stories\/[^/]+$/)
    expect(text).toMatch(/draft/i)
    await goto(e2e.page, '/account/stories')
    expect(normalise(await e2e.page.locator('main').getByRole('row').filter({ hasText: 'A draft for later' }).first().innerText())).toMatch(/draft/i)
  })

  it('the author withdraws without JavaScript: link, confirmation page, button', async () => {
    await goto(e2e.page, `/account/stories/${storyId}`)
    const [toConfirm] = await Promise.all([e2e.page.waitForNavigation(), e2e.page.locator('main').getByRole('link', { name: 'Withdraw my story' }).click()])
    expect(toConfirm?.status()).toBe(200)
    expect(new URL(e2e.page.url()).pathname).toBe(`/account/stories/${storyId}/withdraw`)
    const response = await submitAndWait(e2e.page, 'Yes, withdraw my story')
    expect(response?.status(), await mainText(e2e.page)).toBe(200)
    expect(await mainText(e2e.page)).toMatch(/withdrawn/i)
  })
})
