// Runs a multi-step command in one transaction: either every write lands, or none does.
import { commitTransaction, createLocalReq, initTransaction, killTransaction, type Payload, type PayloadRequest } from 'payload'

/** Seeds pass quiet: true so that nothing is emailed. */
export type CommandOptions = { quiet?: boolean }

export async function inTransaction<T>(payload: Payload, user: Record<string, any> | null, work: (req: PayloadRequest) => Promise<T>, options: CommandOptions = {}): Promise<T> {
  const context = { storyCommand: true, ...(options.quiet ? { disableEmail: true } : {}) }
  const req = await createLocalReq({ user: user ? ({ ...user, collection: 'users' } as never) : undefined, context }, payload)
  const owns = await initTransaction(req)
  try {
    const result = await work(req)
    if (owns) await commitTransaction(req)
    return result
  } catch (error) {
    if (owns) await killTransaction(req)
    throw error
  }
}
