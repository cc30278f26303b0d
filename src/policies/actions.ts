// "You said, we did": the life of an action raised by the forum.
export const ACTION_STATES = ['open', 'in-progress', 'done', 'dropped'] as const
export type ActionState = (typeof ACTION_STATES)[number]

export const ACTION_STATE_LABELS: Record<ActionState, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  dropped: 'Dropped',
}

export const isActionState = (value: unknown): value is ActionState => (ACTION_STATES as readonly unknown[]).includes(value)
