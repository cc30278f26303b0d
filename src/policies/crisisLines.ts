// Crisis numbers shown in every page footer and every email (UK).
export const CRISIS_LINES = [
  { name: 'Samaritans', number: '116 123', tel: '116123', note: 'free, any time' },
  { name: 'NHS', number: '111, option 2', tel: '111', note: 'urgent mental health help' },
  { name: 'Emergency', number: '999', tel: '999', note: 'if you or someone else is in danger now' },
  { name: 'FRANK', number: '0300 123 6600', tel: '03001236600', note: 'drugs information and advice' },
] as const
