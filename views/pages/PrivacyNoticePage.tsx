import type { PrivacySettings } from '../../src/policies/privacy.js'
import { COLLECTIONS_DESCRIBED, KEPT_ELSEWHERE, WHO_IS_WHO, type HeldData } from '../../src/policies/privacyNotice.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'

const personal = Object.values(COLLECTIONS_DESCRIBED).filter((entry) => entry.personal)
const impersonal = Object.values(COLLECTIONS_DESCRIBED).filter((entry) => !entry.personal)

function HeldTable({ id, rows, settings }: { id: string; rows: readonly HeldData[]; settings: PrivacySettings }) {
  return (
    <table className="data-table" aria-labelledby={id}>
      <thead>
        <tr>
          <th scope="col">What</th>
          <th scope="col">What it holds</th>
          <th scope="col">Who sees it</th>
          <th scope="col">How long we keep it</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.title}>
            <th scope="row">{row.title}</th>
            <td>{row.what}</td>
            <td>{row.who}</td>
            <td>{row.kept(settings)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** What Waymark actually stores, who sees it and for how long: generated from src/policies/privacyNotice.ts and the current retention settings. */
export function PrivacyNoticePage({ ctx, settings }: { ctx: PageContext; settings: PrivacySettings }) {
  return (
    <Layout ctx={ctx} title="Privacy notice" description="What Waymark stores about you, who sees it, and for how long.">
      <h1>Privacy notice</h1>
      <p className="lead">
        Being part of a recovery community should never cost you your privacy. This page says exactly what this site stores, who can see it and how long it is kept. It is written from the way the site
        works, and the periods below are the ones set on this site today.
      </p>
      <section aria-labelledby="privacy-why">
        <h2 id="privacy-why">Why we hold it</h2>
        <p>
          We hold your information to run this community: your account so you can take part, your posts and stories so others can read them, and safeguarding records so that someone can reach out if
          you may be in danger. Stories about health, drug or alcohol use and past offending are special category information: we publish a story only with your explicit consent, recorded with the
          exact words you agreed to, and you can withdraw it as easily as you gave it. We never sell your information, show advertising, or use tracking cookies.
        </p>
      </section>
      <section aria-labelledby="privacy-held">
        <h2 id="privacy-held">What we store about you</h2>
        <HeldTable id="privacy-held" rows={personal} settings={settings} />
      </section>
      <section aria-labelledby="privacy-elsewhere">
        <h2 id="privacy-elsewhere">Outside the database</h2>
        <HeldTable id="privacy-elsewhere" rows={KEPT_ELSEWHERE} settings={settings} />
      </section>
      <section aria-labelledby="privacy-people">
        <h2 id="privacy-people">Who can see more than the public pages</h2>
        <dl>
          {WHO_IS_WHO.map((entry) => (
            <div key={entry.role}>
              <dt>{entry.role}</dt>
              <dd>{entry.sees}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="privacy-rights">
        <h2 id="privacy-rights">Your rights</h2>
        <ul>
          <li>
            <strong>See and take your data:</strong> <a href="/account/export">download everything you gave us</a> as a file a computer can read and a page you can read (up to {settings.exportsPerDay}{' '}
            times a day).
          </li>
          <li>
            <strong>Correct it:</strong> change your details and email choices in <a href="/account">your account</a>, and edit your stories in <a href="/account/stories">your stories</a>.
          </li>
          <li>
            <strong>Withdraw consent:</strong> withdraw any story from <a href="/account/stories">your stories</a>. It is hidden from the very next visit.
          </li>
          <li>
            <strong>Erase it:</strong> <a href="/account/delete">delete your account</a> at any time. A moderator can do it for you if you ask at a meeting. We answer any request within a month.
          </li>
          <li>
            <strong>Complain:</strong> if you are unhappy with how we handle your information, tell a moderator, or contact the Information Commissioner’s Office (ico.org.uk, 0303 123 1113).
          </li>
        </ul>
        <p>
          How we expect everyone to behave is in our <a href="/house-rules">house rules</a>.
        </p>
      </section>
      <section aria-labelledby="privacy-internal">
        <h2 id="privacy-internal">Records that hold nothing about you</h2>
        <p>The site also keeps these, none of which says anything about a member:</p>
        <ul>
          {impersonal.map((entry) => (
            <li key={entry.title}>
              <strong>{entry.title}:</strong> {entry.what} {entry.kept(settings)}
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  )
}
