'use client'
// After a decision the queue comes back with this confirmation at the top of the queue. It takes the
// focus, so a keyboard or screen-reader user hears what was done and carries on from there, with a
// link to the next item.
import React, { useEffect, useRef } from 'react'

export type NextItem = { href: string; label: string }

export function DecisionConfirmation({ text, next }: { text: string; next: NextItem | null }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    // At the top of the window, so the next items show below it, and focused, so it is read out.
    ref.current?.scrollIntoView({ block: 'start' })
    ref.current?.focus({ preventScroll: true })
  }, [])
  return (
    <div ref={ref} role="status" tabIndex={-1} className="waymark-confirmation">
      <p>{text}</p>
      {next ? (
        <p>
          Next in the queue: <a href={next.href}>{next.label}</a>
        </p>
      ) : (
        <p>Nothing else is waiting.</p>
      )}
    </div>
  )
}
