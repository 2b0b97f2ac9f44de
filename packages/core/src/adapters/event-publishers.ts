import { TE } from '../fp.js'
import type { EventPublisher } from '../ports/event-publisher.js'

/**
 * A publisher that publishes nothing, successfully: for a program with no downstream listener, or
 * whose store keeps events in an outbox written in the same commit (the SQL store does).
 */
export const noopEventPublisher: EventPublisher = { publish: () => TE.right(undefined) }
