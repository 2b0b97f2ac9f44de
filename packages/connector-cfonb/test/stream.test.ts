import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import type { CfonbEvent } from '../src/index.js'
import { parseCfonb120, parseCfonb120Stream, streamCfonb120, toCanonicalJson } from '../src/index.js'
import * as cfonbText from '../src/testing/index.js'

const { modelFileArb, physicalVariantArb, renderFile } = cfonbText

async function* chunked(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  const points = [...new Set(cuts.map((c) => (bytes.length === 0 ? 0 : c % bytes.length)))].sort(
    (a, b) => a - b,
  )
  let from = 0
  for (const p of points) {
    if (p > from) yield bytes.subarray(from, p)
    from = Math.max(from, p)
  }
  if (from < bytes.length) yield bytes.subarray(from)
}

const collect = async (events: AsyncIterable<CfonbEvent>): Promise<CfonbEvent[]> => {
  const out: CfonbEvent[] = []
  for await (const e of events) out.push(e)
  return out
}

const golden = (name: string): string => fileURLToPath(new URL(`./golden/${name}`, import.meta.url))

describe('streaming', () => {
  test.prop([modelFileArb, physicalVariantArb, fc.array(fc.nat(), { maxLength: 40 })])(
    'any chunking of a valid file gives the one-shot result',
    async (model, variant, cuts) => {
      const { bytes } = renderFile(model, variant)
      const streamed = await parseCfonb120Stream(chunked(bytes, cuts))
      expect(streamed).toEqual(parseCfonb120(bytes))
    },
  )

  test.prop([fc.uint8Array({ maxLength: 1500 }), fc.array(fc.nat(), { maxLength: 30 }), fc.boolean()])(
    'any chunking of random bytes gives the one-shot result',
    async (bytes, cuts, strict) => {
      const mode = strict ? 'strict' : 'lenient'
      expect(await parseCfonb120Stream(chunked(bytes, cuts), { mode })).toEqual(
        parseCfonb120(bytes, { mode }),
      )
    },
  )

  it('yields statements before the end event, which carries the summary', async () => {
    const events = await collect(streamCfonb120(createReadStream(golden('multi-account-days.cfonb'))))
    expect(events.map((e) => e.kind)).toEqual(['statement', 'statement', 'statement', 'statement', 'end'])
    expect(events.at(-1)).toMatchObject({
      kind: 'end',
      ok: true,
      error: null,
      summary: { statements: 4, movements: 4, details: 0, records: 12 },
      decodedAs: 'utf-8',
    })
  })

  it('reads a web ReadableStream, async-iterable or not', async () => {
    const bytes = new Uint8Array(
      await new Response(
        Readable.toWeb(createReadStream(golden('basic-lf.cfonb'))) as ReadableStream,
      ).arrayBuffer(),
    )
    const expected = parseCfonb120(bytes)
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 200))
        controller.enqueue(bytes.subarray(200))
        controller.close()
      },
    })
    expect(await parseCfonb120Stream(web)).toEqual(expected)
    // A stream exposing only getReader(), as in runtimes without async-iterable streams.
    const readerOnly = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes)
        controller.close()
      },
    })
    expect(await parseCfonb120Stream({ getReader: () => readerOnly.getReader() })).toEqual(expected)
  })

  it('stops reading at the first error in strict mode and releases the source', async () => {
    const bad = new TextEncoder().encode(`${'99'.padEnd(120)}\n`)
    let pulled = 0
    let released = false
    async function* source(): AsyncGenerator<Uint8Array> {
      try {
        for (;;) {
          pulled++
          yield bad
        }
      } finally {
        released = true
      }
    }
    const events = await collect(streamCfonb120(source()))
    expect(events.map((e) => e.kind)).toEqual(['diagnostic', 'end'])
    expect(pulled).toBe(1)
    expect(released).toBe(true)
  })

  it('a Node Readable gives the same result as the file in memory', async () => {
    const file = golden('all-qualifiers.cfonb')
    const fromStream = await parseCfonb120Stream(createReadStream(file, { highWaterMark: 7 }))
    expect(toCanonicalJson(fromStream).statements[0]?.movements[0]?.details).toHaveLength(21)
  })
})
