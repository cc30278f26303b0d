'use client'
// A moderator's actions on one thread or reply (queue and edit view): approve, reject with a reason,
// hide, restore, remove, lock, pin, mark safe, dismiss. Posts to /api/<kind>/:id/moderate; the
// server decides what is allowed. A role="form" group, not a <form>: it may sit inside Payload's form.
// Nothing is chosen in advance: a decision is always the moderator's own.
import React, { useState } from 'react'

import { afterDecision, sendDecision } from './sendDecision.js'

export type CannedReason = { label: string; text: string }

const ACTIONS = [
  { value: 'approve', label: 'Approve' },
  { value: 'reject', label: 'Reject (tell the author why)' },
  { value: 'hide', label: 'Hide' },
  { value: 'restore', label: 'Restore' },
  { value: 'remove', label: 'Remove' },
  { value: 'mark_safe', label: 'Mark safe (clear the safeguarding hold)' },
  { value: 'dismiss', label: 'Reviewed: no action needed' },
  { value: 'lock', label: 'Lock (no more replies)', threadsOnly: true },
  { value: 'unlock', label: 'Unlock', threadsOnly: true },
  { value: 'pin', label: 'Pin to the top', threadsOnly: true },
  { value: 'unpin', label: 'Unpin', threadsOnly: true },
] as const

type Props = {
  kind: 'threads' | 'replies'
  id: string | number
  cannedReasons?: CannedReason[]
  /** In the queue: the next item's key, so the queue comes back saying what was decided. */
  queue?: { next?: string }
}

export function PostActions({ kind, id, cannedReasons = [], queue }: Props) {
  const [action, setAction] = useState('')
  const [reason, setReason] = useState('')
  const [privateNote, setPrivateNote] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const name = `${kind}-${id}`

  async function decide() {
    if (!action) return setMessage('Choose a decision first.')
    setBusy(true)
    setMessage(null)
    const outcome = await sendDecision(`/api/${kind}/${id}/moderate`, { action, reason, privateNote })
    setBusy(false)
    if (!outcome.ok) return setMessage(outcome.message)
    setMessage(`Done: the post is ${outcome.status}.`)
    afterDecision(queue ? { decided: `${kind}:${id}`, decision: action, next: queue.next } : undefined)
  }

  return (
    <div role="form" aria-label={`Moderate ${kind === 'threads' ? 'thread' : 'reply'} ${id}`} className="waymark-decision">
      <label className="waymark-decision__field">
        Action{' '}
        <select name={`${name}-action`} value={action} onChange={(e) => setAction(e.target.value)}>
          <option value="">Choose a decision…</option>
          {ACTIONS.filter((a) => kind === 'threads' || !('threadsOnly' in a)).map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </select>
      </label>
      {cannedReasons.length > 0 ? (
        <label className="waymark-decision__field">
          Canned reason{' '}
          <select name={`${name}-canned`} defaultValue="" onChange={(e) => setReason(cannedReasons.find((r) => r.label === e.target.value)?.text ?? reason)}>
            <option value="">Choose one to fill in the reason…</option>
            {cannedReasons.map((r) => (
              <option key={r.label} value={r.label}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="waymark-decision__field">
        Reason for the author (they will see this)
        <textarea name={`${name}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
      </label>
      <label className="waymark-decision__field">
        Private note (moderators only)
        <textarea name={`${name}-note`} value={privateNote} onChange={(e) => setPrivateNote(e.target.value)} rows={2} />
      </label>
      <button type="button" className="btn btn--style-primary waymark-decision__submit" onClick={() => void decide()} disabled={busy}>
        {busy ? 'Saving…' : 'Record decision'}
      </button>
      {message ? <p role="status">{message}</p> : null}
    </div>
  )
}
