import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { decodeFeedItem, encodeFeedItem } from '@bankfeed/core/store'
import { UNICODE_LABELS, apiFeedArb, fileFeedArb } from '../src/index.js'

describe('feed items as JSON', () => {
  it('read back exactly what was written, through JSON text', () => {
    fc.assert(
      fc.property(
        fc.oneof(apiFeedArb({ labels: UNICODE_LABELS }), fileFeedArb({ labels: UNICODE_LABELS })),
        (feed) => {
          for (const item of feed.items) {
            const back = decodeFeedItem(JSON.parse(JSON.stringify(encodeFeedItem(item))))
            expect(back).toEqual({ _tag: 'Right', right: item })
          }
        },
      ),
    )
  })

  it('say where a value is wrong', () => {
    const r = decodeFeedItem({ _tag: 'Deleted', account: {}, providerId: 7 })
    expect(r._tag).toBe('Left')
  })
})
