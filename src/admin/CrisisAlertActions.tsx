'use client'
// Records that a crisis alert has been dealt with, with a short note of what was done (no member text).
import React, { useState } from 'react'

import { afterDecision, sendDecision } from './sendDecision.js'

export function CrisisAlertActions({ id }: { id: string | number }) {
  const [note, setNote] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function handle() {
    setBusy(true)
    setMessage(null)
    const outcome = await sendDecision(`/api/crisis-alerts/${id}/handle`, { note })
    setBusy(false)
    if (!outcome.ok) return setMessage(outcome.message)
    afterDecision({ decided: `crisis-alerts:${id}`, decision: 'handled' })
  }

  return (
    <div role="form" aria-label={`Crisis alert ${id}`} className="waymark-decision">
      <label className="waymark-decision__field">
        What was done (for the log; no member text)
        <input name={`alert-${id}-note`} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="button" className="btn btn--style-secondary" disabled={busy} onClick={() => void handle()}>
        Mark this alert handled
      </button>
      {message ? <p role="status">{message}</p> : null}
    </div>
  )
}
