'use client'
// Closes one member's flag: "resolved" (they were right) or "rejected" (nothing wrong), with a note.
import React, { useState } from 'react'

import { afterDecision, sendDecision } from './sendDecision.js'

/** `queue.next`: in the queue, the item to show next (the flagged item itself, if it is still waiting). */
export function FlagActions({ id, reason, note, queue }: { id: string | number; reason: string; note: string | null; queue?: { next?: string } }) {
  const [moderatorNote, setModeratorNote] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function close(status: 'resolved' | 'rejected') {
    setBusy(true)
    setMessage(null)
    const outcome = await sendDecision(`/api/flags/${id}/resolve`, { status, moderatorNote })
    setBusy(false)
    if (!outcome.ok) return setMessage(outcome.message)
    afterDecision(queue ? { decided: `flags:${id}`, decision: status, next: queue.next } : undefined)
  }

  return (
    <div role="form" aria-label={`Flag ${id}`} className="waymark-flag">
      <p className="waymark-flag__what">
        <strong>Flag:</strong> {reason}
        {note ? ` — “${note}”` : ''}
      </p>
      <label className="waymark-decision__field">
        Note (moderators only)
        <input name={`flag-${id}-note`} value={moderatorNote} onChange={(e) => setModeratorNote(e.target.value)} />
      </label>
      <button type="button" className="btn btn--style-secondary" disabled={busy} onClick={() => void close('resolved')}>
        Resolve (the report was right)
      </button>{' '}
      <button type="button" className="btn btn--style-secondary" disabled={busy} onClick={() => void close('rejected')}>
        Reject (nothing wrong)
      </button>
      {message ? <p role="status">{message}</p> : null}
    </div>
  )
}
