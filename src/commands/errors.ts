// A command's refusal that the person acting should read: a plain message and the HTTP status to
// answer with (not allowed, not found, wrong state). Anything else thrown by a command is a real error.
export class CommandRefusal extends Error {
  constructor(
    message: string,
    readonly status = 409,
  ) {
    super(message)
  }
}
