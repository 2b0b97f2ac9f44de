import { E, TE } from '../fp.js'
import type { ConnectionStateStore } from '../ports/stores.js'
import type { ConnectionState } from '../domain/store-records.js'

/** An in-memory {@link ConnectionStateStore}, with an inspection helper, for tests and demos. */
export interface InMemoryConnectionStateStore extends ConnectionStateStore {
  /** The stored state of a connection, if any. */
  readonly state: (connectionId: string) => ConnectionState | undefined
}

/** Makes an in-memory connection state store; a save from a stale version is refused. */
export const makeInMemoryConnectionStateStore = (
  initial: ReadonlyArray<readonly [string, ConnectionState]> = [],
): InMemoryConnectionStateStore => {
  const states = new Map<string, { readonly state: ConnectionState; readonly version: number }>(
    initial.map(([id, state]) => [id, { state, version: 1 }]),
  )
  return {
    load: (id) => TE.right({ state: states.get(id)?.state ?? null, version: states.get(id)?.version ?? 0 }),
    save: (id, state, expectedVersion) => {
      const version = states.get(id)?.version ?? 0
      if (version !== expectedVersion)
        return TE.fromEither(
          E.left({ _tag: 'ConcurrentUpdate' as const, message: `state of ${id} moved since it was read` }),
        )
      states.set(id, { state, version: version + 1 })
      return TE.right(undefined)
    },
    state: (id) => states.get(id)?.state,
  }
}
