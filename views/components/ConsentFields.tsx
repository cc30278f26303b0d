// The consent step: explicit, granular, nothing chosen in advance, each choice explained in plain words.
import { AUDIENCE_CHOICES, BYLINE_CHOICES, CONSENT_MONTHS, RENEWAL_NOTICE_DAYS, WITHDRAW_EXPLANATION } from '../../src/policies/consent.js'
import type { FieldErrors } from './Form.js'

export type ConsentValues = { audience?: string; byline?: string; penName?: string; quoteInReports?: string; agree?: boolean }

function FieldError({ name, errors }: { name: string; errors: FieldErrors }) {
  return errors[name] ? (
    <p className="field__error" id={`field-${name}-error`}>
      <span className="visually-hidden">Error: </span>
      {errors[name]}
    </p>
  ) : null
}

export function ConsentFields({ values, errors }: { values: ConsentValues; errors: FieldErrors }) {
  return (
    <section aria-labelledby="consent-heading" className="consent">
      <h2 id="consent-heading">Your consent</h2>
      <p>You decide who reads your story and how it is signed. Nothing is chosen for you.</p>

      <fieldset id="field-audience" aria-describedby={errors.audience ? 'field-audience-error' : undefined} className={errors.audience ? 'field--error' : undefined}>
        <legend>Who can read your story?</legend>
        <FieldError name="audience" errors={errors} />
        {AUDIENCE_CHOICES.map((choice) => (
          <div className="radio" key={choice.value}>
            <input
              type="radio"
              id={`audience-${choice.value}`}
              name="audience"
              value={choice.value}
              defaultChecked={values.audience === choice.value}
              aria-describedby={`audience-${choice.value}-hint`}
            />
            <label htmlFor={`audience-${choice.value}`}>{choice.label}</label>
            <p className="field__hint" id={`audience-${choice.value}-hint`}>
              {choice.explanation}
            </p>
          </div>
        ))}
      </fieldset>

      <fieldset id="field-byline" aria-describedby={errors.byline ? 'field-byline-error' : undefined} className={errors.byline ? 'field--error' : undefined}>
        <legend>How should it be signed?</legend>
        <FieldError name="byline" errors={errors} />
        {BYLINE_CHOICES.map((choice) => (
          <div className="radio" key={choice.value}>
            <input type="radio" id={`byline-${choice.value}`} name="byline" value={choice.value} defaultChecked={values.byline === choice.value} aria-describedby={`byline-${choice.value}-hint`} />
            <label htmlFor={`byline-${choice.value}`}>{choice.label}</label>
            <p className="field__hint" id={`byline-${choice.value}-hint`}>
              {choice.explanation}
            </p>
          </div>
        ))}
        <div className={errors.penName ? 'field field--error' : 'field'}>
          <label htmlFor="field-penName">Pen name (only if you chose a pen name)</label>
          <FieldError name="penName" errors={errors} />
          <input
            id="field-penName"
            name="penName"
            type="text"
            maxLength={40}
            defaultValue={values.penName}
            aria-invalid={errors.penName ? true : undefined}
            aria-describedby={errors.penName ? 'field-penName-error' : undefined}
          />
        </div>
      </fieldset>

      <fieldset id="field-quoteInReports" aria-describedby={errors.quoteInReports ? 'field-quoteInReports-error' : 'quote-hint'} className={errors.quoteInReports ? 'field--error' : undefined}>
        <legend>May short quotes go into reports?</legend>
        <p className="field__hint" id="quote-hint">
          The forum reports to the people who plan and pay for drug and alcohol services. Quotes never carry your name or anything that could identify you.
        </p>
        <FieldError name="quoteInReports" errors={errors} />
        <div className="radio">
          <input type="radio" id="quote-yes" name="quoteInReports" value="yes" defaultChecked={values.quoteInReports === 'yes'} />
          <label htmlFor="quote-yes">Yes, anonymised quotes may be used</label>
        </div>
        <div className="radio">
          <input type="radio" id="quote-no" name="quoteInReports" value="no" defaultChecked={values.quoteInReports === 'no'} />
          <label htmlFor="quote-no">No, keep my story out of reports</label>
        </div>
      </fieldset>

      <div className="notice">
        <p>
          Your consent lasts {CONSENT_MONTHS} months. We email you {RENEWAL_NOTICE_DAYS} days before it ends; if you do not renew it, the story is hidden until you do.
        </p>
        <p>{WITHDRAW_EXPLANATION}</p>
      </div>
      <div className={errors.agree ? 'checkbox field--error' : 'checkbox'} id="field-agree">
        <FieldError name="agree" errors={errors} />
        <input
          id="agree"
          name="agree"
          type="checkbox"
          value="on"
          defaultChecked={values.agree === true}
          aria-invalid={errors.agree ? true : undefined}
          aria-describedby={errors.agree ? 'field-agree-error' : undefined}
        />
        <label htmlFor="agree">I have read this and I give my consent on these terms.</label>
      </div>
    </section>
  )
}
