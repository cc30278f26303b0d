import { CRISIS_LINES } from '../../src/policies/crisisLines.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'

// The community's own ways, as the Lancashire User Forum keeps them at its meetings: everyone welcome at
// every stage, newcomers first, what is said here stays here, nobody defined by their past.
const RULES: { heading: string; points: string[] }[] = [
  {
    heading: 'Everyone is welcome, at every stage',
    points: [
      'People in recovery, people who are abstinent, people stable on a prescription, people still using, families and carers, and the professionals around them: all of us belong here.',
      'Newcomers are the most important people in the room. Say welcome, and remember your own first time.',
      'Nobody’s recovery is better than anyone else’s. There is no right way, and no length of time that makes one person’s voice count more.',
    ],
  },
  {
    heading: 'Respect',
    points: [
      'Talk about experiences and ideas, not about people. Disagree kindly.',
      'No abuse, threats, bullying, hate or harassment, and no language that shames people for using drugs or alcohol.',
      'Staff and services can be criticised, fairly. Say what happened and what would have helped: that is how “you said, we did” works.',
    ],
  },
  {
    heading: 'Confidentiality: what is said here stays here',
    points: [
      'Never name or describe anyone in a way that could identify them (members, people at meetings, staff, family) without their permission. Small towns are small.',
      'Do not share what someone told you at a meeting or in a private message. It is their story to tell.',
      'Keep your own details safe too: you never have to give your real name, and nobody here will ask for it.',
    ],
  },
  {
    heading: 'Keep each other safe',
    points: [
      'No buying, selling, swapping or sourcing of drugs, prescriptions or alcohol, and no advice on how to get them.',
      'Harm reduction is welcome (naloxone, testing, never using alone); encouraging risk is not.',
      'If a post or story worries you, use “Report this to the moderators”. If someone is in danger now, call 999.',
    ],
  },
  {
    heading: 'Honest and your own',
    points: [
      'Share your own experience. Stories are published only with your consent, and you can withdraw it at any time.',
      'No advertising, spam or fundraising without the moderators’ agreement.',
      'Medical advice comes from professionals: say what helped you, not what someone else should take.',
    ],
  },
]

export function HouseRulesPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="House rules" description="How we look after each other on Waymark.">
      <h1>House rules</h1>
      <p className="lead">Waymark is run by and for the recovery community. Working together, moving forward: these are the ways we look after each other, online as at our meetings.</p>
      {RULES.map((rule, i) => (
        <section key={rule.heading} aria-labelledby={`rule-${i}`}>
          <h2 id={`rule-${i}`}>{rule.heading}</h2>
          <ul>
            {rule.points.map((point) => (
              <li key={point}>{point}</li>
            ))}
          </ul>
        </section>
      ))}
      <section aria-labelledby="rules-moderation">
        <h2 id="rules-moderation">What the moderators do</h2>
        <p>
          Moderators are members of the forum. They read newcomers’ first posts before they appear, and every report. They may hide or remove anything that breaks these rules, or ask an author to take
          a name out of a story, and they will tell you why. Posts that mention being in danger are held, and our safeguarding leads are told, so that someone can reach out.
        </p>
        <p>Waymark is not a helpline. If you need help now, call {CRISIS_LINES.map((line) => `${line.name} on ${line.number}`).join(', ')}.</p>
        <p>
          How we look after your information is in our <a href="/privacy-notice">privacy notice</a>.
        </p>
      </section>
    </Layout>
  )
}
