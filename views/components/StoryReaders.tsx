import { FEEDBACK_ANSWER_TEXT, FEEDBACK_ANSWERS, FEEDBACK_QUESTION_TEXT, FEEDBACK_QUESTIONS } from '../../src/policies/storyFeedback.js'
import type { StoryCard } from '../../src/presenters/story.js'
import { PostForm } from './Form.js'
import { StoryCardList } from './StoryCardList.js'

/** "More like this": shared characteristics first, then what readers who found this story helpful also found. */
export function MoreLikeThis({ similar, alsoFound }: { similar: StoryCard[]; alsoFound: StoryCard[] }) {
  if (similar.length === 0 && alsoFound.length === 0) return null
  return (
    <section className="more-like-this" aria-labelledby="more-like-this">
      <h2 id="more-like-this">More like this</h2>
      {similar.length > 0 ? <StoryCardList stories={similar} headingLevel={3} /> : null}
      {alsoFound.length > 0 ? (
        <>
          <h3>Readers who found this story helpful also found</h3>
          <StoryCardList stories={alsoFound} headingLevel={3} />
        </>
      ) : null}
      <p>
        <a href="/stories/like-mine">Find stories like mine</a>
      </p>
    </section>
  )
}

const FEEDBACK_NOTICE: Record<string, string> = {
  thanks: 'Thank you. Your answer helps other readers find stories like this one.',
  already: 'You have already answered for this story. Thank you.',
}

/** The two optional questions after a story, answered 1 to 5; nothing identifies the reader. */
export function StoryFeedbackForm({ csrfToken, slug, state }: { csrfToken: string; slug: string; state?: string }) {
  const notice = state ? FEEDBACK_NOTICE[state] : undefined
  return (
    <section className="story-feedback" aria-labelledby="story-feedback" id="feedback">
      <h2 id="story-feedback">After reading</h2>
      {notice ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : (
        <PostForm action={`/stories/${slug}/feedback`} csrfToken={csrfToken} label="Tell us about this story">
          <p className="field__hint">Optional. Your answers are counted, never stored with your name.</p>
          {FEEDBACK_QUESTIONS.map((question) => (
            <fieldset key={question} className="scale">
              <legend>{FEEDBACK_QUESTION_TEXT[question]}</legend>
              {FEEDBACK_ANSWERS.map((value) => (
                <div className="checkbox" key={value}>
                  <input type="radio" id={`feedback-${question}-${value}`} name={question} value={String(value)} />
                  <label htmlFor={`feedback-${question}-${value}`}>
                    {value}: {FEEDBACK_ANSWER_TEXT[value]}
                  </label>
                </div>
              ))}
            </fieldset>
          ))}
          <button type="submit" className="button button--secondary">
            Send my answer
          </button>
        </PostForm>
      )}
    </section>
  )
}
