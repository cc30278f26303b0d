// The sitemap's files (src/queries/sitemap.ts sitemapWindow): for any mix of section sizes and file sizes,
// reading file 1, 2, ... until the first missing one gives back the whole sequence, each path once, no file
// longer than the file size, and never more than two pages read from a section per file.
import { describe, expect, it } from 'vitest'

import { fileCountFor, type Section, sitemapFileSize, sitemapWindow } from '../../src/queries/sitemap.js'

function section(name: string, size: number, pagesRead: number[]): Section {
  const all = Array.from({ length: size }, (_, i) => `/${name}/${i}`)
  return {
    count: async () => size,
    page: async (page, limit) => {
      pagesRead.push(page)
      return all.slice((page - 1) * limit, page * limit)
    },
  }
}

describe('sitemapWindow', () => {
  const fixedSizes = [0, 1, 3, 7]
  const sectionSizes = [0, 1, 2, 5, 9, 10, 11, 23]
  const fileSizes = [1, 2, 3, 4, 10]

  for (const fixedSize of fixedSizes)
    for (const [storiesSize, threadsSize] of sectionSizes.flatMap((a) => sectionSizes.map((b) => [a, b] as const)))
      for (const fileSize of fileSizes)
        it(`fixed ${fixedSize}, sections ${storiesSize} + ${threadsSize}, files of ${fileSize}`, async () => {
          const fixed = Array.from({ length: fixedSize }, (_, i) => `/fixed/${i}`)
          const expected = [...fixed, ...Array.from({ length: storiesSize }, (_, i) => `/stories/${i}`), ...Array.from({ length: threadsSize }, (_, i) => `/threads/${i}`)]
          const got: string[] = []
          let file = 1
          for (;;) {
            const pagesRead: number[] = []
            const paths = await sitemapWindow(fixed, [section('stories', storiesSize, pagesRead), section('threads', threadsSize, pagesRead)], file, fileSize)
            if (!paths) break
            expect(paths.length, `file ${file}`).toBeLessThanOrEqual(fileSize)
            expect(pagesRead.length, `pages read for file ${file}`).toBeLessThanOrEqual(4)
            got.push(...paths)
            file++
          }
          expect(got).toEqual(expected)
          expect(file - 1).toBe(fileCountFor(expected.length, fileSize))
        })

  it('file 1 exists even when there is nothing to list, and file 0 or past the end does not', async () => {
    expect(await sitemapWindow([], [], 1, 10)).toEqual([])
    expect(await sitemapWindow(['/'], [], 2, 10)).toBeNull()
    for (const file of [0, -1, 1.5, Number.NaN]) expect(await sitemapWindow(['/'], [], file, 10)).toBeNull()
  })
})

describe('sitemapFileSize', () => {
  it('is 10,000 unless lowered; junk, zero and raising are ignored', () => {
    expect(sitemapFileSize({})).toBe(10_000)
    expect(sitemapFileSize({ WAYMARK_SITEMAP_FILE_URLS: '3' })).toBe(3)
    for (const junk of ['0', '-1', 'x', '2.5', '60000']) expect(sitemapFileSize({ WAYMARK_SITEMAP_FILE_URLS: junk })).toBe(10_000)
  })
})
