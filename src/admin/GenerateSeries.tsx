'use client'
// Above the meetings list: "generate the next N meetings" for a locality at its cadence, skipping
// closure days. Posts to /api/meetings/generate-series; the server checks the moderator's scope.
import React, { useEffect, useState } from 'react'

type LocalityOption = { id: number | string; name: string }
type Created = { id: number | string; startsAt: string; moved: boolean }

const field: React.CSSProperties = { display: 'flex', flexDirection: 'column', gap: '0.25rem' }

export function GenerateSeries() {
  const [localities, setLocalities] = useState<LocalityOption[]>([])
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [form, setForm] = useState({ locality: '', count: '4', firstDate: '', startTime: '18:00', durationMinutes: '120' })

  useEffect(() => {
    fetch('/api/localities?limit=50&depth=0&sort=name', { credentials: 'include' })
      .then((r) => r.json())
      .then((body: { docs?: LocalityOption[] }) => setLocalities(body.docs ?? []))
      .catch(() => setMessage('Could not load the localities.'))
  }, [])

  const set = (name: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm({ ...form, [name]: e.target.value })

  async function generate() {
    setBusy(true)
    setMessage(null)
    try {
      const response = await fetch('/api/meetings/generate-series', {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...form, locality: /^\d+$/.test(form.locality) ? Number(form.locality) : form.locality, count: Number(form.count), durationMinutes: Number(form.durationMinutes) }),
      })
      const body = (await response.json().catch(() => ({}))) as { error?: string; created?: Created[]; skipped?: string[] }
      if (!response.ok) return setMessage(body.error ?? 'That did not work.')
      const when = (body.created ?? []).map(
        (m) => `${new Date(m.startsAt).toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'full', timeStyle: 'short' })}${m.moved ? ' (moved off a closure day)' : ''}`,
      )
      setMessage(`Made ${when.length} meeting${when.length === 1 ? '' : 's'}: ${when.join('; ')}.${body.skipped?.length ? ` Already had a meeting on ${body.skipped.join(', ')}.` : ''}`)
      window.location.reload()
    } catch {
      setMessage('The server could not be reached. Nothing was made.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <details style={{ margin: '1rem 0', padding: '0.75rem', border: '1px solid var(--theme-elevation-150)' }}>
      <summary style={{ cursor: 'pointer', fontWeight: 600 }}>Generate meetings</summary>
      <div role="form" aria-label="Generate the next meetings" style={{ display: 'flex', flexWrap: 'wrap', gap: '1rem', alignItems: 'flex-end', marginTop: '0.75rem' }}>
        <label style={field}>
          Locality
          <select value={form.locality} onChange={set('locality')}>
            <option value="">Choose…</option>
            {localities.map((l) => (
              <option key={l.id} value={String(l.id)}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label style={field}>
          How many
          <input type="number" min={1} max={24} value={form.count} onChange={set('count')} />
        </label>
        <label style={field}>
          First date (empty: continue the series)
          <input type="date" value={form.firstDate} onChange={set('firstDate')} />
        </label>
        <label style={field}>
          Starts (UK time)
          <input type="time" value={form.startTime} onChange={set('startTime')} />
        </label>
        <label style={field}>
          Minutes long
          <input type="number" min={15} max={600} value={form.durationMinutes} onChange={set('durationMinutes')} />
        </label>
        <button type="button" className="btn btn--style-primary" disabled={busy || !form.locality} onClick={generate}>
          {busy ? 'Generating…' : 'Generate'}
        </button>
      </div>
      {message ? <p role="status">{message}</p> : null}
    </details>
  )
}
