// Media policy: private files are visible to their uploader and moderators only, until made public.
import { describe, expect, it } from 'vitest'

import { canChangeMedia, canPublishMedia, canSeeMedia, canUploadMedia, isAllowedImageType, type MediaFacts } from '../../src/policies/media.js'
import type { Actor } from '../../src/policies/roles.js'

const visitor: Actor = null
const uploader: Actor = { id: 1, roles: ['member'], _verified: true }
const otherMember: Actor = { id: 2, roles: ['member'], _verified: true }
const unverified: Actor = { id: 3, roles: ['member'], _verified: false }
const moderator: Actor = { id: 4, roles: ['moderator'], _verified: true }
const scopedModerator: Actor = { id: 5, roles: ['moderator'], moderatorLocalities: [10], _verified: true }
const admin: Actor = { id: 6, roles: ['admin'], _verified: true }
const stringUploader: Actor = { id: 'u-abc', roles: ['member'], _verified: true }

const privateBy = (uploaderRef: MediaFacts['uploader']): MediaFacts => ({ isPublic: false, uploader: uploaderRef })
const publicBy = (uploaderRef: MediaFacts['uploader']): MediaFacts => ({ isPublic: true, uploader: uploaderRef })

describe('canSeeMedia', () => {
  const rows: [string, Actor, MediaFacts, boolean][] = [
    ['visitor, public file', visitor, publicBy(1), true],
    ['other member, public file', otherMember, publicBy(1), true],
    ['visitor, private file', visitor, privateBy(1), false],
    ['visitor, file with isPublic unset', visitor, { uploader: 1 }, false],
    ['visitor, file with isPublic null', visitor, { isPublic: null, uploader: 1 }, false],
    ['other member, private file', otherMember, privateBy(1), false],
    ['unverified other member, private file', unverified, privateBy(1), false],
    ['uploader, private file (number ref)', uploader, privateBy(1), true],
    ['uploader, private file (string ref)', uploader, privateBy('1'), true],
    ['uploader, private file (populated ref)', uploader, privateBy({ id: 1 }), true],
    ['string-id uploader, private file', stringUploader, privateBy('u-abc'), true],
    ['string-id uploader, populated ref', stringUploader, privateBy({ id: 'u-abc' }), true],
    ['other string id, private file', stringUploader, privateBy('u-abd'), false],
    ['moderator, private file', moderator, privateBy(1), true],
    ['scoped moderator, private file', scopedModerator, privateBy(1), true],
    ['admin, private file', admin, privateBy(1), true],
    ['member, private file without uploader', otherMember, privateBy(null), false],
    ['visitor, private file without uploader', visitor, privateBy(null), false],
    ['moderator, private file without uploader', moderator, privateBy(null), true],
  ]
  it.each(rows)('%s', (_n, actor, media, expected) => {
    expect(canSeeMedia(actor, media)).toBe(expected)
  })
})

describe('canChangeMedia', () => {
  const rows: [string, Actor, MediaFacts, boolean][] = [
    ['visitor, public file', visitor, publicBy(1), false],
    ['visitor, private file', visitor, privateBy(1), false],
    ['other member, public file', otherMember, publicBy(1), false],
    ['other member, private file', otherMember, privateBy(1), false],
    ['uploader, private file', uploader, privateBy(1), true],
    ['uploader, private file (populated ref)', uploader, privateBy({ id: '1' }), true],
    ['moderator, private file', moderator, privateBy(1), true],
    ['moderator, public file', moderator, publicBy(1), true],
    ['admin, private file', admin, privateBy(1), true],
    ['member, file without uploader', otherMember, privateBy(null), false],
  ]
  it.each(rows)('%s', (_n, actor, media, expected) => {
    expect(canChangeMedia(actor, media)).toBe(expected)
  })
})

describe('canUploadMedia (verified members) and canPublishMedia (moderators)', () => {
  const rows: [string, Actor, boolean, boolean][] = [
    ['visitor', visitor, false, false],
    ['verified member', uploader, true, false],
    ['unverified member', unverified, false, false],
    ['member with _verified missing', { id: 7, roles: ['member'] }, false, false],
    ['moderator', moderator, true, true],
    ['scoped moderator', scopedModerator, true, true],
    ['admin', admin, true, true],
  ]
  it.each(rows)('%s', (_n, actor, upload, publish) => {
    expect(canUploadMedia(actor)).toBe(upload)
    expect(canPublishMedia(actor)).toBe(publish)
  })
})

describe('isAllowedImageType', () => {
  it.each(['image/jpeg', 'image/png', 'image/webp', 'image/gif'])('allows %s', (mime) => {
    expect(isAllowedImageType(mime)).toBe(true)
  })
  it.each([
    'image/svg+xml',
    'text/html',
    'image/tiff',
    'image/avif',
    'image/heic',
    'image/bmp',
    'image/x-icon',
    'application/pdf',
    'application/octet-stream',
    'image/jpeg; charset=utf-8<script>',
    'image/',
    '',
  ])('refuses %j', (mime) => {
    expect(isAllowedImageType(mime)).toBe(false)
  })
  it('refuses null and undefined', () => {
    expect(isAllowedImageType(null)).toBe(false)
    expect(isAllowedImageType(undefined)).toBe(false)
  })
})
