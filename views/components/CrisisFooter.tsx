import { CRISIS_LINES } from '../../src/policies/crisisLines.js'

/** Always on every page: Waymark is not a helpline, and these numbers are. */
export function CrisisFooter() {
  return (
    <footer className="site-footer">
      <section aria-labelledby="crisis-heading" className="crisis">
        <h2 id="crisis-heading">Need help now?</h2>
        <p>Waymark is a peer community, not a helpline. If you need help now, call:</p>
        <ul className="crisis__lines">
          {CRISIS_LINES.map((line) => (
            <li key={line.name}>
              <strong>{line.name}</strong>{' '}
              <a className="nowrap" href={`tel:${line.tel}`}>
                {line.number}
              </a>{' '}
              <span className="crisis__note">({line.note})</span>
            </li>
          ))}
        </ul>
      </section>
      <nav aria-label="About Waymark" className="site-footer__links">
        <ul>
          <li>
            <a href="/house-rules">House rules</a>
          </li>
          <li>
            <a href="/privacy-notice">Privacy notice</a>
          </li>
        </ul>
      </nav>
      <p className="site-footer__motto">Working together, moving forward.</p>
    </footer>
  )
}
