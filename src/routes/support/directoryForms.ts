// The directory's suggestion forms: the fields, their checks, and an entry's values to start a correction from.
import type { PageContext } from '../../../views/components/PageContext.js'
import type { SuggestFormValues } from '../../../views/pages/DirectorySuggestPage.js'
import type { EntryValues } from '../../commands/directory/suggest.js'
import { isAccessibilityTag, parseMeetingTimes } from '../../policies/directory.js'
import type { DirectoryEntryView, DirectoryKindView } from '../../presenters/directory.js'
import { formList, formText, type FieldErrors } from '../support.js'

export const SUGGESTION_FORM = {
  name: formText(140),
  kind: formText(80),
  locality: formText(80),
  address: formText(300),
  postcode: formText(10),
  meets: formText(300),
  meetsNote: formText(200),
  cost: formText(120),
  contact: formText(200),
  website: formText(300),
  accessibility: formList(20),
  description: formText(1000),
  correctionNote: formText(1000),
}

/** Checks a suggestion form: every problem by field, or the values the command takes. */
export function checkSuggestion(form: SuggestFormValues, kinds: DirectoryKindView[], ctx: PageContext, correction: boolean): { errors: FieldErrors } | { values: EntryValues } {
  const errors: FieldErrors = {}
  const kind = kinds.find((k) => k.slug === form.kind)
  const locality = ctx.localities.find((l) => l.slug === form.locality)
  if (!form.name?.trim()) errors.name = 'Give the name of the group or service.'
  if (!kind) errors.kind = 'Choose what kind of group or service it is.'
  if (!locality) errors.locality = 'Choose the locality it is in (or the county).'
  const meets = parseMeetingTimes(form.meets ?? '')
  if (!meets.ok) errors.meets = meets.error
  if (form.postcode?.trim() && !/^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/i.test(form.postcode.trim())) errors.postcode = 'A UK postcode, such as PR1 2AB.'
  if (form.website?.trim() && !/^https:\/\/[^\s<>"]+$/.test(form.website.trim())) errors.website = 'A web address starting https://'
  if ((form.accessibility ?? []).some((tag) => !isAccessibilityTag(tag))) errors.accessibility = 'Choose from the list.'
  if (correction && !form.correctionNote?.trim()) errors.correctionNote = 'Tell the moderators what is wrong or has changed.'
  if (Object.keys(errors).length > 0 || !kind || !locality || !meets.ok) return { errors }
  return {
    values: {
      name: form.name!,
      kindId: kind.id,
      localityId: String(locality.id),
      address: form.address ?? '',
      postcode: form.postcode ?? '',
      meets: meets.value,
      meetsNote: form.meetsNote ?? '',
      cost: form.cost ?? '',
      contact: form.contact ?? '',
      website: form.website ?? '',
      accessibility: form.accessibility ?? [],
      description: form.description ?? '',
    },
  }
}

export const formValuesOf = (entry: DirectoryEntryView): SuggestFormValues => ({
  name: entry.name,
  kind: entry.kind?.slug,
  locality: entry.locality?.slug,
  address: entry.address ?? '',
  postcode: entry.postcode ?? '',
  meets: entry.meets.map((m) => m.short).join('; '),
  meetsNote: entry.meetsNote ?? '',
  cost: entry.cost ?? '',
  contact: entry.contact ?? '',
  website: entry.website ?? '',
  accessibility: entry.accessibility.map((a) => a.value),
  description: entry.description ?? '',
})
