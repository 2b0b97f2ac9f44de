import { E } from '../fp.js'
import type { Either } from '../fp.js'
import { Dec } from '../domain/money.js'
import type { Movement } from '../domain/statement.js'
import { isAsciiLabel, normalizeLabel } from '../reconcile/movement-identity.js'

/**
 * When a counterpart rule applies. Every condition given must hold; an empty condition matches all.
 * Amounts are compared on the absolute value, as decimal strings.
 */
export interface CounterpartCondition {
  /** The normalized label contains every one of these words or phrases (accents and case ignored). */
  readonly labelContains?: ReadonlyArray<string>
  /** The raw label matches this regular expression (JavaScript syntax, case-insensitive). */
  readonly labelPattern?: string
  readonly direction?: 'in' | 'out'
  /** Smallest absolute amount, included. */
  readonly minAmount?: string
  /** Largest absolute amount, included. */
  readonly maxAmount?: string
  /** CFONB interbank operation codes (`B1`, `05`…). */
  readonly interbankCodes?: ReadonlyArray<string>
  /** The counterparty name (CFONB 05 details, API field) contains this, normalized. */
  readonly counterpartyContains?: string
}

/** An ordered rule: the first that applies names the counterpart account (and auxiliary account). */
export interface CounterpartRule {
  readonly id: string
  readonly when: CounterpartCondition
  readonly account: string
  readonly auxiliary?: string
  /** Replaces the label of the counterpart line; the raw bank label is kept otherwise. */
  readonly label?: string
}

/** The account a movement is booked against, and why. */
export interface CounterpartChoice {
  readonly account: string
  readonly auxiliary: string | null
  /** The rule that chose it, or `null` for the waiting account. */
  readonly ruleId: string | null
  readonly label: string | null
}

/** A rule whose pattern is not a valid regular expression. */
export interface InvalidCounterpartRule {
  readonly _tag: 'InvalidCounterpartRule'
  readonly ruleId: string
  readonly message: string
}

/** One counterpart rule once compiled (its conditions normalised, its account checked). */
export interface CompiledRule {
  readonly rule: CounterpartRule
  /** What the rule chooses, made once: generation gives the same object to every movement it books. */
  readonly choice: CounterpartChoice
  readonly words: ReadonlyArray<string>
  /**
   * The words as patterns over a raw ASCII label (case ignored, any run of other characters for a
   * space): the same test as on the normalized label, without building it for every movement.
   */
  readonly wordPatterns: ReadonlyArray<RegExp>
  readonly pattern: RegExp | null
  readonly min: Dec | null
  readonly max: Dec | null
  readonly counterparty: string | null
}

/** Rules checked once (patterns compiled, amounts parsed), ready to be applied to many movements. */
export interface CompiledRules {
  readonly rules: ReadonlyArray<CompiledRule>
  readonly waitingAccount: string
  /** The choice when no rule applies. */
  readonly fallback: CounterpartChoice
  /** Whether some rule reads the normalized label, which then is computed once per movement. */
  readonly needsLabel: boolean
}

/**
 * Checks and compiles ordered counterpart rules with their fallback, the waiting account. Returns
 * the invalid rules instead if any pattern or amount is wrong.
 */
export const compileCounterpartRules = (
  rules: ReadonlyArray<CounterpartRule>,
  waitingAccount: string,
): Either<ReadonlyArray<InvalidCounterpartRule>, CompiledRules> => {
  const errors: InvalidCounterpartRule[] = []
  const compiled: CompiledRule[] = []
  for (const rule of rules) {
    let pattern: RegExp | null = null
    if (rule.when.labelPattern !== undefined) {
      try {
        pattern = new RegExp(rule.when.labelPattern, 'i')
      } catch (e) {
        errors.push({
          _tag: 'InvalidCounterpartRule',
          ruleId: rule.id,
          message: e instanceof Error ? e.message : String(e),
        })
      }
    }
    const amount = (s: string | undefined, field: string): Dec | null => {
      if (s === undefined) return null
      if (!/^\d+(\.\d+)?$/.test(s)) {
        errors.push({
          _tag: 'InvalidCounterpartRule',
          ruleId: rule.id,
          message: `${field}: expected a decimal amount, got ${s}`,
        })
        return null
      }
      return new Dec(s)
    }
    const words = (rule.when.labelContains ?? []).map(normalizeLabel).filter((w) => w !== '')
    compiled.push({
      rule,
      choice: {
        account: rule.account,
        auxiliary: rule.auxiliary ?? null,
        ruleId: rule.id,
        label: rule.label ?? null,
      },
      words,
      wordPatterns: words.map((w) => new RegExp(w.split(' ').join('[^A-Z0-9]+'), 'i')),
      pattern,
      min: amount(rule.when.minAmount, 'minAmount'),
      max: amount(rule.when.maxAmount, 'maxAmount'),
      counterparty:
        rule.when.counterpartyContains === undefined ? null : normalizeLabel(rule.when.counterpartyContains),
    })
  }
  return errors.length > 0
    ? E.left(errors)
    : E.right({
        rules: compiled,
        waitingAccount,
        fallback: { account: waitingAccount, auxiliary: null, ruleId: null, label: null },
        needsLabel: compiled.some((c) => c.words.length > 0),
      })
}

/** `label`: the normalized label, or `null` for an ASCII label tested through the word patterns. */
const matches = (c: CompiledRule, m: Movement, label: string | null): boolean => {
  const w = c.rule.when
  if (w.direction !== undefined && (w.direction === 'in') !== m.amount.amount.isPositive()) return false
  if (c.min !== null || c.max !== null) {
    const abs = m.amount.amount.abs()
    if (c.min !== null && abs.lessThan(c.min)) return false
    if (c.max !== null && abs.greaterThan(c.max)) return false
  }
  if (
    w.interbankCodes !== undefined &&
    (m.interbankCode === null || !w.interbankCodes.includes(m.interbankCode))
  )
    return false
  if (
    c.counterparty !== null &&
    (m.counterpartyName === null || !normalizeLabel(m.counterpartyName).includes(c.counterparty))
  )
    return false
  if (label === null) {
    for (const p of c.wordPatterns) if (!p.test(m.label)) return false
  } else for (const word of c.words) if (!label.includes(word)) return false
  if (c.pattern !== null && !c.pattern.test(m.label)) return false
  return true
}

/** The counterpart of a movement: the first rule that applies, else the waiting account. */
export const chooseCounterpart = (rules: CompiledRules, m: Movement): CounterpartChoice => {
  const label = rules.needsLabel && !isAsciiLabel(m.label) ? normalizeLabel(m.label) : null
  for (const c of rules.rules) if (matches(c, m, label)) return c.choice
  return rules.fallback
}
