// Who may see or change an uploaded file. A file is private to its uploader and moderators until it is public.
import { isModerator, isSelf, canPost, type Actor } from './roles.js'

export const ALLOWED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

export type MediaFacts = { isPublic?: boolean | null; uploader?: number | string | { id: number | string } | null }

const uploaderId = (media: MediaFacts) => (media.uploader && typeof media.uploader === 'object' ? media.uploader.id : media.uploader)

export function canSeeMedia(actor: Actor, media: MediaFacts): boolean {
  return media.isPublic === true || isModerator(actor) || isSelf(actor, uploaderId(media))
}

export function canChangeMedia(actor: Actor, media: MediaFacts): boolean {
  return isModerator(actor) || isSelf(actor, uploaderId(media))
}

export const canUploadMedia = (actor: Actor): boolean => canPost(actor)

export const canPublishMedia = (actor: Actor): boolean => isModerator(actor)

export const isAllowedImageType = (mime: string | undefined | null): boolean => Boolean(mime && (ALLOWED_IMAGE_TYPES as readonly string[]).includes(mime))
