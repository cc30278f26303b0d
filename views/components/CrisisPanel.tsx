import { CRISIS_LINES } from '../../src/policies/crisisLines.js'

/** Shown straight away to an author whose words suggest they may be in danger. */
export function CrisisPanel({ what = 'story' }: { what?: 'story' | 'post' }) {
  const urgent = CRISIS_LINES.filter((line) => line.name !== 'FRANK')
  return (
    <section className="crisis-panel" role="alert" aria-labelledby="crisis-panel-heading">
      <h2 id="crisis-panel-heading">Are you safe right now?</h2>
      <p>Some of what you wrote makes us worry about you. You do not have to go through this alone, and you can talk to someone now, for free:</p>
      <ul>
        {urgent.map((line) => (
          <li key={line.name}>
            <strong>{line.name}</strong>: <a href={`tel:${line.tel}`}>{line.number}</a> ({line.note})
          </li>
        ))}
      </ul>
      <p>Your {what} is safe with us. A moderator will read it before anything is shared, and one of our safeguarding leads has been told.</p>
    </section>
  )
}
