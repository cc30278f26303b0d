// The "Target" column of the moderation log: a link to the record the event is about, in the admin.
import type { DefaultServerCellComponentProps } from 'payload'
import React from 'react'

export function TargetCell({ cellData, rowData, payload }: DefaultServerCellComponentProps) {
  const id = String(cellData ?? '')
  const collection = String(rowData?.targetCollection ?? '')
  // Only a collection this site has, and the id as one path segment.
  if (!id || !payload.collections[collection as never]) return <span>{id}</span>
  return <a href={`/admin/collections/${collection}/${encodeURIComponent(id)}`}>{id}</a>
}
