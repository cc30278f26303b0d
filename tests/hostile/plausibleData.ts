// Plausible documents and changes for any collection or global, generated from its fields (issue 11):
// a write that a visitor or member must not make is tried with data that would otherwise pass, and
// carries a marker, so the test can prove afterwards that nothing with the marker was stored.
import type { Payload } from 'payload'

import { markdownToLexical } from '../../src/richtext/index.js'

type AnyField = Record<string, any>

/** Ids to point relationships at: one existing document per collection slug. */
export type AnyIds = Record<string, number | string | undefined>

const firstOption = (field: AnyField) => {
  const first = field.options?.[0]
  return typeof first === 'object' ? first.value : first
}

function valueFor(field: AnyField, marker: string, ids: AnyIds): unknown {
  const text = (max?: number) => (max && max < marker.length ? marker.slice(0, max) : marker)
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'code':
      return field.hasMany ? [text(field.maxLength)] : text(field.maxLength)
    case 'email':
      return `${marker}@example.org`
    case 'number':
      return field.hasMany ? [field.min ?? 1] : (field.min ?? 1)
    case 'date':
      return new Date().toISOString()
    case 'checkbox':
      return false
    case 'select':
    case 'radio':
      return field.hasMany ? [firstOption(field)] : firstOption(field)
    case 'json':
      return { probe: marker }
    case 'richText':
      return markdownToLexical(marker)
    case 'point':
      return [0, 0]
    case 'relationship':
    case 'upload': {
      if (Array.isArray(field.relationTo)) {
        const target = field.relationTo.find((slug: string) => ids[slug] !== undefined)
        if (!target) return undefined
        const value = { relationTo: target, value: ids[target] }
        return field.hasMany ? [value] : value
      }
      const id = ids[field.relationTo]
      if (id === undefined) return undefined
      return field.hasMany ? [id] : id
    }
    case 'group':
      return plausibleData(field.fields, marker, ids)
    case 'array':
      return field.required || field.minRows ? [plausibleData(field.fields, marker, ids)] : []
    default:
      return undefined
  }
}

/** A document for `fields`: every text a marker, every other field a valid-looking value. */
export function plausibleData(fields: AnyField[], marker: string, ids: AnyIds): Record<string, unknown> {
  const data: Record<string, unknown> = {}
  for (const field of fields ?? []) {
    if (field.type === 'ui' || field.virtual) continue
    if (field.type === 'row' || field.type === 'collapsible' || (field.type === 'group' && !field.name)) {
      Object.assign(data, plausibleData(field.fields, marker, ids))
      continue
    }
    if (field.type === 'tabs') {
      for (const tab of field.tabs ?? []) {
        if (tab.name) data[tab.name] = plausibleData(tab.fields, marker, ids)
        else Object.assign(data, plausibleData(tab.fields, marker, ids))
      }
      continue
    }
    if (!field.name || ['id', 'createdAt', 'updatedAt'].includes(field.name)) continue
    const value = valueFor(field, marker, ids)
    if (value !== undefined) data[field.name] = value
  }
  return data
}

/** Top-level data fields (through rows, collapsibles, unnamed tabs and groups), in order. */
function topLevel(fields: AnyField[]): AnyField[] {
  return (fields ?? []).flatMap((field) => {
    if (field.type === 'row' || field.type === 'collapsible' || (field.type === 'group' && !field.name)) return topLevel(field.fields)
    if (field.type === 'tabs') return (field.tabs ?? []).flatMap((tab: AnyField) => (tab.name ? [{ ...tab, type: 'group' }] : topLevel(tab.fields)))
    return field.name && field.type !== 'ui' && !field.virtual && !['id', 'createdAt', 'updatedAt'].includes(field.name) ? [field] : []
  })
}

export type Change = { data: Record<string, unknown>; describe: string; appliedTo: (stored: Record<string, any>) => boolean }

/**
 * A change to make to a stored document or global, and how to tell afterwards whether it was made:
 * a marker in a text or json field, else a row with a marker in an array, else a number moved by one.
 */
export function changeFor(fields: AnyField[], current: Record<string, any>, marker: string): Change | undefined {
  const fieldsHere = topLevel(fields)
  const carries = (stored: Record<string, any>) => JSON.stringify(stored ?? {}).includes(marker)
  const text = fieldsHere.find((f) => ['text', 'textarea', 'email', 'json', 'code'].includes(f.type) && !f.hasMany)
  if (text) {
    const value = text.type === 'json' ? { probe: marker } : text.type === 'email' ? `${marker}@example.org` : marker.slice(0, text.maxLength ?? marker.length)
    return { data: { [text.name]: value }, describe: `${text.name} = ${JSON.stringify(value)}`, appliedTo: carries }
  }
  const array = fieldsHere.find((f) => f.type === 'array' && topLevel(f.fields).some((s) => ['text', 'textarea'].includes(s.type)))
  if (array) {
    const row = Object.fromEntries(
      topLevel(array.fields)
        .filter((s) => ['text', 'textarea'].includes(s.type))
        .map((s) => [s.name, marker]),
    )
    return { data: { [array.name]: [...(current?.[array.name] ?? []).map(({ id, ...rest }: any) => rest), row] }, describe: `a row in ${array.name}`, appliedTo: carries }
  }
  const number = fieldsHere.find((f) => f.type === 'number' && !f.hasMany)
  if (number) {
    const before = Number(current?.[number.name] ?? number.min ?? 1)
    const value = number.max !== undefined && before + 1 > number.max ? before - 1 : before + 1
    return { data: { [number.name]: value }, describe: `${number.name} ${before} → ${value}`, appliedTo: (stored) => stored?.[number.name] === value }
  }
  // A record of flags and references only (a notification's "read", a follow): a checkbox flipped.
  const box = fieldsHere.find((f) => f.type === 'checkbox')
  if (box) {
    const value = current?.[box.name] !== true
    return { data: { [box.name]: value }, describe: `${box.name} → ${value}`, appliedTo: (stored) => (stored?.[box.name] === true) === value }
  }
  // A record of references only (a pair of stories): two references to the same collection swapped.
  const refs = fieldsHere.filter((f) => f.type === 'relationship' && !f.hasMany && typeof f.relationTo === 'string')
  const idOf = (v: any) => (v && typeof v === 'object' ? v.id : v)
  const pair = refs
    .flatMap((a, i) => refs.slice(i + 1).map((b) => [a, b] as const))
    .find(([a, b]) => a.relationTo === b.relationTo && String(idOf(current?.[a.name])) !== String(idOf(current?.[b.name])))
  if (pair) {
    const [a, b] = pair
    const [was, other] = [idOf(current?.[a.name]), idOf(current?.[b.name])]
    return { data: { [a.name]: other, [b.name]: was }, describe: `${a.name} ⇄ ${b.name}`, appliedTo: (stored) => String(idOf(stored?.[a.name])) === String(other) }
  }
  return undefined
}

/** Every stored document of a collection (access ignored), for proving what was or was not written. */
export async function allDocs(payload: Payload, collection: string): Promise<Record<string, any>[]> {
  const found = await (payload as any).find({ collection, overrideAccess: true, pagination: false, depth: 0, showHiddenFields: true })
  return found.docs
}
