// The moderation queue at the top of the admin's navigation.
import React from 'react'

export function QueueNavLink() {
  return (
    <a href="/admin/queue" className="nav__link" style={{ display: 'block', fontWeight: 600, padding: '0.25rem 0' }}>
      Moderation queue
    </a>
  )
}
