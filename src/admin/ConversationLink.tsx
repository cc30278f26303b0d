'use client'
// On a conversation's admin page: where to read and answer it (the same page the member uses).
import { useDocumentInfo } from '@payloadcms/ui'
import React from 'react'

export function ConversationLink() {
  const { id } = useDocumentInfo()
  if (!id) return null
  return (
    <p>
      <a href={`/account/messages/${id}`}>Read and answer this conversation</a>
    </p>
  )
}
