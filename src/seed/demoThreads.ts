// Demo forum conversations, posted as the demo accounts, so the forums are not empty on a new site.
// The welcome thread is the online form of the LUF's "who's here for the first time?".
import type { Payload } from 'payload'

type DemoReply = { authorEmail: string; body: string }
type DemoThread = { locality: string; authorEmail: string; title: string; body: string; pinned?: boolean; replies: DemoReply[] }

const THREADS: DemoThread[] = [
  {
    locality: 'lancashire-county',
    authorEmail: 'moderator@waymark.example',
    title: 'Who’s here for the first time? Say hello',
    body: 'Welcome. If this is your first time here, you are the most important person in the room.\n\nSay hello if you like, or just read for a while. *Working together, moving forward.*',
    pinned: true,
    replies: [
      { authorEmail: 'sunrise@waymark.example', body: 'Hello from East. I nearly did not post this. Glad I did.' },
      { authorEmail: 'friend@waymark.example', body: 'Welcome! The brews at the Burnley meeting are the best in the county.' },
    ],
  },
  {
    locality: 'lancashire-county',
    authorEmail: 'daat@waymark.example',
    title: 'What would make the treatment service easier to reach?',
    body: 'We are reviewing opening hours and locations for next year. What gets in the way for you or your family?\n\n- Times\n- Travel\n- Anything else',
    replies: [{ authorEmail: 'oakmum@waymark.example', body: 'Evening appointments. I work days and could not get my son there before five.' }],
  },
  {
    locality: 'lancashire-north',
    authorEmail: 'kettle@waymark.example',
    title: 'Family support group in Lancaster, second Tuesdays',
    body: 'We meet at the community centre from 7pm. No need to book, and you do not have to talk.',
    replies: [{ authorEmail: 'volunteer@waymark.example', body: 'I can give lifts from Morecambe if anyone needs one.' }],
  },
]

async function userId(payload: Payload, email: string) {
  const found = await payload.find({ collection: 'users', where: { email: { equals: email } }, limit: 1, depth: 0, overrideAccess: true })
  return found.docs[0]?.id
}

/** Idempotent: a thread with the same title is left alone. Returns how many threads it made. */
export async function seedDemoThreads(payload: Payload): Promise<number> {
  const context = { seed: true, disableEmail: true }
  let created = 0
  for (const demo of THREADS) {
    const exists = await payload.count({ collection: 'threads', where: { title: { equals: demo.title } }, overrideAccess: true })
    if (exists.totalDocs > 0) continue
    const locality = (await payload.find({ collection: 'localities', where: { slug: { equals: demo.locality } }, limit: 1, depth: 0, overrideAccess: true })).docs[0]
    const author = await userId(payload, demo.authorEmail)
    if (!locality || !author) continue
    const thread = await payload.create({
      collection: 'threads',
      data: { locality: locality.id, title: demo.title, body: demo.body, author, status: 'published', pinned: demo.pinned === true } as never,
      overrideAccess: true,
      context,
    })
    for (const reply of demo.replies) {
      const replier = await userId(payload, reply.authorEmail)
      if (!replier) continue
      await payload.create({ collection: 'replies', data: { thread: thread.id, body: reply.body, author: replier, status: 'published' } as never, overrideAccess: true, context })
    }
    created++
  }
  return created
}
