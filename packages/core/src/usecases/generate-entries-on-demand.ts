import { E, TE, pipe } from '../fp.js'
import type { TaskEither } from '../fp.js'
import { isCurrencyCode } from '../domain/currency.js'
import type { Dossier } from '../domain/dossier.js'
import { DEFAULT_WAITING_ACCOUNT } from '../domain/gl-account.js'
import { compileCounterpartRules } from '../entries/counterpart-rules.js'
import type { CounterpartRule, InvalidCounterpartRule } from '../entries/counterpart-rules.js'
import { generateEntries } from '../entries/generate-entries.js'
import type { EntryGeneration, EntryGenerationError } from '../entries/generate-entries.js'
import { DomainEvent } from '../domain/domain-event.js'
import { noopEventPublisher } from '../adapters/event-publishers.js'
import type { Context } from '../ports/context.js'
import type { EventPublisher } from '../ports/event-publisher.js'
import type { StoreError } from '../domain/store-error.js'
import type { LedgerStore } from '../ports/stores.js'
import { loadWorkingLedgers } from './working-ledger.js'
import type { AccountLedger } from '../reconcile/ledger.js'

/** Why entries were not generated on demand. */
export type GenerateOnDemandError =
  | { readonly _tag: 'StoreFailed'; readonly error: StoreError }
  | { readonly _tag: 'InvalidRules'; readonly errors: ReadonlyArray<InvalidCounterpartRule> }
  | { readonly _tag: 'EntrySetupMissing'; readonly error: EntryGenerationError }
  | { readonly _tag: 'UnknownBankAccount'; readonly bankAccountId: string }

/**
 * Generates, on demand, the entries of an account's movements that have none (the seed's "Relevé"
 * button when automatic generation is off), and commits them; a movement never gets two entries.
 * `deps` is the program's {@link Context} with the store (`{ ...context, store }`); `events`
 * receives the `entries.generated` event after the commit, {@link noopEventPublisher} when left out
 * (the event is committed to the store with the entries either way).
 */
export const generateEntriesOnDemand = (
  deps: Context & {
    readonly store: LedgerStore
    readonly events?: EventPublisher
  },
  request: {
    readonly dossier: Dossier
    readonly bankAccountId: string
    readonly rules?: ReadonlyArray<CounterpartRule>
    readonly footerStyle?: 'net' | 'receiptsAndPayments'
  },
): TaskEither<GenerateOnDemandError, EntryGeneration> => {
  const { dossier, bankAccountId } = request
  const account = dossier.bankAccounts.find((b) => b.id === bankAccountId)
  if (account === undefined || !isCurrencyCode(account.currency))
    return TE.left({ _tag: 'UnknownBankAccount', bankAccountId })
  const rules = compileCounterpartRules(
    request.rules ?? [],
    dossier.waitingAccount ?? DEFAULT_WAITING_ACCOUNT,
  )
  if (E.isLeft(rules)) return TE.left({ _tag: 'InvalidRules', errors: rules.left })
  const key = { dossierCode: dossier.code, bankAccountId }
  const entriesEvent = (count: number): DomainEvent =>
    DomainEvent.entriesGenerated({ ...key, occurredAt: deps.clock.now() }, { count })
  return pipe(
    // No incoming item: the slice holds what generation reads, the movements awaiting an entry.
    loadWorkingLedgers(deps.store, { protocol: 'manual', connectionId: '' }, [
      {
        key,
        currency: account.currency,
        items: [],
        settings: {
          startDate: null,
          pendingWindowDays: 0,
          crossSourceWindowDays: 0,
          crossSourceMinSimilarity: 1,
        },
      },
    ]),
    TE.map((ledgers) => ledgers[0] as AccountLedger),
    TE.mapLeft((error): GenerateOnDemandError => ({ _tag: 'StoreFailed', error })),
    TE.chain((ledger) =>
      pipe(
        TE.fromEither(
          generateEntries(dossier, ledger, {
            rules: rules.right,
            ...(request.footerStyle === undefined ? {} : { footerStyle: request.footerStyle }),
          }),
        ),
        TE.mapLeft((error): GenerateOnDemandError => ({ _tag: 'EntrySetupMissing', error })),
        TE.chain((generation) =>
          pipe(
            deps.store.commit({
              connectionId: null,
              expectedCursorVersion: 0,
              cursor: null,
              ledgers: [
                {
                  key,
                  currency: ledger.currency,
                  expectedVersion: ledger.version,
                  changes: generation.changes,
                },
              ],
              events: generation.entries.length === 0 ? [] : [entriesEvent(generation.entries.length)],
            }),
            TE.mapLeft((error): GenerateOnDemandError => ({ _tag: 'StoreFailed', error })),
            TE.chainFirstW(() =>
              generation.entries.length === 0
                ? TE.right<never, void>(undefined)
                : pipe(
                    (deps.events ?? noopEventPublisher).publish([entriesEvent(generation.entries.length)]),
                    TE.orElse((e) => {
                      deps.logger.warn('events not published after commit', { reason: e.message })
                      return TE.right<never, void>(undefined)
                    }),
                  ),
            ),
            TE.map(() => generation),
          ),
        ),
      ),
    ),
  )
}
