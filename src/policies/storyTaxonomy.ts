// Themes (CHIME and the Five Ways to Wellbeing) and structured content warnings for stories.
export const STORY_THEMES = [
  { value: 'connection', label: 'Connection', group: 'CHIME' },
  { value: 'hope', label: 'Hope', group: 'CHIME' },
  { value: 'identity', label: 'Identity', group: 'CHIME' },
  { value: 'meaning', label: 'Meaning', group: 'CHIME' },
  { value: 'empowerment', label: 'Empowerment', group: 'CHIME' },
  { value: 'connect', label: 'Connect', group: 'Five Ways to Wellbeing' },
  { value: 'be-active', label: 'Be active', group: 'Five Ways to Wellbeing' },
  { value: 'take-notice', label: 'Take notice', group: 'Five Ways to Wellbeing' },
  { value: 'keep-learning', label: 'Keep learning', group: 'Five Ways to Wellbeing' },
  { value: 'give', label: 'Give', group: 'Five Ways to Wellbeing' },
] as const

export const CONTENT_WARNINGS = [
  { value: 'substance-use', label: 'Detailed substance use' },
  { value: 'relapse', label: 'Relapse' },
  { value: 'overdose', label: 'Overdose' },
  { value: 'self-harm', label: 'Self-harm' },
  { value: 'suicide', label: 'Suicide' },
  { value: 'abuse-violence', label: 'Abuse or violence' },
  { value: 'bereavement', label: 'Bereavement' },
  { value: 'prison', label: 'Prison' },
] as const

export const themeLabel = (value: string) => STORY_THEMES.find((t) => t.value === value)?.label ?? value
export const warningLabel = (value: string) => CONTENT_WARNINGS.find((w) => w.value === value)?.label ?? value
