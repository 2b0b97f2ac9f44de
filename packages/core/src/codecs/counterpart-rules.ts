import { E, pipe, t } from '../fp.js'
import type { Either } from '../fp.js'
import type { CounterpartRule } from '../entries/counterpart-rules.js'
import { nestingDepthIssue } from './nesting-depth.js'
import { oneOf } from './primitives.js'
import { readableErrors } from './readable-errors.js'
import type { DecodeIssue } from './readable-errors.js'

/** An absolute amount as a decimal string (`1500`, `89.90`): never a JSON number, which rounds. */
const DecimalText = t.refinement(t.string, (s) => /^\d+(\.\d+)?$/.test(s), 'decimal string')

/**
 * A leaf key that may be missing. (Not for objects or arrays: a union's errors are reported at the
 * union, and the failing path inside would be lost; io-ts intersections put a branch index in paths.)
 */
const optional = <C extends t.Mixed>(codec: C) => t.union([codec, t.undefined], `${codec.name} | undefined`)

const ConditionCodec = t.exact(
  t.partial({
    labelContains: t.readonlyArray(t.string),
    labelPattern: t.string,
    direction: oneOf(['in', 'out']),
    minAmount: DecimalText,
    maxAmount: DecimalText,
    interbankCodes: t.readonlyArray(t.string),
    counterpartyContains: t.string,
  }),
  'CounterpartCondition',
)

/** One counterpart rule as JSON: the fields of `CounterpartRule`, amounts as decimal strings. */
export const CounterpartRuleCodec = t.exact(
  t.type({
    id: t.string,
    when: ConditionCodec,
    account: t.string,
    auxiliary: optional(t.string),
    label: optional(t.string),
  }),
  'CounterpartRule',
)

/**
 * A counterpart rules file, version 1: the rules of each dossier by code, in order, `default` rules
 * tried after a dossier's own (for every dossier), and the labels of the general and auxiliary
 * accounts the rules book to that a dossier's chart does not name (the FEC needs a label for every
 * account). The waiting account remains the fallback. Every key but `version` may be left out.
 */
export const CounterpartRulesFileCodec = t.exact(
  t.type({
    version: t.literal(1),
    dossiers: t.record(t.string, t.readonlyArray(CounterpartRuleCodec)),
    default: t.readonlyArray(CounterpartRuleCodec),
    accountLabels: t.record(t.string, t.string),
    auxiliaryLabels: t.record(t.string, t.string),
  }),
  'CounterpartRulesFile',
)

type DecodedRule = t.TypeOf<typeof CounterpartRuleCodec>

/** Drops the optional keys left out (`exactOptionalPropertyTypes`: absent is not `undefined`). */
const toRule = ({ auxiliary, label, ...rule }: DecodedRule): CounterpartRule => ({
  ...rule,
  ...(auxiliary === undefined ? {} : { auxiliary }),
  ...(label === undefined ? {} : { label }),
})

/** A decoded rules file: the rules to give a dossier's generation, by dossier code. */
export interface CounterpartRulesFile {
  /** A dossier's own rules, then the default ones. */
  readonly rulesOf: (dossierCode: string) => ReadonlyArray<CounterpartRule>
  /** Labels of general accounts, by number (a dossier's chart wins over them). */
  readonly accountLabels: ReadonlyMap<string, string>
  /** Labels of auxiliary accounts, by code. */
  readonly auxiliaryLabels: ReadonlyMap<string, string>
}

const rootIssue = (message: string): DecodeIssue => ({
  path: '',
  expected: 'CounterpartRulesFile',
  actual: undefined,
  message: `(root): ${message}`,
})

/**
 * Decodes a counterpart rules file (version 1) from JSON text: every failing path is reported, and
 * rule ids must be unique within a dossier's list (an entry names the rule that chose it).
 */
export const parseCounterpartRulesJson = (
  text: string,
): Either<ReadonlyArray<DecodeIssue>, CounterpartRulesFile> => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return E.left([rootIssue(`invalid JSON: ${e instanceof Error ? e.message : String(e)}`)])
  }
  const tooDeep = nestingDepthIssue(json)
  if (tooDeep !== null) return E.left([tooDeep])
  // `dossiers` and `default` may be left out: filled in before decoding, so that errors inside them
  // keep their full path.
  const filled =
    typeof json === 'object' && json !== null && !Array.isArray(json)
      ? { dossiers: {}, default: [], accountLabels: {}, auxiliaryLabels: {}, ...json }
      : json
  return pipe(
    CounterpartRulesFileCodec.decode(filled),
    E.mapLeft(readableErrors),
    E.chain((file) => {
      const byDossier = new Map(
        Object.entries(file.dossiers).map(([code, rules]) => [code, rules.map(toRule)]),
      )
      const fallback = file.default.map(toRule)
      const issues: DecodeIssue[] = []
      for (const [code, rules] of [...byDossier, ['default', []] as const]) {
        const seen = new Set<string>()
        for (const [i, rule] of [...rules, ...fallback].entries()) {
          if (!seen.has(rule.id)) {
            seen.add(rule.id)
            continue
          }
          const path = i < rules.length ? `dossiers.${code}[${i}].id` : `default[${i - rules.length}].id`
          issues.push({
            path,
            expected: 'a rule id not used before',
            actual: JSON.stringify(rule.id),
            message: `${path}: rule id ${JSON.stringify(rule.id)} is used twice for dossier ${code}`,
          })
        }
      }
      if (issues.length > 0) return E.left(issues)
      return E.right({
        rulesOf: (code: string): ReadonlyArray<CounterpartRule> => [
          ...(byDossier.get(code) ?? []),
          ...fallback,
        ],
        accountLabels: new Map(Object.entries(file.accountLabels)),
        auxiliaryLabels: new Map(Object.entries(file.auxiliaryLabels)),
      })
    }),
  )
}
