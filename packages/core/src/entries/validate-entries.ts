import type { LocalDate } from '../domain/local-date.js'
import type { JournalEntry } from '../domain/journal-entry.js'

/**
 * Marks entries validated (irreversible) on `on`, as the accountant does before an official FEC:
 * the FEC holds only validated entries, with their ValidDate. Already validated ones keep their date.
 */
export const validateEntries = (
  entries: ReadonlyArray<JournalEntry>,
  on: LocalDate,
): ReadonlyArray<JournalEntry> => entries.map((e) => (e.validatedOn === null ? { ...e, validatedOn: on } : e))
