// A page whose client has gone is not rendered (issue 14): the routes' `handle` wrapper does not start
// a read for a client that left while the request waited, and sendPage does not render for one that
// left during the reads. A real Express app on a real socket; the client really closes its connection,
// and the test waits for the server to see that (its 'close' event) before letting the handler go on.
import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'

import express, { type NextFunction, type Request, type Response } from 'express'
import { createElement } from 'react'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import type { Payload } from 'payload'

import { handle, pageContext } from '../../src/routes/support.js'
import { sendPage, skippedForGoneClients } from '../../views/render.js'

type Gate = { promise: Promise<void>; open: () => void }
function gate(): Gate {
  let open!: () => void
  const promise = new Promise<void>((resolve) => (open = resolve))
  return { promise, open }
}

let renders = 0
let handlerRuns = 0
const Counted = () => {
  renders++
  return createElement('p', null, 'rendered')
}

// One request at a time: where it is held, what the test lets go, and what the server saw.
let arrived: Gate, release: Gate, serverSawClose: Gate, handlerDone: Gate

const holdBeforeHandler = async (_req: Request, _res: Response, next: NextFunction) => {
  arrived.open()
  await release.promise
  next()
}

const app = express()
app.use((_req, res, next) => {
  res.on('close', () => serverSawClose.open())
  next()
})
// Waits (as behind the session and CSRF middleware on a busy server), then the handler starts.
const page = handle(async (_req, res) => {
  handlerRuns++
  sendPage(res, createElement(Counted))
  handlerDone.open()
})
app.get('/waits-before', holdBeforeHandler, page)
app.post('/waits-before', holdBeforeHandler, page)
// The handler starts at once, then waits in the middle of its reads.
app.get(
  '/waits-during',
  handle(async (_req, res) => {
    handlerRuns++
    arrived.open()
    await release.promise
    sendPage(res, createElement(Counted))
    handlerDone.open()
  }),
)

// The page frame's reads (the localities list), held in the middle by a stand-in for Payload.
let readsAfterFrame = 0
const slowPayload = {
  find: async () => {
    arrived.open()
    await release.promise
    return { docs: [] }
  },
} as unknown as Payload
app.get(
  '/frame',
  handle(async (req, res) => {
    handlerRuns++
    await pageContext(slowPayload, req, res)
    readsAfterFrame++
    sendPage(res, createElement(Counted))
    handlerDone.open()
  }),
)

let server: http.Server
let port: number
beforeAll(async () => {
  server = app.listen(0)
  await new Promise((resolve) => server.once('listening', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(() => new Promise((resolve) => server.close(resolve)))
beforeEach(() => {
  ;[arrived, release, serverSawClose, handlerDone] = [gate(), gate(), gate(), gate()]
  renders = 0
  handlerRuns = 0
})

/** Sends a request on a raw socket and closes the socket once the server holds the request. */
async function requestThenLeave(method: string, path: string) {
  const socket = net.connect(port, '127.0.0.1')
  await new Promise((resolve) => socket.once('connect', resolve))
  socket.write(`${method} ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n`)
  await arrived.promise
  socket.destroy()
  await serverSawClose.promise
}

/** Lets pending callbacks run (the handler continues in microtasks after `release`). */
const settle = () => new Promise((resolve) => setImmediate(resolve))

async function requestAndStay(method: string, path: string) {
  const response = fetch(`http://127.0.0.1:${port}${path}`, { method })
  await arrived.promise
  release.open()
  const answered = await response
  return { status: answered.status, body: await answered.text() }
}

describe('a client that stays', () => {
  it('gets its page, rendered once (the control: the counters can move)', async () => {
    expect(await requestAndStay('GET', '/waits-before')).toEqual({ status: 200, body: '<!doctype html><p>rendered</p>' })
    expect([handlerRuns, renders]).toEqual([1, 1])
    expect(await requestAndStay('GET', '/waits-during')).toEqual({ status: 200, body: '<!doctype html><p>rendered</p>' })
    expect([handlerRuns, renders]).toEqual([2, 2])
  })
})

describe('a client that has gone', () => {
  it('before the handler starts: the handler does not run at all', async () => {
    const skippedBefore = skippedForGoneClients.count
    await requestThenLeave('GET', '/waits-before')
    release.open()
    await settle()
    await settle()
    expect([handlerRuns, renders]).toEqual([0, 0])
    expect(skippedForGoneClients.count).toBe(skippedBefore + 1)
  })

  it('during the reads: the handler stops short of rendering', async () => {
    const skippedBefore = skippedForGoneClients.count
    await requestThenLeave('GET', '/waits-during')
    release.open()
    await handlerDone.promise
    expect([handlerRuns, renders]).toEqual([1, 0])
    expect(skippedForGoneClients.count).toBe(skippedBefore + 1)
  })

  it('during the page frame reads: no read after it, no render', async () => {
    const skippedBefore = skippedForGoneClients.count
    await requestThenLeave('GET', '/frame')
    release.open()
    await settle()
    await settle()
    expect([handlerRuns, readsAfterFrame, renders]).toEqual([1, 0, 0])
    expect(skippedForGoneClients.count).toBe(skippedBefore + 1)
  })

  it('a form post is still handled (what the member sent is saved), only its page is not rendered', async () => {
    const skippedBefore = skippedForGoneClients.count
    await requestThenLeave('POST', '/waits-before')
    release.open()
    await handlerDone.promise
    expect([handlerRuns, renders]).toEqual([1, 0])
    expect(skippedForGoneClients.count).toBe(skippedBefore + 1)
  })
})
