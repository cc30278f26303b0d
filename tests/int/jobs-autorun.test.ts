// The jobs queue runs by itself inside the server process: a crisis-held submission emails the
// safeguarding leads within seconds, with no manual `jobs.run()` and no story text in the email.
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'

import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'

const outbox = () => path.join(process.env.WAYMARK_DATA_DIR!, 'outbox')
const emails = () => (fs.existsSync(outbox()) ? fs.readdirSync(outbox()).map((f) => fs.readFileSync(path.join(outbox(), f), 'utf8')) : [])

test('a crisis-held submission alerts the safeguarding leads through the self-running queue', async () => {
  process.env.WAYMARK_JOBS = 'on'
  const payload = await bootPayload()
  // The default crisis lexicon arrives with the migrations (every site has it).
  const { giveConsent, submitStory } = await import('../../src/commands/stories/authorActions.js')
  const { markdownToLexical } = await import('../../src/richtext/index.js')

  const lead = await createMember(payload, { roles: ['moderator'] })
  await payload.update({ collection: 'users', id: lead.id, data: { isSafeguardingLead: true } })
  const author = await createMember(payload)
  const marker = `lanternfish${Date.now()}`
  const story = await payload.create({
    collection: 'stories',
    data: { title: `Tonight ${marker}`, summary: '', body: markdownToLexical(`I don't want to wake up tomorrow. ${marker}`), themes: [] } as never,
    overrideAccess: false,
    user: author,
  })
  expect(story.crisisHold).toBe(true)
  await giveConsent(payload, author, story.id, { audience: 'public', byline: 'anonymous', quoteInReports: false })
  await submitStory(payload, author, story.id)

  const deadline = Date.now() + 20_000
  let alert: string | undefined
  while (!alert && Date.now() < deadline) {
    alert = emails().find((mail) => mail.includes(String(lead.email)) && /safeguarding/i.test(mail))
    if (!alert) await new Promise((resolve) => setTimeout(resolve, 250))
  }
  expect(alert, 'the urgent alert should arrive without anyone running the queue').toBeTruthy()
  expect(alert).not.toContain(marker)
  // Issue 10: the alert goes out when the crisis words are saved, draft or not, and links the crisis queue.
  expect(alert).toContain('/admin/queue#crisis-')
})
