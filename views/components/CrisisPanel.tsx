import type { LocalCrisisService } from '../../src/presenters/crisisService.js'
import { CRISIS_LINES, unbreakable } from '../../src/policies/crisisLines.js'

export type CrisisPanelWhat = 'story' | 'draft' | 'post' | 'report' | 'profile' | 'joining' | 'picture' | 'message' | 'suggestion' | 'interest'

// What happens next, said plainly for each kind of text: held, private, or never published.
const WHAT_NEXT: Record<CrisisPanelWhat, string> = {
  story: 'Your story is safe with us. A moderator will read it before anything is shared, and one of our safeguarding leads has been told.',
  post: 'Your post is safe with us. A moderator will read it before anyone else sees it, and one of our safeguarding leads has been told.',
  draft:
    'Your draft stays private: moderators cannot read it. Because of the words you used, one of our safeguarding leads has been told that you may need support, and may send you a private message.',
  report: 'Thank you for your report: only moderators read it. One of our safeguarding leads has been told, and may send you a private message.',
  profile: 'Your profile is saved. One of our safeguarding leads has been told, and may send you a private message.',
  joining: 'You do not need an account to get help: these numbers are free and open now. Once you have joined, our moderators and safeguarding leads are here too.',
  picture: 'Your picture is saved. One of our safeguarding leads has been told, and may send you a private message.',
  message: 'Your message has been sent. A safeguarding lead has been told, and will read it as soon as they can.',
  suggestion: 'Thank you for your suggestion: a moderator will check it before it appears in the directory. One of our safeguarding leads has been told, and may send you a private message.',
  interest: 'Your interest has been passed to the role’s coordinators. One of our safeguarding leads has been told, and may send you a private message.',
}

/** Shown straight away to an author whose words suggest they may be in danger: local services first. */
export function CrisisPanel({ what = 'story', local = [] }: { what?: CrisisPanelWhat; local?: LocalCrisisService[] }) {
  const urgent = CRISIS_LINES.filter((line) => line.name !== 'FRANK')
  return (
    <section className="crisis-panel" role="alert" aria-labelledby="crisis-panel-heading">
      <h2 id="crisis-panel-heading">Are you safe right now?</h2>
      <p>Some of what you wrote makes us worry about you. You do not have to go through this alone, and you can talk to someone now, for free:</p>
      {local.length > 0 ? (
        <>
          <h3>Near you</h3>
          <ul className="crisis-local">
            {local.map((service) => (
              <li key={service.name}>
                <strong>{service.name}</strong>
                {service.phone ? (
                  <>
                    :{' '}
                    <a className="nowrap" href={`tel:${service.tel}`}>
                      {unbreakable(service.phone)}
                    </a>
                  </>
                ) : null}
                {service.text ? (
                  <>
                    {' '}
                    · text <span className="nowrap">{unbreakable(service.text)}</span>
                  </>
                ) : null}
                {service.hours ? <> ({service.hours})</> : null}
                {service.note ? <> · {service.note}</> : null}
                {service.website ? (
                  <>
                    {' '}
                    · <a href={service.website}>website</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
          <h3>Any time, anywhere in the UK</h3>
        </>
      ) : null}
      <ul>
        {urgent.map((line) => (
          <li key={line.name}>
            <strong>{line.name}</strong>:{' '}
            <a className="nowrap" href={`tel:${line.tel}`}>
              {line.number}
            </a>{' '}
            ({line.note})
          </li>
        ))}
      </ul>
      <p>{WHAT_NEXT[what]}</p>
    </section>
  )
}
