import type { IncomingMessage, ServerResponse } from 'node:http'
import * as E from 'fp-ts/lib/Either.js'
import type { Logger } from '@bankfeed/core'
import { handleBridgeWebhook } from './handle-webhook.js'
import type { SyncTrigger } from './sync-trigger.js'
import { webhookRejectionStatus } from './webhook-rejection.js'

/** Bridge's payloads are a few hundred bytes: 64 KiB leaves room and bounds memory. */
export const DEFAULT_WEBHOOK_MAX_BODY_BYTES = 64 * 1024

/** Options of {@link makeWebhookHttpHandler}. */
export interface WebhookHttpHandlerOptions {
  /** The webhook's current secrets, or a function read on every request (to rotate without restarting). */
  readonly secrets: ReadonlyArray<string> | (() => ReadonlyArray<string>)
  /**
   * Where rejections and accepted events are logged: the program's `context.logger` (a webhook needs
   * no clock, so the whole context may be spread in as well: `{ ...context, secrets, … }`).
   */
  readonly logger: Logger
  /**
   * Receives the triggers of an accepted webhook (never an empty list). Enqueue them and return:
   * Bridge waits for the answer. A throw or a rejected promise answers 500, so Bridge may send again.
   */
  readonly onTriggers: (triggers: ReadonlyArray<SyncTrigger>) => void | Promise<void>
  /** Longer bodies are answered 413 (default {@link DEFAULT_WEBHOOK_MAX_BODY_BYTES}). */
  readonly maxBodyBytes?: number
}

/** A `node:http` request listener. */
export type WebhookHttpHandler = (req: IncomingMessage, res: ServerResponse) => void

type BodyRead =
  | { readonly _tag: 'Body'; readonly bytes: Buffer }
  | { readonly _tag: 'TooLarge'; readonly received: number }
  | { readonly _tag: 'Aborted' }

/** How much of an oversized body is read and dropped before the connection is cut. */
const DRAIN_FACTOR = 16

/**
 * Reads a request body up to `limit` bytes. Past the limit it keeps nothing more and lets the rest
 * drain (so the client reads the 413 instead of a reset), cutting the connection after
 * `DRAIN_FACTOR × limit` bytes.
 */
const readBody = (req: IncomingMessage, limit: number): Promise<BodyRead> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = []
    let received = 0
    let done = false
    const tooLarge = (size: number): void => {
      done = true
      chunks.length = 0
      resolve({ _tag: 'TooLarge', received: size })
    }
    req.on('data', (chunk: Buffer) => {
      received += chunk.length
      if (done) {
        if (received > limit * DRAIN_FACTOR) req.destroy()
        return
      }
      if (received > limit) tooLarge(received)
      else chunks.push(chunk)
    })
    req.on('end', () => {
      if (!done) resolve({ _tag: 'Body', bytes: Buffer.concat(chunks) })
      done = true
    })
    req.on('error', () => {
      if (!done) resolve({ _tag: 'Aborted' })
      done = true
    })
    // A declared length over the limit is refused before a byte is kept.
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) tooLarge(declared)
  })

const answer = (res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) => {
  if (res.headersSent) return
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers })
  res.end(text)
}

const headerText = (value: string | ReadonlyArray<string> | undefined): string | undefined =>
  value === undefined ? undefined : typeof value === 'string' ? value : value.join(',')

/**
 * A framework-free `node:http` listener receiving Bridge webhooks: `POST` only (405 otherwise),
 * body read raw up to `maxBodyBytes` (413 beyond), then {@link handleBridgeWebhook}: 401 for a
 * missing, malformed or wrong signature, 400 for a signed body that does not decode, 500 when no
 * secret is configured or `onTriggers` fails, 200 otherwise (an ignored event type included). Mount
 * it on its own path or server; it never echoes the body. Throws only on bad configuration.
 */
export const makeWebhookHttpHandler = (options: WebhookHttpHandlerOptions): WebhookHttpHandler => {
  const limit = options.maxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BODY_BYTES
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new Error('makeWebhookHttpHandler: maxBodyBytes must be a positive integer')
  if (Array.isArray(options.secrets) && options.secrets.every((s) => s === ''))
    throw new Error('makeWebhookHttpHandler: at least one webhook secret is required')
  const secretsNow = (): ReadonlyArray<string> =>
    typeof options.secrets === 'function' ? options.secrets() : options.secrets
  const { logger } = options

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') {
      req.resume()
      answer(res, 405, 'method not allowed', { Allow: 'POST' })
      return
    }
    const body = await readBody(req, limit)
    if (body._tag === 'Aborted') return
    if (body._tag === 'TooLarge') {
      logger.warn('bridge webhook rejected', {
        reason: 'BodyTooLarge',
        detail: `the body is longer than ${limit} bytes`,
        bodyLength: body.received,
      })
      answer(res, 413, 'payload too large', { Connection: 'close' })
      return
    }
    const handled = handleBridgeWebhook({
      rawBody: body.bytes,
      signatureHeader: headerText(req.headers['bridgeapi-signature']),
      secrets: secretsNow(),
      logger,
    })
    if (E.isLeft(handled)) {
      const status = webhookRejectionStatus(handled.left)
      answer(res, status, status === 401 ? 'unauthorized' : status === 400 ? 'bad request' : 'error')
      return
    }
    if (handled.right.length > 0)
      try {
        await options.onTriggers(handled.right)
      } catch (thrown) {
        logger.error('bridge webhook triggers not scheduled', {
          kind: thrown instanceof Error ? thrown.name : typeof thrown,
          triggers: handled.right.length,
        })
        answer(res, 500, 'error')
        return
      }
    answer(res, 200, 'ok')
  }

  return (req, res) => {
    serve(req, res).catch(() => answer(res, 500, 'error'))
  }
}
