// Issue 10, "existing sites get the new lexicon too": the data migration adds the default entries a
// site does not have, leaves what moderators changed alone, and adds nothing the second time.
import { expect, test } from 'vitest'

import { bootPayload } from '../support/payload.js'

test('the default lexicon reaches an existing site without touching its own entries', async () => {
  const payload = await bootPayload()
  const { DEFAULT_WATCHED_WORDS } = await import('../../src/moderation/defaultLexicon.js')
  const { addMissingDefaultWords } = await import('../../src/moderation/installLexicon.js')
  const everything = () => payload.find({ collection: 'watched-words', pagination: false, depth: 0, overrideAccess: true })

  // The migrations already ran on this fresh database: every default entry is there once.
  const installed = await everything()
  const phrases = installed.docs.map((d) => d.phrase)
  for (const word of DEFAULT_WATCHED_WORDS) expect(phrases.filter((p) => p === word.phrase)).toHaveLength(1)

  // An existing site: a moderator's own entry, a default entry they changed, and one they deleted.
  const [changed, deleted] = [DEFAULT_WATCHED_WORDS[0]!, DEFAULT_WATCHED_WORDS[1]!]
  const own = await payload.create({ collection: 'watched-words', data: { phrase: 'our own words', kind: 'phrase', action: 'flag', note: 'ours' }, overrideAccess: true })
  const changedDoc = installed.docs.find((d) => d.phrase === changed.phrase)!
  await payload.update({ collection: 'watched-words', id: changedDoc.id, data: { action: 'flag', note: 'we lowered this' }, overrideAccess: true })
  await payload.delete({ collection: 'watched-words', where: { phrase: { equals: deleted.phrase } }, overrideAccess: true })

  const added = await addMissingDefaultWords(payload)
  const after = await everything()
  expect(added).toBe(1) // only the deleted default comes back when the installer runs again by hand
  expect(after.docs.find((d) => d.id === own.id)?.note).toBe('ours')
  const changedAfter = after.docs.find((d) => d.phrase === changed.phrase)!
  expect(changedAfter.action).toBe('flag')
  expect(changedAfter.note).toBe('we lowered this')
  expect(await addMissingDefaultWords(payload)).toBe(0)

  // Every adapter's migration list runs the data migration after the schema that gives entries a kind.
  for (const adapter of ['sqlite', 'postgres', 'mongodb'] as const) {
    const { migrations } = await import(`../../src/migrations/${adapter}/index.ts`)
    const names = (migrations as { name: string }[]).map((m) => m.name)
    const data = names.findIndex((n) => n.endsWith('_crisis_lexicon_data'))
    expect(data, `${adapter} has the lexicon data migration`).toBeGreaterThanOrEqual(0)
    if (adapter === 'mongodb') continue
    const schema = names.findIndex((n) => n.endsWith('_safeguarding'))
    expect(schema, `${adapter} has the safeguarding schema migration`).toBeGreaterThanOrEqual(0)
    expect(schema).toBeLessThan(data)
  }
})
