// SMTP_URL selects a real SMTP server. Without it, each message is written to data/outbox/*.eml
// and its path logged, so the demo works offline and nothing is silently dropped.
import fs from 'node:fs'
import path from 'node:path'
import nodemailer, { type Transporter } from 'nodemailer'

import { outboxDir } from '../env.js'

type BuildableMail = {
  message: { build(cb: (err: Error | null, message: Buffer) => void): void; getEnvelope(): unknown; messageId(): string }
}

function outboxTransport(): Transporter {
  return nodemailer.createTransport({
    name: 'waymark-outbox',
    version: '1.0.0',
    send(mail: BuildableMail, callback: (err: Error | null, info?: unknown) => void) {
      mail.message.build((err, message) => {
        if (err) return callback(err)
        try {
          fs.mkdirSync(outboxDir(), { recursive: true })
          const stamp = new Date().toISOString().replace(/[:.]/g, '-')
          const file = path.join(outboxDir(), `${stamp}-${Math.random().toString(36).slice(2, 8)}.eml`)
          fs.writeFileSync(file, message, { mode: 0o600 })
          console.log(`[email] written to ${path.relative(process.cwd(), file)}`)
          callback(null, { envelope: mail.message.getEnvelope(), messageId: mail.message.messageId(), path: file })
        } catch (writeError) {
          callback(writeError as Error)
        }
      })
    },
  } as never)
}

export function mailTransport(): Transporter {
  const url = process.env.SMTP_URL
  return url ? nodemailer.createTransport(url) : outboxTransport()
}

export const fromAddress = process.env.EMAIL_FROM || 'waymark@localhost'
export const fromName = process.env.EMAIL_FROM_NAME || 'Waymark'
