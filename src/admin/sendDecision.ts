// Posts a moderator's decision to one of the moderate/resolve endpoints and says what happened.
export type DecisionOutcome = { ok: true; status?: string } | { ok: false; message: string }

export async function sendDecision(url: string, body: Record<string, string>): Promise<DecisionOutcome> {
  try {
    const response = await fetch(url, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const result = (await response.json().catch(() => ({}))) as { status?: string; error?: string }
    return response.ok ? { ok: true, status: result.status } : { ok: false, message: result.error ?? 'That did not work.' }
  } catch {
    return { ok: false, message: 'The server could not be reached. Nothing was changed.' }
  }
}

/** Where the queue goes after a decision: itself, saying what was decided (QueueView reads it). */
export type QueueReturn = { decided: string; decision: string; next?: string }

/** Reloads the page, or in the queue comes back to it with the decision named for the confirmation. */
export function afterDecision(queue?: QueueReturn): void {
  if (!queue) return window.location.reload()
  const query = new URLSearchParams({ decided: queue.decided, decision: queue.decision, ...(queue.next ? { next: queue.next } : {}) })
  window.location.assign(`/admin/queue?${query.toString()}`)
}
