// What a reader of a private conversation sees of one message: who (display name, and for staff their
// role), when, and the text. Never an email address or a user id.
export type PresentedMessage = { id: number | string; from: string; fromViewer: boolean; sentAt: string; body: string }

export function presentMessage(doc: Record<string, any>, viewerId: number | string): PresentedMessage {
  const senderId = doc.sender && typeof doc.sender === 'object' ? doc.sender.id : doc.sender
  const fromViewer = String(senderId) === String(viewerId)
  return { id: doc.id, from: fromViewer ? 'You' : String(doc.senderLabel ?? 'Waymark'), fromViewer, sentAt: String(doc.createdAt), body: String(doc.body ?? '') }
}
