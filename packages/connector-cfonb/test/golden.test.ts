import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseCfonb120, parseCfonb120Stream, toCanonicalJson } from '../src/index.js'

// Golden files: each `*.cfonb` input was written from the spec with hand-chosen field values, and
// its `*.json` holds the canonical JSON expected, written by hand. `*.lenient.cfonb` runs lenient.
const dir = fileURLToPath(new URL('./golden/', import.meta.url))
const inputs = readdirSync(dir).filter((f) => f.endsWith('.cfonb'))

describe('golden files', () => {
  it('has a golden file for every physical variant and diagnostic family', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(27)
  })

  for (const input of inputs) {
    const name = input.slice(0, -'.cfonb'.length)
    const bytes = readFileSync(dir + input)
    const expected: unknown = JSON.parse(readFileSync(`${dir}${name}.json`, 'utf8'))
    const mode = name.endsWith('.lenient') ? 'lenient' : 'strict'

    it(`${input} (${mode})`, () => {
      expect(toCanonicalJson(parseCfonb120(bytes, { mode }))).toEqual(expected)
    })

    it(`${input} streamed byte by byte gives the same`, async () => {
      async function* oneByteAtATime(): AsyncGenerator<Uint8Array> {
        for (let i = 0; i < bytes.length; i++) yield bytes.subarray(i, i + 1)
      }
      expect(toCanonicalJson(await parseCfonb120Stream(oneByteAtATime(), { mode }))).toEqual(expected)
    })
  }
})
