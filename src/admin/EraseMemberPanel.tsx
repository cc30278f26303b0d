'use client'
// On a member's edit view: erase the member, for a request made offline (by phone, in person). The
// server records which moderator ran it. Posts to /api/users/:id/erase.
import { useDocumentInfo } from '@payloadcms/ui'
import React, { useState } from 'react'

import { sendDecision } from './sendDecision.js'

export function EraseMemberPanel() {
  const { id } = useDocumentInfo()
  const [mode, setMode] = useState('everything')
  const [confirmed, setConfirmed] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  if (!id) return null

  async function erase() {
    const outcome = await sendDecision(`/api/users/${id}/erase`, { mode })
    if (!outcome.ok) return setMessage(outcome.message)
    setMessage('The member is erased.')
    window.location.assign('/admin/collections/users')
  }

  return (
    <details style={{ margin: '1rem 0', padding: '0.75rem', border: '1px solid var(--theme-error-500)' }}>
      <summary style={{ cursor: 'pointer', fontWeight: 600 }}>Erase this member (at their request)</summary>
      <div role="form" aria-label="Erase this member" style={{ marginTop: '0.75rem' }}>
        <p>Deletes the account, stories, pictures and reports, leaves consent tombstones, and logs that you ran it. It cannot be undone.</p>
        <label style={{ display: 'block' }}>
          <input type="radio" name="erase-mode" value="everything" checked={mode === 'everything'} onChange={() => setMode('everything')} /> Delete their forum posts too
        </label>
        <label style={{ display: 'block' }}>
          <input type="radio" name="erase-mode" value="keep-posts" checked={mode === 'keep-posts'} onChange={() => setMode('keep-posts')} /> Keep their forum posts as "a former member"
        </label>
        <label style={{ display: 'block', marginTop: '0.5rem' }}>
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> The member asked for this, and I have checked it is them
        </label>
        <button type="button" className="btn btn--style-primary" disabled={!confirmed} onClick={erase} style={{ marginTop: '0.5rem' }}>
          Erase
        </button>
        {message ? <p role="status">{message}</p> : null}
      </div>
    </details>
  )
}
