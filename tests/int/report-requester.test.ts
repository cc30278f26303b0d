// Issue 11: the commissioners' report checks who asked for it where it is built, not only in the route.
import { expect, test } from 'vitest'

import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'

test('the report is built only for moderators, admins and reporters, whatever calls it', async () => {
  const payload = await bootPayload()
  const { buildReport, ReportRefused } = await import('../../src/reports/buildReport.js')
  const member = await createMember(payload)
  const reporter = await createMember(payload, { roles: ['member', 'reporter'] as never })
  const moderator = await createMember(payload, { roles: ['moderator'] })
  await expect(buildReport(payload, null, 3)).rejects.toBeInstanceOf(ReportRefused)
  await expect(buildReport(payload, member, 3)).rejects.toBeInstanceOf(ReportRefused)
  await expect(buildReport(payload, { ...member, memberType: 'professional' }, 3)).rejects.toBeInstanceOf(ReportRefused)
  expect((await buildReport(payload, reporter, 3)).months).toBe(3)
  expect((await buildReport(payload, moderator, 3)).months).toBe(3)
})
