import { CONTENT_WARNINGS } from '../../src/policies/storyTaxonomy.js'
import { PostForm } from './Form.js'

/** "Hide stories with these warnings": once for the session (visitors) or the account (members). */
export function HideWarningsForm({ csrfToken, hidden, returnPath, signedIn }: { csrfToken: string; hidden: string[]; returnPath: string; signedIn: boolean }) {
  return (
    <details className="reading-choices" open={hidden.length > 0}>
      <summary>Hide stories with content warnings{hidden.length > 0 ? ` (${hidden.length} hidden)` : ''}</summary>
      <PostForm action="/stories/warnings" csrfToken={csrfToken} label="Hide stories with these warnings">
        <input type="hidden" name="next" value={returnPath} />
        <fieldset>
          <legend>Hide stories with these warnings {signedIn ? '(saved in your account)' : '(for this visit)'}</legend>
          {CONTENT_WARNINGS.map((w) => (
            <div className="checkbox" key={w.value}>
              <input type="checkbox" id={`hide-${w.value}`} name="hide" value={w.value} defaultChecked={hidden.includes(w.value)} />
              <label htmlFor={`hide-${w.value}`}>{w.label}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="button button--secondary">
          Save my choice
        </button>
      </PostForm>
    </details>
  )
}
