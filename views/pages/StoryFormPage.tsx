import { MEMBER_TYPES } from '../../src/policies/memberTypes.js'
import { CONTENT_WARNINGS, RECOVERY_STAGES, STORY_THEMES, STORY_TONES } from '../../src/policies/storyTaxonomy.js'
import { ConsentFields, type ConsentValues } from '../components/ConsentFields.js'
import { ErrorSummary, PostForm, SelectField, TextField, type FieldErrors } from '../components/Form.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'

export type StoryFormValues = {
  title?: string
  summary?: string
  body?: string
  locality?: string
  themes?: string[]
  contentWarnings?: string[]
  contentWarningNote?: string
  coverAlt?: string
  narratorType?: string
  experienceTags?: string[]
  recoveryStage?: string
  tone?: string
}

/** A moderator-managed experience tag, as the form offers it. */
export type StoryTagOption = { value: string; label: string }

export const STORY_FORM_LABELS: Record<string, string> = {
  title: 'Title',
  summary: 'Summary',
  body: 'Your story',
  locality: 'Locality',
  cover: 'Picture',
  coverAlt: 'Picture description',
  audience: 'Who can read your story',
  byline: 'How it is signed',
  penName: 'Pen name',
  quoteInReports: 'Quotes in reports',
  agree: 'Consent',
  form: 'Story',
}

type Props = {
  ctx: PageContext
  action: string
  heading: string
  values: StoryFormValues
  consent: ConsentValues
  errors?: FieldErrors
  /** A published story: edits go to the moderators as a revision. */
  editingPublished?: boolean
  askConsent?: boolean
  hasCover?: boolean
  /** The experience tags moderators keep (story-tags). */
  tags?: StoryTagOption[]
}

function CheckboxGroup({ name, legend, options, checked }: { name: string; legend: string; options: readonly { value: string; label: string }[]; checked: string[] }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((option) => (
        <div className="checkbox" key={option.value}>
          <input type="checkbox" id={`${name}-${option.value}`} name={name} value={option.value} defaultChecked={checked.includes(option.value)} />
          <label htmlFor={`${name}-${option.value}`}>{option.label}</label>
        </div>
      ))}
    </fieldset>
  )
}

export function StoryFormPage({ ctx, action, heading, values, consent, errors = {}, editingPublished = false, askConsent = true, hasCover = false, tags = [] }: Props) {
  return (
    <Layout ctx={ctx} title={heading}>
      <h1>{heading}</h1>
      {editingPublished ? (
        <div className="notice">
          <p>Your story is published. Your changes go to a moderator first; the published version stays as it is until they approve them.</p>
        </div>
      ) : (
        <p>Take your time. You can save a draft and come back. Nobody sees your story until a moderator has read it.</p>
      )}
      <ErrorSummary errors={errors} labels={STORY_FORM_LABELS} />
      <PostForm action={action} csrfToken={ctx.csrfToken} label={heading} multipart>
        <TextField name="title" label={STORY_FORM_LABELS.title!} value={values.title} error={errors.title} maxLength={140} required />
        <div className={errors.summary ? 'field field--error' : 'field'}>
          <label htmlFor="field-summary">{STORY_FORM_LABELS.summary}</label>
          <p className="field__hint" id="field-summary-hint">
            One or two sentences, 280 characters at most. Shown in lists.
          </p>
          {errors.summary ? (
            <p className="field__error" id="field-summary-error">
              {errors.summary}
            </p>
          ) : null}
          <textarea
            id="field-summary"
            name="summary"
            rows={3}
            maxLength={280}
            defaultValue={values.summary}
            aria-describedby={`field-summary-hint${errors.summary ? ' field-summary-error' : ''}`}
            aria-invalid={errors.summary ? true : undefined}
          />
        </div>
        <div className={errors.body ? 'field field--error' : 'field'}>
          <label htmlFor="field-body">{STORY_FORM_LABELS.body}</label>
          <p className="field__hint" id="field-body-hint">
            Leave a blank line between paragraphs. Start a line with ## for a heading, - for a list, &gt; for a quote. **Two stars each side** makes words bold. Links: [words](https://example.org).
            Please leave out names, places and dates that could identify you or anyone else.
          </p>
          {errors.body ? (
            <p className="field__error" id="field-body-error">
              {errors.body}
            </p>
          ) : null}
          <textarea
            id="field-body"
            name="body"
            rows={16}
            defaultValue={values.body}
            aria-describedby={`field-body-hint${errors.body ? ' field-body-error' : ''}`}
            aria-invalid={errors.body ? true : undefined}
          />
        </div>
        <SelectField
          name="locality"
          label={STORY_FORM_LABELS.locality!}
          options={ctx.localities.map((l) => ({ value: String(l.id), label: l.name }))}
          value={values.locality}
          error={errors.locality}
          placeholder="I would rather not say"
        />
        <CheckboxGroup name="themes" legend="Themes (choose any)" options={STORY_THEMES} checked={values.themes ?? []} />
        <CheckboxGroup name="contentWarnings" legend="Content warnings (choose any that apply)" options={CONTENT_WARNINGS} checked={values.contentWarnings ?? []} />
        <TextField name="contentWarningNote" label="Other content warning" value={values.contentWarningNote} error={errors.contentWarningNote} maxLength={200} />
        <fieldset>
          <legend>About this story (optional)</legend>
          <p className="field__hint">These help readers find stories like theirs. Choose for this story only; leave any of them blank.</p>
          <SelectField name="narratorType" label="Who is telling this story" options={MEMBER_TYPES} value={values.narratorType} error={errors.narratorType} placeholder="I would rather not say" />
          <SelectField name="recoveryStage" label="Stage of recovery" options={RECOVERY_STAGES} value={values.recoveryStage} error={errors.recoveryStage} placeholder="I would rather not say" />
          <SelectField name="tone" label="Tone" options={STORY_TONES} value={values.tone} error={errors.tone} placeholder="I would rather not say" />
          {tags.length > 0 ? <CheckboxGroup name="experienceTags" legend="Experiences (choose any)" options={tags} checked={values.experienceTags ?? []} /> : null}
        </fieldset>
        <fieldset>
          <legend>A picture for your story (optional)</legend>
          <div className={errors.cover ? 'field field--error' : 'field'}>
            <label htmlFor="field-cover">Picture (JPEG, PNG, WebP or GIF, up to 10 MB)</label>
            <p className="field__hint" id="field-cover-hint">
              {hasCover ? 'Your story already has a picture. Choose a new one only to replace it. ' : ''}Location and camera details are removed. Avoid faces, house numbers and anything that could
              identify someone.
            </p>
            {errors.cover ? (
              <p className="field__error" id="field-cover-error">
                <span className="visually-hidden">Error: </span>
                {errors.cover}
              </p>
            ) : null}
            <input
              id="field-cover"
              name="cover"
              type="file"
              accept="image/jpeg,image/png,image/webp,image/gif"
              aria-describedby={`field-cover-hint${errors.cover ? ' field-cover-error' : ''}`}
              aria-invalid={errors.cover ? true : undefined}
            />
          </div>
          <TextField name="coverAlt" label="Describe the picture for people who cannot see it" value={values.coverAlt} error={errors.coverAlt} maxLength={300} />
        </fieldset>
        {askConsent ? <ConsentFields values={consent} errors={errors} /> : null}
        <div className="actions">
          {editingPublished ? null : (
            <button type="submit" name="intent" value="draft" className="button button--secondary">
              Save as draft
            </button>
          )}{' '}
          <button type="submit" name="intent" value="submit" className="button">
            {editingPublished ? 'Send my changes for review' : 'Send to the moderators'}
          </button>
        </div>
      </PostForm>
    </Layout>
  )
}
