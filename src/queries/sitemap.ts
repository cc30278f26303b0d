// The sitemap as an index of numbered files (/sitemap.xml lists /sitemap-1.xml, /sitemap-2.xml, ...), so it
// stays complete at any size: the protocol allows 50,000 URLs per file, and we keep files smaller so each one
// is quick to build. Every read is made as a visitor (user: null, access enforced), whoever asks.
//
// The URLs form one sequence: the fixed pages, localities and meetings, then stories, then conversations. A
// file is a window of that sequence, read from the database with at most two pages per section.
import type { Payload, Where } from 'payload'

import { localityList } from './localities.js'

/** URLs per sitemap file (the protocol's limit is 50,000). */
export const SITEMAP_FILE_URLS = 10_000

/** Meetings are few (one per locality every six weeks): they are listed with the fixed pages. */
const MEETINGS_LISTED = 5_000
/** The directory is a county's groups and services: listed with the fixed pages too. */
const DIRECTORY_LISTED = 5_000

export type Section = {
  count: () => Promise<number>
  /** Paths of one page of `limit` entries, page numbers from 1, in a stable order. */
  page: (page: number, limit: number) => Promise<string[]>
}

function collectionSection(payload: Payload, collection: 'stories' | 'threads', where: Where, sort: string[], path: (doc: Record<string, unknown>) => string): Section {
  const asVisitor = { overrideAccess: false, user: null } as const
  return {
    count: async () => (await payload.count({ collection, where, ...asVisitor })).totalDocs,
    page: async (page, limit) => {
      const select = collection === 'stories' ? { slug: true } : { title: true }
      const result = await payload.find({ collection, where, sort, select, depth: 0, limit, page, pagination: false, ...asVisitor })
      return result.docs.map((doc) => path(doc as unknown as Record<string, unknown>))
    },
  }
}

async function fixedPaths(payload: Payload): Promise<string[]> {
  const [localities, meetings, directory] = await Promise.all([
    localityList(payload),
    payload.find({ collection: 'meetings', sort: '-startsAt', select: { title: true }, depth: 0, limit: MEETINGS_LISTED, pagination: false, overrideAccess: false, user: null }),
    // Approved entries only (suggestions and corrections are never public).
    payload.find({
      collection: 'directory-entries',
      where: { and: [{ status: { equals: 'approved' } }, { suggestionType: { equals: 'entry' } }] },
      sort: 'id',
      select: { name: true },
      depth: 0,
      limit: DIRECTORY_LISTED,
      pagination: false,
      overrideAccess: false,
      user: null,
    }),
  ])
  return [
    '/',
    '/stories',
    ...localities.map((l) => `/localities/${l.slug}`),
    '/meetings',
    '/you-said-we-did',
    ...meetings.docs.map((m) => `/meetings/${m.id}`),
    '/directory',
    ...directory.docs.map((entry) => `/directory/${entry.id}`),
  ]
}

function databaseSections(payload: Payload): Section[] {
  return [
    collectionSection(payload, 'stories', { status: { equals: 'published' } }, ['-publishedAt', '-id'], (doc) => `/stories/${String(doc.slug)}`),
    collectionSection(payload, 'threads', {}, ['-createdAt', '-id'], (doc) => `/threads/${String(doc.id)}`),
  ]
}

/** URLs per file: WAYMARK_SITEMAP_FILE_URLS may lower it (tests use it to see a split sitemap at a small size). */
export function sitemapFileSize(env: Record<string, string | undefined> = process.env): number {
  const asked = Number(env.WAYMARK_SITEMAP_FILE_URLS)
  return Number.isSafeInteger(asked) && asked > 0 && asked <= SITEMAP_FILE_URLS ? asked : SITEMAP_FILE_URLS
}

/** How many sitemap files there are now (at least one). */
export async function sitemapFileCount(payload: Payload, fileSize = sitemapFileSize()): Promise<number> {
  const [fixed, ...counts] = await Promise.all([fixedPaths(payload), ...databaseSections(payload).map((section) => section.count())])
  return fileCountFor(fixed.length + counts.reduce((sum, count) => sum + count, 0), fileSize)
}

export const fileCountFor = (total: number, fileSize: number) => Math.max(1, Math.ceil(total / fileSize))

/** The paths in sitemap file `file` (from 1), or null when there is no such file. */
export async function sitemapFilePaths(payload: Payload, file: number, fileSize = sitemapFileSize()): Promise<string[] | null> {
  return sitemapWindow(await fixedPaths(payload), databaseSections(payload), file, fileSize)
}

/** Entries [start, end) of a section read in pages of `limit`: at most two pages are read. */
async function sectionWindow(section: Section, start: number, end: number, limit: number): Promise<string[]> {
  const firstPage = Math.floor(start / limit) + 1
  const lastPage = Math.floor((end - 1) / limit) + 1
  const pages = await Promise.all(Array.from({ length: lastPage - firstPage + 1 }, (_, i) => section.page(firstPage + i, limit)))
  const offset = (firstPage - 1) * limit
  return pages.flat().slice(start - offset, end - offset)
}

/**
 * File `file` of the sequence: fixed paths, then each section in turn, cut into files of `fileSize`.
 * Null when the file lies past the end (file 1 always exists, if only with the fixed pages).
 */
export async function sitemapWindow(fixed: string[], sections: Section[], file: number, fileSize: number): Promise<string[] | null> {
  const counts = await Promise.all(sections.map((section) => section.count()))
  const total = fixed.length + counts.reduce((sum, count) => sum + count, 0)
  if (!Number.isSafeInteger(file) || file < 1 || file > fileCountFor(total, fileSize)) return null
  const windowStart = (file - 1) * fileSize
  const windowEnd = windowStart + fileSize

  const paths = fixed.slice(windowStart, windowEnd)
  let sectionStart = fixed.length
  for (const [index, section] of sections.entries()) {
    const sectionEnd = sectionStart + counts[index]!
    const from = Math.max(windowStart, sectionStart)
    const to = Math.min(windowEnd, sectionEnd)
    if (from < to) paths.push(...(await sectionWindow(section, from - sectionStart, to - sectionStart, fileSize)))
    sectionStart = sectionEnd
  }
  return paths
}
