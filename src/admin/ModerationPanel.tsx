'use client'
// The moderators' decision panel on a story in the admin: approve, ask for changes, unpublish,
// mark safe, or propose a redaction the author must accept. It posts to /api/stories/:id/moderate.
// It is a role="form" group, not a <form>: it sits inside Payload's edit form, and a nested form never submits.
// No decision is chosen in advance. A redaction starts from the story's current words with their
// formatting (as the markdown the author's own form uses), so the moderator changes only what must change.
import { useDocumentInfo, useFormFields } from '@payloadcms/ui'
import React, { useState } from 'react'

import { MEMBER_TYPES } from '../policies/memberTypes.js'
import { RECOVERY_STAGES, STORY_TONES } from '../policies/storyTaxonomy.js'
import { lexicalToMarkdown } from '../richtext/toMarkdown.js'
import { sendDecision } from './sendDecision.js'

const ACTIONS = [
  { value: 'approve', label: 'Approve and publish' },
  { value: 'request_changes', label: 'Ask the author for changes' },
  { value: 'propose_redaction', label: 'Propose a redaction' },
  { value: 'unpublish', label: 'Unpublish' },
  { value: 'mark_safe', label: 'Mark safe (clear the safeguarding hold)' },
] as const

/** The text a redaction would change: an edit waiting for review (or sent back) if there is one, else the live story. */
function useCurrentText() {
  const revisionState = useFormFields(([fields]) => fields.revisionState?.value)
  const revision = revisionState === 'submitted' || revisionState === 'changes_requested'
  const prefix = revision ? 'revision.' : ''
  const title = useFormFields(([fields]) => fields[`${prefix}title`]?.value ?? fields.title?.value)
  const summary = useFormFields(([fields]) => fields[`${prefix}summary`]?.value ?? fields.summary?.value)
  const body = useFormFields(([fields]) => fields[`${prefix}body`]?.value ?? fields.body?.value)
  return { title: String(title ?? ''), summary: String(summary ?? ''), body: body ? lexicalToMarkdown(body) : '' }
}

export function ModerationPanel() {
  const { id } = useDocumentInfo()
  const current = useCurrentText()
  const [action, setAction] = useState<string>('')
  const [started, setStarted] = useState(false)
  const [reason, setReason] = useState('')
  const [privateNote, setPrivateNote] = useState('')
  const [proposalTitle, setProposalTitle] = useState('')
  const [proposalSummary, setProposalSummary] = useState('')
  const [proposalBody, setProposalBody] = useState('')
  // Characteristics (issue 17): proposed with the redaction, and changed only if the author accepts.
  const [changeTraits, setChangeTraits] = useState(false)
  const [traits, setTraits] = useState({ narratorType: '', recoveryStage: '', tone: '', themes: '', tags: '' })
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (!id) return null

  function choose(value: string) {
    setAction(value)
    // The first time a redaction is chosen, its boxes start from the story as it stands.
    if (value === 'propose_redaction' && !started) {
      setProposalTitle(current.title)
      setProposalSummary(current.summary)
      setProposalBody(current.body)
      setStarted(true)
    }
  }

  async function decide() {
    if (!action) return setMessage('Choose a decision first.')
    setBusy(true)
    setMessage(null)
    const payload: Record<string, string> = { action, reason, privateNote }
    if (action === 'propose_redaction') {
      // An emptied box keeps the author's words there (the server fills it in).
      if (proposalTitle.trim()) payload.proposalTitle = proposalTitle
      if (proposalSummary.trim()) payload.proposalSummary = proposalSummary
      if (proposalBody.trim()) payload.proposalBody = proposalBody
      if (changeTraits) {
        Object.assign(payload, {
          proposeCharacteristics: 'yes',
          proposalNarratorType: traits.narratorType,
          proposalRecoveryStage: traits.recoveryStage,
          proposalTone: traits.tone,
          proposalThemes: traits.themes,
          proposalTags: traits.tags,
        })
      }
    }
    const outcome = await sendDecision(`/api/stories/${id}/moderate`, payload)
    setBusy(false)
    if (!outcome.ok) return setMessage(outcome.message)
    setMessage(`Done. The story is now ${String(outcome.status).replace('_', ' ')}.`)
    window.location.reload()
  }

  return (
    <div role="form" aria-label="Moderation decision" style={{ border: '1px solid var(--theme-elevation-150)', padding: '1rem', marginBottom: '1.5rem' }}>
      <h3 style={{ marginTop: 0 }}>Moderation decision</h3>
      <fieldset style={{ border: 0, padding: 0 }}>
        <legend>Action</legend>
        {ACTIONS.map((a) => (
          <label key={a.value} style={{ display: 'block' }}>
            <input type="radio" name="moderation-action" value={a.value} checked={action === a.value} onChange={() => choose(a.value)} /> {a.label}
          </label>
        ))}
      </fieldset>
      <label style={{ display: 'block', marginTop: '0.75rem' }}>
        Reason for the author (they will see this)
        <textarea name="reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} style={{ width: '100%' }} />
      </label>
      <label style={{ display: 'block', marginTop: '0.75rem' }}>
        Private note (moderators only)
        <textarea name="privateNote" value={privateNote} onChange={(e) => setPrivateNote(e.target.value)} rows={2} style={{ width: '100%' }} />
      </label>
      {action === 'propose_redaction' ? (
        <div style={{ marginTop: '0.75rem' }}>
          <p>
            The boxes start with the author&apos;s words as they stand, formatting included: a blank line between paragraphs, “- ” or “1. ” before list items, “## ” before a heading, “&gt; ” before a
            quote, [text](https://…) for a link. Change only what must change; the author sees the changes side by side and decides.
          </p>
          <label style={{ display: 'block' }}>
            Proposed title
            <input name="proposalTitle" value={proposalTitle} onChange={(e) => setProposalTitle(e.target.value)} style={{ width: '100%' }} />
          </label>
          <label style={{ display: 'block' }}>
            Proposed summary
            <textarea name="proposalSummary" value={proposalSummary} onChange={(e) => setProposalSummary(e.target.value)} rows={2} style={{ width: '100%' }} />
          </label>
          <label style={{ display: 'block' }}>
            Proposed text
            <textarea name="proposalBody" value={proposalBody} onChange={(e) => setProposalBody(e.target.value)} rows={16} style={{ width: '100%' }} />
          </label>
          <label style={{ display: 'block', marginTop: '0.75rem' }}>
            <input type="checkbox" checked={changeTraits} onChange={(e) => setChangeTraits(e.target.checked)} /> Also propose the story&apos;s characteristics (the author must accept them too)
          </label>
          {changeTraits ? (
            <div>
              {(
                [
                  ['narratorType', 'Who is telling it', MEMBER_TYPES],
                  ['recoveryStage', 'Stage of recovery', RECOVERY_STAGES],
                  ['tone', 'Tone', STORY_TONES],
                ] as const
              ).map(([key, label, options]) => (
                <label key={key} style={{ display: 'block' }}>
                  {label}
                  <select value={traits[key]} onChange={(e) => setTraits({ ...traits, [key]: e.target.value })} style={{ display: 'block' }}>
                    <option value="">Not given</option>
                    {options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
              <label style={{ display: 'block' }}>
                Themes (their values, separated by commas: hope, connection…)
                <input value={traits.themes} onChange={(e) => setTraits({ ...traits, themes: e.target.value })} style={{ width: '100%' }} />
              </label>
              <label style={{ display: 'block' }}>
                Experience tags (their slugs, separated by commas: alcohol, gambling…)
                <input value={traits.tags} onChange={(e) => setTraits({ ...traits, tags: e.target.value })} style={{ width: '100%' }} />
              </label>
            </div>
          ) : null}
        </div>
      ) : null}
      <button type="button" onClick={() => void decide()} className="btn btn--style-primary" disabled={busy} style={{ marginTop: '0.75rem' }}>
        {busy ? 'Saving…' : 'Record decision'}
      </button>
      {message ? (
        <p role="status" style={{ marginTop: '0.5rem' }}>
          {message}
        </p>
      ) : null}
    </div>
  )
}
