// Every date field in the admin reads the UK way ("4 Mar 2027, 18:30"). Payload's date picker falls
// back to American formats ("Mar 4, 2027 6:30 PM", "03/04/2027") where a field names none, so each
// date field without its own displayFormat gets one that matches its picker. Lists and the document
// header use admin.dateFormat (src/payload.config.ts).
import type { Field } from 'payload'

export const UK_DATE_TIME = 'd MMM yyyy, HH:mm'
const UK_FORMATS: Record<string, string> = { dayOnly: 'd MMM yyyy', dayAndTime: UK_DATE_TIME, timeOnly: 'HH:mm', monthOnly: 'MMMM yyyy' }

function withUkFormat(field: Field): Field {
  if (field.type === 'date') {
    const date = field.admin?.date ?? {}
    if (date.displayFormat) return field
    const format = UK_FORMATS[date.pickerAppearance ?? 'dayAndTime'] ?? UK_DATE_TIME
    return { ...field, admin: { ...field.admin, date: { ...date, displayFormat: format } as never } }
  }
  if ('fields' in field && Array.isArray(field.fields)) return { ...field, fields: field.fields.map(withUkFormat) } as Field
  if (field.type === 'tabs') return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: tab.fields.map(withUkFormat) })) }
  if (field.type === 'blocks') return { ...field, blocks: field.blocks.map((block) => ({ ...block, fields: block.fields.map(withUkFormat) })) }
  return field
}

export function withUkDates<T extends { fields: Field[] }>(entities: T[]): T[] {
  return entities.map((entity) => ({ ...entity, fields: entity.fields.map(withUkFormat) }))
}
