// The GET filter forms of the public lists (meetings, directory, volunteering, "You said, we did"):
// plain forms that work without JavaScript and give a URL that can be shared.
import type { ReactNode } from 'react'

export type FilterChoice = { value: string; label: string }

/** One labelled choice; the empty value means "any". */
export function FilterSelect({ id, name, label, anyLabel, choices, selected }: { id: string; name: string; label: string; anyLabel: string; choices: FilterChoice[]; selected: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={selected}>
        <option value="">{anyLabel}</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  )
}

export function FilterForm({ action, label, children }: { action: string; label: string; children: ReactNode }) {
  return (
    <form method="get" action={action} className="filters" aria-label={label}>
      {children}
      <button type="submit" className="button button--secondary">
        Show
      </button>
    </form>
  )
}

export const localityChoices = (localities: { slug: string; name: string }[]): FilterChoice[] => localities.map((l) => ({ value: l.slug, label: l.name }))
