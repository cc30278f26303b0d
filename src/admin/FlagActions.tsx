'use client'
// Closes one member's flag: "resolved" (they were right) or "rejected" (nothing wrong), with a note.
import React, { useState } from 'react'

export function FlagActions({ id, reason, note }: { id: string | number; reason: string; note: string | null }) {
  const [moderatorNote, setModeratorNote] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function close(status: 'resolved' | 'rejected') {
    setBusy(true)
    setMessage(null)
    try {
      const response = await fetch(`/api/flags/${id}/resolve`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status, moderatorNote }),
      })
      const result = (await response.json()) as { error?: string }
      if (!response.ok) setMessage(result.error ?? 'That did not work.')
      else window.location.reload()
    } catch {
      setMessage('The server could not be reached. Nothing was changed.')
    } finally {
      setBusy(false)
    }
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
