// robots.txt, derived from the routers: every page the site answers GET on is either one crawlers may read
// or one robots.txt keeps them out of, so a new page cannot be forgotten. The matcher is RFC 9309's.
import fs from 'node:fs'
import path from 'node:path'
import type { Router } from 'express'
import { describe, expect, test } from 'vitest'

import { CRAWLER_ALLOWED_PAGES, CRAWLER_DISALLOWED, isDisallowedForCrawlers, robotsTxt } from '../../src/policies/crawlers.js'

const ROUTES_DIR = path.resolve(import.meta.dirname, '../../src/routes')

/** Every `xxxRouter(payload)` exported under src/routes, built with a stand-in payload (nothing is asked of it until a request). */
async function everyRouter(): Promise<{ file: string; router: Router }[]> {
  const files = (fs.readdirSync(ROUTES_DIR, { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f) && !f.includes('support'))
  const routers: { file: string; router: Router }[] = []
  for (const file of files) {
    const mod = (await import(path.join(ROUTES_DIR, file))) as Record<string, unknown>
    for (const [name, value] of Object.entries(mod)) {
      if (/Router$/.test(name) && typeof value === 'function') routers.push({ file, router: (value as (p: unknown) => Router)({ logger: console }) })
    }
  }
  return routers
}

type RouteLayer = { route?: { path: string | RegExp; methods: Record<string, boolean> } }

async function everyGetPath(): Promise<(string | RegExp)[]> {
  const paths: (string | RegExp)[] = []
  for (const { router } of await everyRouter()) {
    for (const layer of router.stack as unknown as RouteLayer[]) {
      if (layer.route && (layer.route.methods.get || layer.route.methods._all)) paths.push(layer.route.path)
    }
  }
  return paths
}

/** An address a route answers: each `:param` becomes a plausible value, `N` a number. */
const sampleOf = (route: string) => route.replace(/:[A-Za-z]+/g, 'x7k2m9q4w1e5').replace(/-N\./, '-1.')

describe('robots.txt covers every page of every router', () => {
  test('finds the routers (so the checks below are not vacuous)', async () => {
    const paths = await everyGetPath()
    expect(paths.length).toBeGreaterThan(30)
    expect(paths).toContain('/stories/:slug')
    expect(paths).toContain('/account')
  })

  test('every GET page is either allowed to crawlers or disallowed, never both, never neither', async () => {
    const problems: string[] = []
    for (const route of await everyGetPath()) {
      if (route instanceof RegExp) {
        const allowed = CRAWLER_ALLOWED_PAGES.filter((page) => route.test(sampleOf(page)))
        if (allowed.length === 0) problems.push(`${route} is neither allowed nor disallowed`)
        continue
      }
      const allowed = (CRAWLER_ALLOWED_PAGES as readonly string[]).includes(route)
      const disallowed = isDisallowedForCrawlers(sampleOf(route))
      if (allowed && disallowed) problems.push(`${route} is allowed and disallowed`)
      if (!allowed && !disallowed) problems.push(`${route} is neither allowed nor disallowed: add it to CRAWLER_ALLOWED_PAGES or CRAWLER_DISALLOWED`)
    }
    expect(problems).toEqual([])
  })

  test('every allowed page is one a router answers (the list does not outlive its pages)', async () => {
    const routes = await everyGetPath()
    const stale = CRAWLER_ALLOWED_PAGES.filter((page) => !routes.some((route) => (route instanceof RegExp ? route.test(sampleOf(page)) : route === page)))
    expect(stale).toEqual([])
  })

  test('an allowed page is never disallowed, with any slug, including one that starts like a form', () => {
    for (const page of CRAWLER_ALLOWED_PAGES) expect(isDisallowedForCrawlers(sampleOf(page)), page).toBe(false)
    for (const path of ['/stories/newabc1234567', '/stories/new0000000000?x=1', '/threads/42', '/localities/lancashire-county', '/meetings/12', '/meetings/12/calendar.ics'])
      expect(isDisallowedForCrawlers(path), path).toBe(false)
  })

  test('private and form paths are disallowed, whatever follows them', () => {
    for (const path of [
      '/admin',
      '/admin/collections/users',
      '/api/users',
      '/account',
      '/account/messages/4',
      '/account/stories/9/edit',
      '/account/export/abc',
      '/messages',
      '/notifications',
      '/login?next=/x',
      '/join',
      '/forgot',
      '/reset?token=x',
      '/verify?token=x',
      '/unsubscribe?token=x',
      '/stories/new',
      '/threads/new?locality=x',
      '/threads/42/replies',
      '/meetings/3/close',
      '/search?q=hope',
      '/reports.csv',
    ])
      expect(isDisallowedForCrawlers(path), path).toBe(true)
  })

  test('the document: one group for every crawler, each rule on its own line, the sitemap by absolute address', () => {
    const text = robotsTxt('https://waymark.example/sitemap.xml')
    const lines = text.split('\n')
    expect(lines[0]).toBe('User-agent: *')
    expect(lines.filter((l) => l.startsWith('Disallow: ')).map((l) => l.slice('Disallow: '.length))).toEqual([...CRAWLER_DISALLOWED])
    expect(lines.filter((l) => /^sitemap:/i.test(l))).toEqual(['Sitemap: https://waymark.example/sitemap.xml'])
    expect(lines.some((l) => l === 'Disallow: /' || l === 'Disallow:')).toBe(false)
  })
})
