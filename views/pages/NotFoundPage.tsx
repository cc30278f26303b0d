import type { PageContext } from '../components/PageContext.js'
import { MessagePage } from './MessagePage.js'

/** The 404 page: nothing at this address, or nothing the viewer may see (the two look the same). */
export function NotFoundPage({ ctx }: { ctx: PageContext }) {
  return (
    <MessagePage ctx={ctx} title="Page not found">
      <p>
        There is nothing at this address. It may have moved, or it may no longer be shared. Go to the <a href="/">welcome page</a>.
      </p>
    </MessagePage>
  )
}
