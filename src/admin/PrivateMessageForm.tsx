'use client'
// From a crisis alert: a private message to the member, read in their account (they get an email that
// says there is a message, never what it says). The conversation then opens on the public site.
import React, { useState } from 'react'

export function PrivateMessageForm({ alertId, memberName }: { alertId: string | number; memberName: string }) {
  const [body, setBody] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [conversation, setConversation] = useState<string | number | null>(null)
  const [busy, setBusy] = useState(false)

  async function send() {
    setBusy(true)
    setMessage(null)
    try {
      const response = await fetch('/api/conversations/start', {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ alertId, body }),
      })
      const result = (await response.json().catch(() => ({}))) as { conversation?: string | number; error?: string }
      if (!response.ok) setMessage(result.error ?? 'That did not work. Nothing was sent.')
      else {
        setConversation(result.conversation ?? null)
        setBody('')
        setMessage(`Sent. ${memberName} has been emailed that there is a message (without what it says).`)
      }
    } catch {
      setMessage('The server could not be reached. Nothing was sent.')
    }
    setBusy(false)
  }

  return (
    <div role="form" aria-label={`Private message to ${memberName}`} style={{ margin: '0.5rem 0' }}>
      <label style={{ display: 'block' }}>
        Private message to {memberName}
        <textarea name={`alert-${alertId}-message`} value={body} rows={3} maxLength={5000} onChange={(e) => setBody(e.target.value)} style={{ width: '100%' }} />
      </label>
      <button type="button" className="btn btn--style-primary" disabled={busy || body.trim() === ''} onClick={() => void send()}>
        Send a private message
      </button>
      {message ? <p role="status">{message}</p> : null}
      {conversation ? (
        <p>
          <a href={`/account/messages/${conversation}`}>Open the conversation</a>
        </p>
      ) : null}
    </div>
  )
}
