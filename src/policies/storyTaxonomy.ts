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

// The characteristics a reader can match on ("stories like mine", issue 17). The narrator's type is
// chosen by the author for this story (src/policies/memberTypes.ts values), never read from their account.
export const RECOVERY_STAGES = [
  { value: 'early-days', label: 'Early days' },
  { value: 'a-while', label: 'In recovery a while' },
  { value: 'long-term', label: 'Long-term recovery' },
  { value: 'supporting', label: 'Supporting someone' },
] as const

export const STORY_TONES = [
  { value: 'hopeful', label: 'Hopeful' },
  { value: 'honest', label: 'Honest about struggle' },
  { value: 'practical', label: 'Practical' },
] as const

export const stageLabel = (value: string) => RECOVERY_STAGES.find((s) => s.value === value)?.label ?? value
export const toneLabel = (value: string) => STORY_TONES.find((t) => t.value === value)?.label ?? value
export const isRecoveryStage = (value: unknown): value is (typeof RECOVERY_STAGES)[number]['value'] => RECOVERY_STAGES.some((s) => s.value === value)
export const isStoryTone = (value: unknown): value is (typeof STORY_TONES)[number]['value'] => STORY_TONES.some((t) => t.value === value)
export const isContentWarning = (value: unknown): boolean => CONTENT_WARNINGS.some((w) => w.value === value)
export const isStoryTheme = (value: unknown): boolean => STORY_THEMES.some((t) => t.value === value)
