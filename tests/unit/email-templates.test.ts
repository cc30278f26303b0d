// Every email has a plain-text part made from the same words as its HTML. Each template below is rendered
// with sample data (the compiler asks for a sample for every template in src/email/templates.ts), and the
// text part must say what the HTML says: the same words, every link's address, nothing escaped.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'

import { composeEmail, heading, link, list, paragraph, quote, small, type EmailBody } from '../../src/email/compose.js'
import * as templates from '../../src/email/templates.js'
import { roughTextOf, textPartFor, withTextPart } from '../../src/email/textPart.js'
import { unsubscribeParts } from '../../src/email/unsubscribe.js'
import { changeEmail, reminderEmail, type MeetingForEmail } from '../../src/meetings/emails.js'

type Templates = Omit<typeof templates, 'escapeHtml'>
const HOSTILE = `Sam <script>alert("x")</script> & "Jo"`
const SAMPLES: { [K in keyof Templates]: Parameters<Templates[K]> } = {
  verifyEmail: [{ displayName: HOSTILE, token: 'tok-123' }],
  resetPasswordEmail: [{ token: 'tok-456' }],
  alreadyRegisteredEmail: [],
  emailChangedEmail: [{ displayName: HOSTILE }],
}

const meeting: MeetingForEmail = {
  id: 7,
  title: `Burnley forum <b>`,
  startsAt: '2026-12-10T18:00:00Z',
  endsAt: '2026-12-10T20:00:00Z',
  venue: { name: 'Hub & Café', address: '1 Road\nBurnley', accessibility: 'Step-free' },
  online: 'Call 0123',
  cancellationReason: 'Snow',
}
const member = { id: 3, email: 'm@example.org', displayName: HOSTILE }

const everyEmail: [string, EmailBody][] = [
  ...Object.entries(SAMPLES).map(([name, args]) => [name, (templates[name as keyof Templates] as (...a: unknown[]) => EmailBody)(...args)] as [string, EmailBody]),
  ['meeting reminder', reminderEmail(meeting, member as never).body],
  ['meeting moved', changeEmail('moved', meeting, '2026-12-09T18:00:00Z', member as never).body],
  ['meeting cancelled', changeEmail('cancelled', meeting, '2026-12-09T18:00:00Z', member as never).body],
  [
    'every block',
    composeEmail([
      paragraph('A ', link('https://x.example/a?b=1&c=2', 'link'), ' in words.'),
      quote('Line one\nline two'),
      heading('Heading'),
      list([['one'], ['two ', link('https://x.example/2', 'two')]]),
      small('Small print'),
      unsubscribeParts(5, 'digest').block,
    ]),
  ],
]

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
const hrefsOf = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'))

describe.each(everyEmail)('%s', (_name, body) => {
  test('has both parts, and the text part is text', () => {
    expect(body.html).toMatch(/<p[ >]/)
    expect(body.text.trim().length).toBeGreaterThan(20)
    expect(body.text).not.toMatch(/<\/?(p|a|br|strong|ul|li|h2|blockquote|span|html|body)\b/i)
    expect(body.text).not.toMatch(/&(amp|lt|gt|quot|#39);/)
  })

  test('the text says what the HTML says: the same words, and every link’s address', () => {
    expect(words(body.text).sort()).toEqual(expect.arrayContaining(words(roughTextOf(body.html)).filter((w) => !/^(nbsp|middot)$/.test(w))))
    for (const href of hrefsOf(body.html)) expect(body.text).toContain(href)
  })
})

test('what members typed is escaped in the HTML and as typed in the text', () => {
  const body = templates.emailChangedEmail({ displayName: HOSTILE })
  expect(body.html).not.toContain('<script>')
  expect(body.html).toContain('&lt;script&gt;')
  expect(body.text).toContain(HOSTILE)
})

test('the crisis numbers are in both parts of the account emails', () => {
  const body = templates.verifyEmail({ token: 't' })
  expect(body.html).toContain('116')
  expect(body.text).toMatch(/not a helpline[\s\S]*116/)
})

test('the adapter adds the composed text to Payload’s HTML-only emails, and a rough text (with an error logged) to any other', async () => {
  const sent: Record<string, unknown>[] = []
  const errors: unknown[] = []
  const adapter = await withTextPart(() => ({ name: 'test', defaultFromAddress: 'a@b', defaultFromName: 'A', sendEmail: async (message) => void sent.push(message as never) }))
  const ready = adapter({ payload: { logger: { error: (e: unknown) => errors.push(e) } } as never })
  const verify = templates.verifyEmail({ token: 'abc' })
  await ready.sendEmail({ to: 'x@y', subject: 's', html: verify.html })
  expect(sent[0]!.text).toBe(verify.text)
  expect(errors).toEqual([])
  await ready.sendEmail({ to: 'x@y', subject: 's', html: '<p>Bare <a href="https://x.example/">link</a> &amp; more</p>' })
  expect(sent[1]!.text).toBe('Bare link (https://x.example/) & more\n')
  expect(errors).toHaveLength(1)
  await ready.sendEmail({ to: 'x@y', subject: 's', html: '<p>Hi</p>', text: 'Own text' })
  expect(sent[2]!.text).toBe('Own text')
  expect(textPartFor(verify.html)).toBe(verify.text)
})

test('no email is written as bare HTML: nothing outside src/email passes html to sendEmail or queueEmail', () => {
  const root = path.resolve(import.meta.dirname, '../..')
  const offenders: string[] = []
  for (const dir of ['src', 'collections']) {
    for (const file of fs.readdirSync(path.join(root, dir), { recursive: true }) as string[]) {
      if (!/\.tsx?$/.test(file) || file.startsWith('email/') || file.includes('payload-types')) continue
      const source = fs.readFileSync(path.join(root, dir, file), 'utf8')
      if (/(sendEmail|queueEmail)\(/.test(source) && /\bhtml:\s*[`'"]/.test(source)) offenders.push(`${dir}/${file}`)
    }
  }
  expect(offenders).toEqual([])
})
