// s3rver ships no types: what tests/support/s3.ts uses of it.
declare module 's3rver' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  type Options = { directory: string; silent?: boolean; configureBuckets?: { name: string }[]; address?: string; port?: number }
  export default class S3rver {
    constructor(options: Options)
    configureBuckets(): Promise<void>
    callback(): (req: IncomingMessage, res: ServerResponse) => void
  }
}
