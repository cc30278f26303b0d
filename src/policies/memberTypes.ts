// Self-declared member types: shown as a badge, never used to grant access.
export const MEMBER_TYPES = [
  { value: 'in-recovery', label: 'In recovery' },
  { value: 'family-carer', label: 'Family member or carer' },
  { value: 'professional', label: 'Professional' },
  { value: 'commissioner', label: 'Commissioner' },
  { value: 'supporter', label: 'Supporter' },
] as const

export type MemberType = (typeof MEMBER_TYPES)[number]['value']

export const memberTypeLabel = (value: string | null | undefined): string => MEMBER_TYPES.find((type) => type.value === value)?.label ?? 'Member'

export const isMemberType = (value: unknown): value is MemberType => MEMBER_TYPES.some((type) => type.value === value)
