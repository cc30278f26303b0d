import type { FilterOption, LikeMinePage } from '../../src/presenters/storyMatching.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'
import { HideWarningsForm } from '../components/ReadingChoices.js'
import { StoryCardList } from '../components/StoryCardList.js'

function Choice({ name, legend, options, chosen }: { name: string; legend: string; options: FilterOption[]; chosen: string }) {
  if (options.length === 0) return null
  return (
    <div className="field">
      <label htmlFor={`like-${name}`}>{legend}</label>
      <select id={`like-${name}`} name={name} defaultValue={chosen}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

function Boxes({ name, legend, options, chosen }: { name: string; legend: string; options: FilterOption[]; chosen: string[] }) {
  if (options.length === 0) return null
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((o) => (
        <div className="checkbox" key={o.value}>
          <input type="checkbox" id={`like-${name}-${o.value}`} name={name} value={o.value} defaultChecked={chosen.includes(o.value)} />
          <label htmlFor={`like-${name}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  )
}

type Props = { ctx: PageContext; page: LikeMinePage; hidden: string[]; asked: boolean; here: string }

export function StoriesLikeMinePage({ ctx, page, hidden, asked, here }: Props) {
  const { options, request } = page
  return (
    <Layout ctx={ctx} title="Stories like mine" description="Find recovery stories told by people like you.">
      <h1>Stories like mine</h1>
      <p className="lead">Choose what you would like to read about. We show published stories that share the most with your choice.</p>
      <form method="get" action="/stories/like-mine" className="filters filters--stories" aria-label="Choose stories like mine">
        <Choice name="narrator" legend="Told by" options={options.narratorType} chosen={request.narratorType} />
        <Choice name="stage" legend="Stage of recovery" options={options.stage} chosen={request.stage} />
        <Choice name="tone" legend="Tone" options={options.tone} chosen={request.tone} />
        <Boxes name="theme" legend="Themes" options={options.themes} chosen={request.themes} />
        <Boxes name="tag" legend="Experiences" options={options.tags} chosen={request.tags} />
        <div className="filters__submit">
          <button type="submit" className="button">
            Find stories
          </button>
        </div>
      </form>
      {!ctx.viewer ? <p className="meta">To protect the people who wrote them, we only offer choices that match at least 5 stories.</p> : null}
      {page.refused ? (
        <div className="notice" role="status">
          <p>That combination matches too few stories to show, so that nobody can be singled out. Here are the newest stories instead; try fewer choices.</p>
        </div>
      ) : null}
      {page.dropped && !page.refused ? (
        <div className="notice" role="status">
          <p>Some of your choices are not available and were left out.</p>
        </div>
      ) : null}
      <HideWarningsForm csrfToken={ctx.csrfToken} hidden={hidden} returnPath={here} signedIn={Boolean(ctx.viewer)} />
      <h2>{asked && !page.refused ? `Stories like yours (${page.moreThanTotal ? `more than ${page.total.toLocaleString('en-GB')}` : page.total})` : 'Newest stories'}</h2>
      <StoryCardList stories={page.cards} headingLevel={3} />
    </Layout>
  )
}
