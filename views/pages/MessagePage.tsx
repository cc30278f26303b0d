import type { ReactNode } from 'react'

import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'

/** A short page that says one thing: a confirmation, a dead link, a refusal. */
export function MessagePage({ ctx, title, children }: { ctx: PageContext; title: string; children: ReactNode }) {
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {children}
    </Layout>
  )
}
