// What anyone may see of a local crisis service: it is public information, shown on the crisis panel.
export type LocalCrisisService = { name: string; phone: string | null; tel: string | null; text: string | null; website: string | null; hours: string | null; note: string | null }

const clean = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null)

export function presentCrisisService(doc: Record<string, any>): LocalCrisisService {
  const phone = clean(doc.phone)
  return { name: String(doc.name), phone, tel: phone ? phone.replace(/[^0-9+]/g, '') : null, text: clean(doc.text), website: clean(doc.website), hours: clean(doc.hours), note: clean(doc.note) }
}
