// New accounts come through the /join form (which answers alike whether or not an address is
// registered) or from an admin. The form's command marks its request with this context flag, and
// the Users collection's create rule admits only that request or an admin (collections/Users/access.ts).

/** The req.context key registerMember sets on the account it creates. */
export const SIGNUP_CONTEXT = 'signupForm'
