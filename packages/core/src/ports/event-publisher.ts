import type { TaskEither } from '../fp.js'
import type { DomainEvent, PublishError } from '../domain/domain-event.js'

/** Publishes changes after they are committed, never before. */
export interface EventPublisher {
  readonly publish: (events: ReadonlyArray<DomainEvent>) => TaskEither<PublishError, void>
}
