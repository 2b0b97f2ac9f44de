import { readFileSync } from 'node:fs'
import { E } from '../src/fp.js'
import { decodeDossier } from '../src/codecs/dossier-v1.js'
import { bnpRef } from './builders.js'
import type { FeedSettings } from '../src/domain/feed-settings.js'
import type { Dossier } from '../src/domain/dossier.js'

/** The dossier JSON of the issue, built on the seed `liaison-loop-bankin.txt` bank account. */
export const seedDossierJson = (): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL('./fixtures/seed-dossier.json', import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >

/** The seed dossier, decoded. */
export const seedDossier = (): Dossier => {
  const decoded = decodeDossier(seedDossierJson())
  if (E.isLeft(decoded)) throw new Error(decoded.left.issues.map((i) => i.message).join('\n'))
  return decoded.right
}

/**
 * The seed dossier with the quickstart's valid BNP identifiers on ba1 (`bnpRef`), its feed settings
 * changed by `feed`.
 */
export const seedDossierOnBnp = (feed: Partial<FeedSettings> = {}): Dossier => {
  const d = seedDossier()
  const a = d.bankAccounts[0] as Dossier['bankAccounts'][number]
  return {
    ...d,
    bankAccounts: [
      {
        ...a,
        iban: bnpRef.iban,
        rib: { bankCode: '30004', branchCode: '00828', accountNumber: '00010512345', key: '43' },
        feed: { ...(a.feed as FeedSettings), ...feed },
      },
    ],
  }
}
