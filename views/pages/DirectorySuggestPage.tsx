// The form for suggesting a directory entry, or a correction to one: the same fields, kept as typed when
// something needs fixing. "When it meets" is written as in the directory's spreadsheet ("Tue 19:00; 1st Sat 10:30").
import { ACCESSIBILITY_TAGS } from '../../src/policies/directory.js'
import type { DirectoryKindView } from '../../src/presenters/directory.js'
import { ErrorSummary, PostForm, SelectField, TextAreaField, TextField, type FieldErrors } from '../components/Form.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'

export type SuggestFormValues = {
  name?: string
  kind?: string
  locality?: string
  address?: string
  postcode?: string
  meets?: string
  meetsNote?: string
  cost?: string
  contact?: string
  website?: string
  accessibility?: string[]
  description?: string
  correctionNote?: string
}

export const SUGGEST_LABELS: Record<string, string> = {
  name: 'Name of the group or service',
  kind: 'Kind',
  locality: 'Locality',
  address: 'Address',
  postcode: 'Postcode',
  meets: 'When it meets',
  meetsNote: 'Anything else about the times',
  cost: 'Cost',
  contact: 'Public contact number or email',
  website: 'Website',
  accessibility: 'Accessibility',
  description: 'What it offers, and who it is for',
  correctionNote: 'What is wrong or has changed',
}

export function DirectorySuggestPage({
  ctx,
  action,
  heading,
  kinds,
  values,
  errors = {},
  correcting,
}: {
  ctx: PageContext
  action: string
  heading: string
  kinds: DirectoryKindView[]
  values: SuggestFormValues
  errors?: FieldErrors
  /** The entry's name when this is a correction. */
  correcting?: string
}) {
  const chosen = new Set(values.accessibility ?? [])
  return (
    <Layout ctx={ctx} title={heading}>
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} labels={SUGGEST_LABELS} />
      <p className="lead">
        {correcting ? `Change what is wrong about ${correcting}, and tell us what you changed.` : 'Tell us about a group or service that helps people in recovery.'} A moderator checks it before it
        appears. Only the moderators see that you suggested it.
      </p>
      <p>Please give only the group’s public details: never the name or number of a person who goes there.</p>
      <PostForm action={action} csrfToken={ctx.csrfToken} label={heading}>
        {correcting ? (
          <TextAreaField name="correctionNote" label={SUGGEST_LABELS.correctionNote!} value={values.correctionNote} error={errors.correctionNote} required maxLength={1000} rows={3} />
        ) : null}
        <TextField name="name" label={SUGGEST_LABELS.name!} value={values.name} error={errors.name} required maxLength={140} />
        <SelectField
          name="kind"
          label={SUGGEST_LABELS.kind!}
          options={kinds.map((k) => ({ value: k.slug, label: k.name }))}
          value={values.kind}
          error={errors.kind}
          required
          placeholder="Choose a kind"
        />
        <SelectField
          name="locality"
          label={SUGGEST_LABELS.locality!}
          options={ctx.localities.map((l) => ({ value: l.slug, label: l.name }))}
          value={values.locality}
          error={errors.locality}
          required
          placeholder="Choose a locality"
        />
        <TextAreaField name="address" label={SUGGEST_LABELS.address!} value={values.address} error={errors.address} maxLength={300} rows={3} />
        <TextField name="postcode" label={SUGGEST_LABELS.postcode!} value={values.postcode} error={errors.postcode} maxLength={10} autoComplete="off" />
        <TextField
          name="meets"
          label={SUGGEST_LABELS.meets!}
          value={values.meets}
          error={errors.meets}
          maxLength={300}
          hint='Each time as a day and a 24-hour time, separated by semicolons: "Tue 19:00" for every Tuesday, "1st Sat 10:30" or "last Fri 18:00" for once a month.'
        />
        <TextField name="meetsNote" label={SUGGEST_LABELS.meetsNote!} value={values.meetsNote} error={errors.meetsNote} maxLength={200} hint='For example "not on bank holidays".' />
        <TextField name="cost" label={SUGGEST_LABELS.cost!} value={values.cost} error={errors.cost} maxLength={120} hint='For example "Free" or "£2 for tea".' />
        <TextField name="contact" label={SUGGEST_LABELS.contact!} value={values.contact} error={errors.contact} maxLength={200} />
        <TextField name="website" label={SUGGEST_LABELS.website!} value={values.website} error={errors.website} maxLength={300} hint="An address starting https://" />
        <fieldset id="field-accessibility">
          <legend>{SUGGEST_LABELS.accessibility}</legend>
          {ACCESSIBILITY_TAGS.map((tag) => (
            <div className="checkbox" key={tag.value}>
              <input id={`access-${tag.value}`} type="checkbox" name="accessibility" value={tag.value} defaultChecked={chosen.has(tag.value)} />
              <label htmlFor={`access-${tag.value}`}>{tag.label}</label>
            </div>
          ))}
        </fieldset>
        <TextAreaField name="description" label={SUGGEST_LABELS.description!} value={values.description} error={errors.description} maxLength={1000} rows={4} />
        <button type="submit" className="button">
          {correcting ? 'Send the correction' : 'Send the suggestion'}
        </button>
      </PostForm>
    </Layout>
  )
}
