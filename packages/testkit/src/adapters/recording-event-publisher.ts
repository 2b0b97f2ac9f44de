import type { DomainEvent, EventPublisher, PublishError } from '@bankfeed/core'
import { err, ok } from '@bankfeed/core'

/** An {@link EventPublisher} that records published events and can be told to fail. */
export interface RecordingEventPublisher extends EventPublisher {
  /** Every event published, oldest first. */
  readonly published: () => ReadonlyArray<DomainEvent>
  /** The batches as published, one array per `publish` call. */
  readonly batches: () => ReadonlyArray<ReadonlyArray<DomainEvent>>
  /** The next publish fails with this error and records nothing of its batch. */
  readonly failNext: (error?: PublishError) => void
}

/** Makes an event publisher that keeps events in memory; a batch is recorded whole or not at all. */
export const makeRecordingEventPublisher = (): RecordingEventPublisher => {
  const batches: Array<ReadonlyArray<DomainEvent>> = []
  const failures: PublishError[] = []
  return {
    publish: (events) => () => {
      const failure = failures.shift()
      if (failure !== undefined) return Promise.resolve(err(failure))
      batches.push([...events])
      return Promise.resolve(ok(undefined))
    },
    published: () => batches.flat(),
    batches: () => [...batches],
    failNext: (error = { _tag: 'PublishError', message: 'broker unavailable (injected)' }) => {
      failures.push(error)
    },
  }
}
