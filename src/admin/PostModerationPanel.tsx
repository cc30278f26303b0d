'use client'
// The moderation actions on a thread's or reply's edit view in the admin.
import { useDocumentInfo } from '@payloadcms/ui'
import React from 'react'

import { PostActions } from './PostActions.js'

export function PostModerationPanel() {
  const { id, collectionSlug } = useDocumentInfo()
  if (!id || (collectionSlug !== 'threads' && collectionSlug !== 'replies')) return null
  return <PostActions kind={collectionSlug} id={id} />
}
