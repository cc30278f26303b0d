'use client'
// A moderator's actions on one thread or reply (queue and edit view): approve, reject with a reason,
// hide, restore, remove, lock, pin, mark safe, dismiss. Posts to /api/<kind>/:id/moderate; the
// server decides what is allowed. A role="form" group, not a <form>: it may sit inside Payload's form.
import React, { useState } from 'react'

import { sendDecision } from './sendDecision.js'

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

export function PostActions({ kind, id, cannedReasons = [] }: { kind: 'threads' | 'replies'; id: string | number; cannedReasons?: CannedReason[] }) {
  const [action, setAction] = useState('approve')
  const [reason, setReason] = useState('')
  const [privateNote, setPrivateNote] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const name = `${kind}-${id}`

  async function decide() {
    setBusy(true)
    setMessage(null)
    const outcome = await sendDecision(`/api/${kind}/${id}/moderate`, { action, reason, privateNote })
    setBusy(false)
    if (!outcome.ok) return setMessage(outcome.message)
    setMessage(`Done: the post is ${outcome.status}.`)
    window.location.reload()
  }

  return (
    <div role="form" aria-label={`Moderate ${kind === 'threads' ? 'thread' : 'reply'} ${id}`} style={{ border: '1px solid var(--theme-elevation-150)', padding: '0.75rem', margin: '0.5rem 0' }}>
      <label style={{ display: 'block' }}>
        Action{' '}
        <select name={`${name}-action`} value={action} onChange={(e) => setAction(e.target.value)}>
          {ACTIONS.filter((a) => kind === 'threads' || !('threadsOnly' in a)).map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </select>
      </label>
      {cannedReasons.length > 0 ? (
        <label style={{ display: 'block', marginTop: '0.5rem' }}>
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
      <label style={{ display: 'block', marginTop: '0.5rem' }}>
        Reason for the author (they will see this)
        <textarea name={`${name}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} style={{ width: '100%' }} />
      </label>
      <label style={{ display: 'block', marginTop: '0.5rem' }}>
        Private note (moderators only)
        <textarea name={`${name}-note`} value={privateNote} onChange={(e) => setPrivateNote(e.target.value)} rows={2} style={{ width: '100%' }} />
      </label>
      <button type="button" className="btn btn--style-primary" onClick={() => void decide()} disabled={busy} style={{ marginTop: '0.5rem' }}>
        {busy ? 'Saving…' : 'Record decision'}
      </button>
      {message ? <p role="status">{message}</p> : null}
    </div>
  )
}
