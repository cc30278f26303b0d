// The periods, in months, a commissioners' report can cover.
export const REPORT_PERIODS = [3, 6, 12, 24] as const
