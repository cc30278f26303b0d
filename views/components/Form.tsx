// Form parts that put each error next to its field and keep what the person typed.
import type { ReactNode } from 'react'

import { CSRF_FIELD } from '../../src/security/csrf.js'

export type FieldErrors = Record<string, string | undefined>

export function ErrorSummary({ errors, labels }: { errors: FieldErrors; labels: Record<string, string> }) {
  const entries = Object.entries(errors).filter(([, message]) => message)
  if (entries.length === 0) return null
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li key={name}>
            <a href={`#field-${name}`}>{labels[name] ? `${labels[name]}: ${message}` : message}</a>
          </li>
        ))}
      </ul>
    </div>
  )
}

type FrameProps = { name: string; label: string; error?: string; hint?: ReactNode; children: (describedBy: string | undefined) => ReactNode }

/** Label, hint and error above a control, wired together for screen readers (GOV.UK pattern). */
function FieldFrame({ name, label, error, hint, children }: FrameProps) {
  const id = `field-${name}`
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      {children(describedBy)}
    </div>
  )
}

type FieldProps = {
  name: string
  label: string
  type?: 'text' | 'email' | 'password'
  value?: string
  error?: string
  hint?: ReactNode
  autoComplete?: string
  required?: boolean
  maxLength?: number
}

export function TextField({ name, label, type = 'text', value, error, hint, autoComplete, required, maxLength }: FieldProps) {
  return (
    <FieldFrame name={name} label={label} error={error} hint={hint}>
      {(describedBy) => (
        <input
          id={`field-${name}`}
          name={name}
          type={type}
          defaultValue={type === 'password' ? undefined : value}
          autoComplete={autoComplete}
          required={required}
          maxLength={maxLength}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
    </FieldFrame>
  )
}

export function TextAreaField({ name, label, value, error, hint, required, maxLength, rows = 8 }: Omit<FieldProps, 'type' | 'autoComplete'> & { rows?: number }) {
  return (
    <FieldFrame name={name} label={label} error={error} hint={hint}>
      {(describedBy) => (
        <textarea id={`field-${name}`} name={name} rows={rows} defaultValue={value} required={required} maxLength={maxLength} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
      )}
    </FieldFrame>
  )
}

type Option = { value: string; label: string }

type SelectProps = {
  name: string
  label: string
  options: readonly Option[]
  value?: string
  error?: string
  hint?: ReactNode
  required?: boolean
  placeholder?: string
}

export function SelectField({ name, label, options, value, error, hint, required, placeholder }: SelectProps) {
  return (
    <FieldFrame name={name} label={label} error={error} hint={hint}>
      {(describedBy) => (
        <select id={`field-${name}`} name={name} defaultValue={value ?? ''} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  )
}

export function Checkbox({ name, label, checked, hint }: { name: string; label: string; checked?: boolean; hint?: string }) {
  const id = `field-${name}`
  return (
    <div className="checkbox">
      <input id={id} name={name} type="checkbox" value="on" defaultChecked={checked} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  )
}

/** A POST form with its CSRF token already inside. */
export function PostForm({ action, csrfToken, children, label, multipart = false }: { action: string; csrfToken: string; children: ReactNode; label?: string; multipart?: boolean }) {
  return (
    <form method="post" action={action} noValidate aria-label={label} encType={multipart ? 'multipart/form-data' : undefined}>
      <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
      {children}
    </form>
  )
}

/** The body of a thread or a post's edit: the same limits and the same advice wherever a post is written. */
export function PostBodyField({ label, value, error }: { label: string; value?: string; error?: string }) {
  return (
    <TextAreaField
      name="body"
      label={label}
      value={value}
      error={error}
      required
      maxLength={20000}
      hint="Plain text. *Emphasis*, lists, links and > quotes work. Please leave out names and details that could identify anyone."
    />
  )
}
