// Multipart forms (a story with its cover picture) for the public site. Fields become req.body, so
// the CSRF check reads the form token as usual; one file becomes req.upload. A file over the limit
// is refused with 413 and nothing is kept.
import busboy from 'busboy'
import type { NextFunction, Request, Response } from 'express'

export type UploadedFile = { data: Buffer; mimetype: string; name: string; size: number; field: string }

declare module 'express-serve-static-core' {
  interface Request {
    upload?: UploadedFile
  }
}

export class UploadTooLarge extends Error {
  status = 413
}

export function parseMultipart({ maxFileBytes, maxFields = 200 }: { maxFileBytes: number; maxFields?: number }) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || !req.is('multipart/form-data')) return next()
    let parser: busboy.Busboy
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: maxFileBytes, files: 1, fields: maxFields, fieldSize: 200_000 } })
    } catch (error) {
      return next(Object.assign(error as Error, { status: 400 }))
    }
    const body: Record<string, string | string[]> = {}
    let failed = false
    const fail = (error: Error) => {
      if (failed) return
      failed = true
      req.unpipe(parser)
      req.resume()
      next(error)
    }
    parser.on('field', (name, value) => {
      const existing = body[name]
      body[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value]
    })
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = []
      let size = 0
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length
        chunks.push(chunk)
      })
      stream.on('limit', () => fail(new UploadTooLarge('The picture is larger than 10 MB.')))
      stream.on('end', () => {
        if (failed || size === 0) return
        req.upload = { data: Buffer.concat(chunks), mimetype: info.mimeType, name: info.filename || 'upload', size, field }
      })
    })
    parser.on('error', (error: Error) => fail(Object.assign(error, { status: 400 })))
    parser.on('close', () => {
      if (failed) return
      req.body = body
      next()
    })
    req.pipe(parser)
  }
}
