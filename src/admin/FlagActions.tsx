'use client'
// Closes one member's flag: "resolved" (they were right) or "rejected" (nothing wrong), with a note.
import React, { useState } from 'react'

import { sendDecision } from './sendDecision.js'

export function FlagActions({ id, reason, note }: { id: string | number; reason: string; note: string | null }) {
  const [moderatorNote, setModeratorNote] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function close(status: 'resolved' | 'rejected') {
    setBusy(true)
    setMessage(null)
    const outcome = await sendDecision(`/api/flags/${id}/resolve`, { status, moderatorNote })
    setBusy(false)
    if (!outcome.ok) return setMessage(outcome.message)
    window.location.reload()
  }

  return (
    <div role="form" aria-label={`Flag ${id}`} style={{ borderLeft: '3px solid var(--theme-warning-500)', paddingLeft: '0.5rem', margin: '0.5rem 0' }}>
      <p style={{ margin: 0 }}>
        <strong>Flag:</strong> {reason}
        {note ? ` — “${note}”` : ''}
      </p>
      <label style={{ display: 'block' }}>
        Note (moderators only)
        <input name={`flag-${id}-note`} value={moderatorNote} onChange={(e) => setModeratorNote(e.target.value)} style={{ width: '100%' }} />
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
