// The author's side of stories: write, submit with consent, edit, renew consent, withdraw, and
// answer a moderator's proposed redaction. State changes go through src/commands/stories.
import { diffWords } from 'diff'
import { Router, type Request, type Response } from 'express'
import type { Payload } from 'payload'

import { MyStoriesPage } from '../../views/pages/MyStoriesPage.js'
import { MyStoryPage, WithdrawConfirmPage } from '../../views/pages/MyStoryPage.js'
import { StoryFormPage, type StoryFormValues } from '../../views/pages/StoryFormPage.js'
import { sendPage } from '../../views/render.js'
import { giveConsent, respondToRedaction, submitStory, withdrawStory } from '../commands/stories/authorActions.js'
import { StoryCommandError } from '../commands/stories/shared.js'
import { idOf } from '../db/relationId.js'
import { localCrisisServices } from '../queries/crisisServices.js'
import { AUDIENCE_CHOICES, BYLINE_CHOICES } from '../policies/consent.js'
import { isSelf } from '../policies/roles.js'
import { consentIsCurrent } from '../policies/storyVisibility.js'
import { lexicalToMarkdown, lexicalToPlainText } from '../richtext/index.js'
import { sendNotFound } from './pages.js'
import { checkConsent, consentStarted, readConsentForm, readStoryForm, storyContentData, storyErrors, uploadCover } from './storyForms.js'
import { fieldErrorsFrom, formText, handle, pageContext, readForm, type FieldErrors } from './support.js'

const STATUS_LABEL: Record<string, string> = {
  draft: 'Draft: only you can see it',
  submitted: 'With the moderators',
  changes_requested: 'Changes asked for',
  published: 'Published',
  unpublished: 'Unpublished by a moderator',
  withdrawn: 'Withdrawn by you',
}

const NOTICES: Record<string, string> = {
  saved: 'Your draft is saved.',
  submitted: 'Thank you. Your story is with the moderators; we will email you when they have decided.',
  revision: 'Thank you. Your changes are with the moderators; the published version stays until they approve them.',
  consent: 'Your consent is saved.',
  withdrawn: 'Your story is withdrawn. It is no longer shown anywhere on Waymark.',
  accepted: 'You accepted the change. A moderator can now publish it.',
  declined: 'You kept your words. The moderator has been told.',
}

type User = Record<string, any> & { id: number | string }

function signedIn(req: Request, res: Response): User | null {
  if (res.locals.user) return res.locals.user
  res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`)
  return null
}

export function consentSummary(story: Record<string, any>): string {
  if (!story.consentAudience) return 'Not given yet'
  const audience = AUDIENCE_CHOICES.find((a) => a.value === story.consentAudience)?.label ?? story.consentAudience
  const byline = story.consentByline === 'pen-name' && story.consentPenName ? `pen name "${story.consentPenName}"` : (BYLINE_CHOICES.find((b) => b.value === story.consentByline)?.label ?? '')
  if (story.consentWithdrawnAt) return 'Withdrawn'
  const current = consentIsCurrent({ audience: story.consentAudience, expiresAt: story.consentExpiresAt, withdrawnAt: story.consentWithdrawnAt })
  const until = story.consentExpiresAt ? new Date(story.consentExpiresAt).toLocaleDateString('en-GB', { timeZone: 'Europe/London' }) : ''
  return `${audience}, signed: ${byline}. ${current ? `Until ${until}.` : `Expired on ${until}: renew it to show the story again.`}`
}

export function myStoriesRouter(payload: Payload): Router {
  const router = Router()

  /** The signed-in member's own story, read as them; anybody else's is "not found". */
  async function ownStory(user: User, id: string) {
    try {
      const doc = await payload.findByID({ collection: 'stories', id, depth: 0, overrideAccess: false, user })
      const authorId = doc.author && typeof doc.author === 'object' ? doc.author.id : doc.author
      return isSelf(user, authorId as never) ? (doc as Record<string, any>) : null
    } catch {
      return null
    }
  }

  async function renderForm(req: Request, res: Response, props: { action: string; heading: string; values: StoryFormValues; errors?: FieldErrors; consent?: Record<string, any>; editingPublished?: boolean; askConsent?: boolean; hasCover?: boolean }, status = 200) {
    const ctx = await pageContext(payload, req, res)
    sendPage(res, <StoryFormPage ctx={ctx} action={props.action} heading={props.heading} values={props.values} consent={props.consent ?? {}} errors={props.errors} editingPublished={props.editingPublished} askConsent={props.askConsent} hasCover={props.hasCover} />, status)
  }

  router.get('/stories/new', handle(async (req, res) => {
    if (!signedIn(req, res)) return
    await renderForm(req, res, { action: '/stories/new', heading: 'Share your story', values: {} })
  }))

  router.post('/stories/new', handle(async (req, res) => {
    const user = signedIn(req, res)
    if (!user) return
    const form = readStoryForm(req.body)
    const consentForm = readConsentForm(req.body)
    const values: StoryFormValues = { ...form, locality: form.locality }
    const submitting = form.intent === 'submit'
    const consent = submitting || consentStarted(consentForm) ? checkConsent(consentForm) : { choices: null, errors: {} }
    const choices = consent.choices
    // Errors are listed in the order of the page: the story first, then the consent step.
    const errors: FieldErrors = { ...storyErrors(form), ...consent.errors }
    if (Object.keys(errors).length > 0) return renderForm(req, res, { action: '/stories/new', heading: 'Share your story', values, errors, consent: consentForm }, 400)
    const cover = await uploadCover(payload, user, req.upload, form.coverAlt)
    if (Object.keys(cover.errors).length > 0) return renderForm(req, res, { action: '/stories/new', heading: 'Share your story', values, errors: cover.errors, consent: consentForm }, 400)

    let story: Record<string, any>
    try {
      story = await payload.create({
        collection: 'stories',
        data: { ...storyContentData(form), ...(cover.id ? { coverImage: cover.id } : {}) } as never,
        overrideAccess: false,
        user,
      })
    } catch (error) {
      const fieldErrors = fieldErrorsFrom(error)
      if (!fieldErrors) throw error
      return renderForm(req, res, { action: '/stories/new', heading: 'Share your story', values, errors: fieldErrors, consent: consentForm }, 400)
    }
    if (choices) await giveConsent(payload, user, story.id, choices)
    if (submitting) await submitStory(payload, user, story.id)
    res.redirect(303, `/account/stories/${story.id}?notice=${submitting ? 'submitted' : 'saved'}${cover.crisis ? '&support=picture' : ''}`)
  }))

  router.get('/account/stories', handle(async (req, res) => {
    const user = signedIn(req, res)
    if (!user) return
    const result = await payload.find({ collection: 'stories', where: { author: { equals: user.id } }, sort: '-updatedAt', depth: 0, limit: 100, overrideAccess: false, user })
    const rows = result.docs.map((doc: Record<string, any>) => ({
      id: doc.id,
      title: String(doc.title),
      status: doc.status,
      statusLabel: STATUS_LABEL[doc.status] ?? doc.status,
      consentSummary: consentSummary(doc),
      reasonForAuthor: doc.reasonForAuthor ?? null,
      revisionState: doc.revisionState ?? 'none',
      redactionOpen: doc.redaction?.state === 'open',
    }))
    const notice = typeof req.query.notice === 'string' ? NOTICES[req.query.notice] : undefined
    sendPage(res, <MyStoriesPage ctx={await pageContext(payload, req, res)} stories={rows} notice={notice} />)
  }))

  async function renderManage(req: Request, res: Response, story: Record<string, any>, extra: { errors?: FieldErrors; consentValues?: Record<string, any>; notice?: string } = {}, status = 200) {
    const user = res.locals.user as User
    const consents = await payload.find({ collection: 'consents', where: { story: { equals: story.id } }, sort: 'version', depth: 0, limit: 100, overrideAccess: false, user })
    const events = await authorHistory(payload, res.locals.user as User, story.id)
    const redaction =
      story.redaction?.state === 'open'
        ? {
            note: String(story.redaction.note ?? ''),
            diff: diffWords(
              [story.title, story.summary, lexicalToPlainText(story.revisionState === 'submitted' ? story.revision?.body : story.body)].join('\n\n'),
              [story.redaction.title, story.redaction.summary, lexicalToPlainText(story.redaction.body)].join('\n\n'),
            ),
          }
        : null
    const notice = extra.notice ?? (typeof req.query.notice === 'string' ? NOTICES[req.query.notice] : undefined)
    // Held for crisis words in the story, or just back from saving a picture described in crisis words.
    const crisisPanel = story.crisisHold === true ? (story.status === 'draft' && story.revisionState !== 'submitted' ? 'draft' : 'story') : req.query.support === 'picture' ? 'picture' : null
    const crisisServices = crisisPanel ? await localCrisisServices(payload, idOf(story.locality)) : []
    sendPage(
      res,
      <MyStoryPage
        ctx={await pageContext(payload, req, res)}
        story={{ id: story.id, slug: story.slug, title: story.title, status: story.status, statusLabel: STATUS_LABEL[story.status] ?? story.status, crisisHold: story.crisisHold === true, reasonForAuthor: story.reasonForAuthor ?? null, revisionState: story.revisionState ?? 'none' }}
        crisisPanel={crisisPanel}
        crisisServices={crisisServices}
        consentSummary={consentSummary(story)}
        consentHistory={consents.docs.map((c: Record<string, any>) => ({
          version: c.version,
          summary: `${AUDIENCE_CHOICES.find((a) => a.value === c.audience)?.label}, signed: ${c.byline === 'pen-name' && c.penName ? `pen name "${c.penName}"` : BYLINE_CHOICES.find((b) => b.value === c.byline)?.label}${c.quoteInReports ? ', quotes allowed in reports' : ''}.`,
          givenAt: c.givenAt,
          withdrawnAt: c.withdrawnAt ?? null,
        }))}
        canEdit={['draft', 'changes_requested', 'published'].includes(story.status)}
        canWithdraw={story.status !== 'withdrawn'}
        redaction={redaction}
        history={events}
        consentValues={extra.consentValues}
        errors={extra.errors}
        notice={notice}
      />,
      status,
    )
  }

  router.get('/account/stories/:id', handle(async (req, res) => {
    const user = signedIn(req, res)
    if (!user) return
    const story = await ownStory(user, String(req.params.id))
    if (!story) return sendNotFound(res, await pageContext(payload, req, res))
    await renderManage(req, res, story)
  }))

  router.get('/account/stories/:id/edit', handle(async (req, res) => {
    const user = signedIn(req, res)
    if (!user) return
    const story = await ownStory(user, String(req.params.id))
    if (!story || !['draft', 'changes_requested', 'published'].includes(story.status)) return sendNotFound(res, await pageContext(payload, req, res))
    const source = story.status === 'published' && story.revisionState !== 'none' ? { ...story, ...story.revision } : story
    await renderForm(req, res, {
      action: `/account/stories/${story.id}/edit`,
      heading: `Edit: ${story.title}`,
      values: {
        title: source.title,
        summary: source.summary,
        body: lexicalToMarkdown(source.body),
        locality: idOf(source.locality) ? String(idOf(source.locality)) : '',
        themes: source.themes ?? [],
        contentWarnings: source.contentWarnings ?? [],
        contentWarningNote: source.contentWarningNote ?? '',
      },
      editingPublished: story.status === 'published',
      askConsent: !story.consentAudience,
      hasCover: Boolean(story.coverImage),
    })
  }))

  router.post('/account/stories/:id/edit', handle(async (req, res) => {
    const user = signedIn(req, res)
    if (!user) return
    const story = await ownStory(user, String(req.params.id))
    if (!story) return sendNotFound(res, await pageContext(payload, req, res))
    const form = readStoryForm(req.body)
    const consentForm = readConsentForm(req.body)
    const action = `/account/stories/${story.id}/edit`
    const editingPublished = story.status === 'published'
    const submitting = form.intent === 'submit' && !editingPublished
    const askConsent = !story.consentAudience
    const consent = askConsent && (submitting || consentStarted(consentForm)) ? checkConsent(consentForm) : { choices: null, errors: {} as FieldErrors }
    const choices = consent.choices
    const errors: FieldErrors = { ...storyErrors(form), ...consent.errors }
    const values: StoryFormValues = { ...form }
    if (Object.keys(errors).length > 0) return renderForm(req, res, { action, heading: `Edit: ${story.title}`, values, errors, consent: consentForm, editingPublished, askConsent }, 400)
    const cover = await uploadCover(payload, user, req.upload, form.coverAlt)
    if (Object.keys(cover.errors).length > 0) return renderForm(req, res, { action, heading: `Edit: ${story.title}`, values, errors: cover.errors, consent: consentForm, editingPublished, askConsent }, 400)
    try {
      await payload.update({
        collection: 'stories',
        id: story.id,
        // Without a new picture the current one stays.
        data: { ...storyContentData(form), ...(cover.id ? { coverImage: cover.id } : {}) } as never,
        overrideAccess: false,
        user,
      })
      if (choices) await giveConsent(payload, user, story.id, choices)
      if (submitting) await submitStory(payload, user, story.id)
    } catch (error) {
      const fieldErrors = fieldErrorsFrom(error) ?? (error instanceof StoryCommandError || (error as { status?: number }).status === 409 ? { form: (error as Error).message } : null)
      if (!fieldErrors) throw error
      return renderForm(req, res, { action, heading: `Edit: ${story.title}`, values, errors: fieldErrors, consent: consentForm, editingPublished, askConsent }, 400)
    }
    res.redirect(303, `/account/stories/${story.id}?notice=${editingPublished ? 'revision' : submitting ? 'submitted' : 'saved'}${cover.crisis ? '&support=picture' : ''}`)
  }))

  router.post('/account/stories/:id/consent', handle(async (req, res) => {
    const user = signedIn(req, res)
    if (!user) return
    const story = await ownStory(user, String(req.params.id))
    if (!story) return sendNotFound(res, await pageContext(payload, req, res))
    const consentForm = readConsentForm(req.body)
    const { choices, errors } = checkConsent(consentForm)
    if (!choices) return renderManage(req, res, story, { errors, consentValues: consentForm }, 400)
    try {
      await giveConsent(payload, user, story.id, choices)
    } catch (error) {
      if (!(error instanceof StoryCommandError)) throw error
      return renderManage(req, res, story, { errors: { form: error.message }, consentValues: consentForm }, error.status)
    }
    res.redirect(303, `/account/stories/${story.id}?notice=consent`)
  }))

  router.get('/account/stories/:id/withdraw', handle(async (req, res) => {
    const user = signedIn(req, res)
    if (!user) return
    const story = await ownStory(user, String(req.params.id))
    if (!story || story.status === 'withdrawn') return sendNotFound(res, await pageContext(payload, req, res))
    sendPage(res, <WithdrawConfirmPage ctx={await pageContext(payload, req, res)} story={{ id: story.id, title: story.title }} />)
  }))

  router.post('/account/stories/:id/withdraw', handle(async (req, res) => {
    const user = signedIn(req, res)
    if (!user) return
    const story = await ownStory(user, String(req.params.id))
    if (!story) return sendNotFound(res, await pageContext(payload, req, res))
    try {
      await withdrawStory(payload, user, story.id)
    } catch (error) {
      if (!(error instanceof StoryCommandError)) throw error
      return renderManage(req, res, story, { notice: error.message }, error.status)
    }
    res.redirect(303, `/account/stories?notice=withdrawn`)
  }))

  router.post('/account/stories/:id/redaction', handle(async (req, res) => {
    const user = signedIn(req, res)
    if (!user) return
    const story = await ownStory(user, String(req.params.id))
    if (!story) return sendNotFound(res, await pageContext(payload, req, res))
    const { answer } = readForm(req.body, { answer: formText(10) })
    try {
      await respondToRedaction(payload, user, story.id, answer === 'accept')
    } catch (error) {
      if (!(error instanceof StoryCommandError)) throw error
      return renderManage(req, res, story, { notice: error.message }, error.status)
    }
    res.redirect(303, `/account/stories/${story.id}?notice=${answer === 'accept' ? 'accepted' : 'declined'}`)
  }))

  return router
}

const ACTION_WORDS: Record<string, string> = {
  give_consent: 'You gave consent',
  renew_consent: 'You changed or renewed your consent',
  submit: 'You sent it to the moderators',
  approve: 'A moderator approved it',
  request_changes: 'A moderator asked for changes',
  unpublish: 'A moderator unpublished it',
  mark_safe: 'A moderator checked it',
  propose_redaction: 'A moderator suggested a change',
  accept_redaction: 'You accepted a suggested change',
  decline_redaction: 'You kept your words',
  withdraw: 'You withdrew it',
}

/** The author's view of the moderation log (its read access: their own stories' events, no private notes or names). */
async function authorHistory(payload: Payload, user: User, storyId: number | string) {
  const events = await payload.find({
    collection: 'moderation-events',
    where: { and: [{ targetCollection: { equals: 'stories' } }, { targetId: { equals: String(storyId) } }] },
    sort: 'at',
    depth: 0,
    limit: 200,
    overrideAccess: false,
    user,
  })
  return events.docs.map((e: Record<string, any>) => ({ at: e.at, action: ACTION_WORDS[e.action] ?? e.action, reason: e.actorRole === 'moderator' ? e.reason ?? null : null }))
}
