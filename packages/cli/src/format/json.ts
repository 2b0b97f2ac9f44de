/**
 * JSON as the CLI prints it: 2-space indent and a trailing newline — the layout of the golden files,
 * so `bankfeed cfonb parse --json` output can be diffed against them byte for byte.
 */
export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`
