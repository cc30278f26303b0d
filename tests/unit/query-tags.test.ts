// A cached answer must be invalidated by writes to every collection its query reached, not only the one it
// listed: a visitor's thread list is filtered through the thread's forum (`locality.forumVisibility`) and a
// reply through its thread (`thread.status`). The cases are generated from the config, so a new
// relationship cannot be forgotten.
import type { Access, Where } from 'payload'
import { beforeAll, describe, expect, test } from 'vitest'

import { relatedReadTags, type FieldShape, type FieldsOf } from '../../src/cache/queryTags.js'

type Collection = { slug: string; flattenedFields: FieldShape[]; access: { read?: Access } }
let collections: Collection[]
let fieldsOf: FieldsOf

beforeAll(async () => {
  process.env.PAYLOAD_SECRET ??= 'unit-test-secret'
  const config = await (await import('../../src/payload.config.js')).default
  collections = config.collections as unknown as Collection[]
  fieldsOf = (slug) => collections.find((collection) => collection.slug === slug)?.flattenedFields
})

const visitorWhere = async (slug: string): Promise<Where> => {
  const read = collections.find((collection) => collection.slug === slug)!.access.read!
  const verdict = await read({ req: { user: null } } as never)
  if (typeof verdict !== 'object') throw new Error(`Arrange failed: a visitor's read of ${slug} is not a query (${String(verdict)})`)
  return verdict
}

describe("a visitor's read access", () => {
  test('threads depend on their forum (localities)', async () => {
    expect([...relatedReadTags(fieldsOf, 'threads', { where: await visitorWhere('threads') })]).toContain('c:localities')
  })
  test('replies depend on their thread and their forum', async () => {
    const tags = relatedReadTags(fieldsOf, 'replies', { where: { and: [{ id: { equals: 1 } }, await visitorWhere('replies')] } })
    expect([...tags].sort()).toEqual(expect.arrayContaining(['c:localities', 'c:threads']))
  })
})

describe('every relationship in the config', () => {
  test('a where path through it, nested in and/or, notes the related collection', () => {
    let checked = 0
    for (const collection of collections) {
      for (const field of collection.flattenedFields) {
        if (field.type !== 'relationship' && field.type !== 'upload') continue
        const targets = Array.isArray(field.relationTo) ? field.relationTo : [field.relationTo!]
        const path = targets.length === 1 ? `${field.name}.id` : `${field.name}.value`
        const tags = relatedReadTags(fieldsOf, collection.slug, { where: { or: [{ and: [{ [path]: { exists: true } }] }] } })
        for (const target of targets) expect(tags.has(`c:${target}`), `${collection.slug}.${path} → ${target}`).toBe(true)
        checked += 1
      }
    }
    expect(checked).toBeGreaterThan(20)
  })
})

describe('paths', () => {
  test('a sort through a relationship, either way round, counts', () => {
    expect([...relatedReadTags(fieldsOf, 'stories', { sort: '-locality.name' })]).toEqual(['c:localities'])
    expect([...relatedReadTags(fieldsOf, 'stories', { sort: ['title', 'author.displayName'] })]).toEqual(['c:users'])
  })
  test('two hops note both collections', () => {
    expect([...relatedReadTags(fieldsOf, 'replies', { where: { 'thread.locality.slug': { equals: 'x' } } })].sort()).toEqual(['c:localities', 'c:threads'])
  })
  test("a version's fields are read under version.", () => {
    expect([...relatedReadTags(fieldsOf, 'stories', { where: { 'version.locality.slug': { equals: 'x' } } })]).toEqual(['c:localities'])
  })
  test("the collection's own fields, ids of relations and unknown paths add nothing", () => {
    expect(relatedReadTags(fieldsOf, 'stories', { where: { title: { equals: 'x' }, locality: { equals: 1 }, 'no.such.path': { equals: 1 } } }).size).toBe(0)
  })
})
