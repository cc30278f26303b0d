// Crisis numbers shown in every page footer and every email (UK). The spaces inside a number are
// no-break spaces (U+00A0), so a number never wraps across two lines; pages also mark it `nowrap`.
export const NBSP = '\u00a0'

/** A phone number (or any short run of words) whose ordinary spaces become no-break spaces. */
export const unbreakable = (text: string) => text.replace(/ /g, NBSP)

export const CRISIS_LINES = [
  { name: 'Samaritans', number: unbreakable('116 123'), tel: '116123', note: 'free, any time' },
  { name: 'NHS', number: unbreakable('111, option 2'), tel: '111', note: 'urgent mental health help' },
  { name: 'Emergency', number: '999', tel: '999', note: 'if you or someone else is in danger now' },
  { name: 'FRANK', number: unbreakable('0300 123 6600'), tel: '03001236600', note: 'drugs information and advice' },
] as const
