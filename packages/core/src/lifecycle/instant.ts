// An ISO instant without an offset is read in the machine's zone by luxon: the same input would give
// another answer on another server, so core refuses it.
const OFFSET = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i

/** True when an ISO-8601 timestamp ends with its offset (`Z`, `+02:00`, `+0200`, `+02`). */
export const hasExplicitOffset = (value: string): boolean => value.includes('T') && OFFSET.test(value)
