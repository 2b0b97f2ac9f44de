import fc from 'fast-check'
import { test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { jsonTextState } from './json-text-state.js'

const parses = (text: string): boolean => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

// JSON texts with the characters that matter to the grammar, so random strings often come close.
const jsonish = fc.string({
  unit: fc.constantFrom(...'{}[]:,"\\ -0123456789.eE+tfnrulsabu\n\t'.split(''), 'x', '\u0001'),
  maxLength: 40,
})

describe('jsonTextState', () => {
  test.prop([fc.json({ depthSize: 'small' })])(
    'every prefix of a JSON text is complete when it parses and truncated otherwise',
    (text) => {
      const wrong: string[] = []
      for (let cut = 0; cut <= text.length; cut++) {
        const prefix = text.slice(0, cut)
        if (jsonTextState(prefix) !== (parses(prefix) ? 'complete' : 'truncated')) wrong.push(prefix)
      }
      expect(wrong).toEqual([])
    },
  )

  test.prop([fc.oneof(jsonish, fc.string({ maxLength: 40 }), fc.json({ depthSize: 'small' }))])(
    'says complete exactly when JSON.parse accepts the text',
    (text) => {
      expect(jsonTextState(text) === 'complete').toBe(parses(text))
    },
  )

  it('tells a cut-off body from one that is not JSON', () => {
    for (const cut of [
      '',
      '  ',
      '{"resources":[{"id":1,"amount":-9.3',
      '{"a":"b',
      '{"a":"\\u00',
      '[tr',
      '[1e',
      '-',
    ])
      expect(jsonTextState(cut)).toBe('truncated')
    for (const bad of [
      '<html>maintenance</html>',
      '{"resources": [sk-live-secret',
      '{"a":1}}',
      '[01]',
      '{"a" 1}',
      '[1,]',
      '"\u0001"',
      '{"a":"\\x"}',
      'nul!',
    ])
      expect(jsonTextState(bad)).toBe('malformed')
    expect(jsonTextState('['.repeat(100_000))).toBe('truncated')
  })
})
