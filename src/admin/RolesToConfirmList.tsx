'use client'
// The buttons of "Roles to confirm": each posts to /api/users/:id/confirm-role, then the member leaves
// the list and a status line says what was recorded (the list is the same after a reload).
import React, { useState } from 'react'

import type { RoleToConfirm } from '../queries/rolesToConfirm.js'

async function sendConfirmation(id: number | string, confirmed: boolean): Promise<string | null> {
  try {
    const response = await fetch(`/api/users/${id}/confirm-role`, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ confirmed }) })
    if (response.ok) return null
    const result = (await response.json().catch(() => ({}))) as { error?: string }
    return result.error ?? 'That did not work. Nothing was changed.'
  } catch {
    return 'The server could not be reached. Nothing was changed.'
  }
}

export function RolesToConfirmList({ rows, total }: { rows: RoleToConfirm[]; total: number }) {
  const [left, setLeft] = useState(rows)
  const [status, setStatus] = useState('')
  const [busy, setBusy] = useState<string | null>(null)

  async function decide(row: RoleToConfirm, confirmed: boolean) {
    setBusy(String(row.id))
    setStatus('')
    const problem = await sendConfirmation(row.id, confirmed)
    setBusy(null)
    if (problem) return setStatus(`${row.displayName}: ${problem}`)
    setLeft((current) => current.filter((r) => String(r.id) !== String(row.id)))
    setStatus(confirmed ? `Role confirmed: ${row.displayName} now shows as ${row.memberType}.` : `Not confirmed: ${row.displayName} keeps “Says: ${row.memberType.toLowerCase()}”.`)
  }

  const waiting = total - (rows.length - left.length)
  return (
    <>
      <p>{waiting <= 0 ? 'Nobody is waiting.' : waiting > left.length ? `The oldest ${left.length} of ${waiting} waiting.` : `${waiting} waiting.`}</p>
      <p role="status" aria-live="polite" style={{ fontWeight: 600, minHeight: '1.5em' }}>
        {status}
      </p>
      {left.length > 0 ? (
        <ul style={{ listStyle: 'none', padding: 0 }}>
          {left.map((row) => (
            <li key={String(row.id)} data-role-to-confirm={String(row.id)} style={{ borderTop: '1px solid var(--theme-elevation-150)', padding: '0.75rem 0' }}>
              <p style={{ margin: '0 0 0.5rem' }}>
                <a href={`/admin/collections/users/${row.id}`}>
                  <strong>{row.displayName}</strong>
                </a>{' '}
                · says: {row.memberType.toLowerCase()} · joined <time dateTime={row.joinedIso}>{row.joined}</time>
              </p>
              {row.isYou ? (
                <p style={{ margin: 0 }}>This is you: another moderator confirms your own role.</p>
              ) : (
                <div role="group" aria-label={`${row.displayName}’s role`}>
                  <button type="button" className="btn btn--style-primary btn--size-small" disabled={busy !== null} onClick={() => void decide(row, true)} style={{ margin: '0 0.5rem 0 0' }}>
                    Confirm role
                  </button>
                  <button type="button" className="btn btn--style-secondary btn--size-small" disabled={busy !== null} onClick={() => void decide(row, false)} style={{ margin: 0 }}>
                    Not confirmed
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  )
}
