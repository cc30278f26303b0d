import { joinHref, signInHref } from '../../src/policies/returnPath.js'
import type { PageContext } from '../components/PageContext.js'
import { MessagePage } from './MessagePage.js'

/**
 * What a visitor sees at the address of a thread they may not read. It reads the same whether
 * the page is for members, was removed, or never existed, so it tells nobody which; a member who signs
 * in comes back to the address and then sees the page, or "Page not found".
 */
export function SignInPromptPage({ ctx, returnPath }: { ctx: PageContext; returnPath: string | undefined }) {
  return (
    <MessagePage ctx={ctx} title="Sign in to see this page">
      <p>This page is not open to visitors. It may be for members only, or it may no longer be shared.</p>
      <p>If you are a member, sign in and we will bring you straight back here.</p>
      <p>
        <a className="button" href={signInHref(returnPath)}>
          Sign in
        </a>
      </p>
      <p>
        New here? <a href={joinHref(returnPath)}>Join Waymark</a>: it is free, and no one sees your email address or real name.
      </p>
    </MessagePage>
  )
}
