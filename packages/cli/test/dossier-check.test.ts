import { describe, expect, it } from 'vitest'
import { runCli } from '../src/cli.js'
import { QUICKSTART_DOSSIER, SEED_DOSSIER } from './fixtures.js'
import { memoryIo } from './memory-io.js'

const check = async (args: readonly string[], files: Parameters<typeof memoryIo>[0], now?: () => number) => {
  const io = memoryIo(files, now === undefined ? {} : { now })
  const code = await runCli(['dossier', 'check', ...args], io)
  return { code, out: io.out(), err: io.err() }
}

interface CheckJson {
  ok: boolean
  bankAccounts: {
    bankAccountId: string
    ok: boolean
    findings: { code: string; severity: string; path: string; params: unknown; message: string }[]
  }[]
}

/** The quickstart dossier without its deliberately broken second account: ready. */
const readyDossier = (() => {
  const d = JSON.parse(QUICKSTART_DOSSIER) as {
    bankAccounts: { id: string }[]
    glAccounts: { bankAccountId: string | null }[]
    journals: { code: string }[]
  }
  return JSON.stringify({
    ...d,
    bankAccounts: d.bankAccounts.filter((a) => a.id === 'ba1'),
    glAccounts: d.glAccounts.filter((g) => g.bankAccountId !== 'ba2'),
    journals: d.journals.filter((j) => j.code === 'BQ1'),
  })
})()

const TODAY = ['--today', '2026-03-15']

describe('bankfeed dossier check', () => {
  it('the seed dossier: RIB_KEY_INVALID, IBAN_INVALID and BIC_INVALID, in French; exit 1', async () => {
    const { code, out, err } = await check([...TODAY, 'seed.json'], { 'seed.json': SEED_DOSSIER })
    expect(code).toBe(1)
    expect(err).toBe('')
    expect(out).toContain('Dossier CCH001 — Boulangerie Dupont : contrôle des prérequis au 15/03/2026')
    expect(out).toContain('✖ test (ba1) : 3 points bloquants à corriger')
    expect(out).toMatch(/^ {2}Gravité {3}Code {13}Champ {20}À faire$/m)
    expect(out).toMatch(
      /^ {2}BLOQUANT {2}RIB_KEY_INVALID {2}bankAccounts\[0\]\.rib\.key {2}La clé RIB 99 est fausse/m,
    )
    expect(out).toMatch(/^ {2}BLOQUANT {2}IBAN_INVALID {5}bankAccounts\[0\]\.iban {5}L’IBAN/m)
    expect(out).toMatch(/^ {2}BLOQUANT {2}BIC_INVALID {6}bankAccounts\[0\]\.bic {6}Le code BIC/m)
    expect(out.endsWith('Le dossier n’est pas prêt : corrigez les points bloquants ci-dessus.\n')).toBe(true)
  })

  it('--json: { ok, bankAccounts: [{ bankAccountId, ok, findings }] } with every finding field', async () => {
    const { code, out } = await check([...TODAY, '--json', 'seed.json'], { 'seed.json': SEED_DOSSIER })
    expect(code).toBe(1)
    const result = JSON.parse(out) as CheckJson
    expect(Object.keys(result)).toEqual(['ok', 'bankAccounts'])
    expect(result.ok).toBe(false)
    expect(result.bankAccounts.map((a) => [a.bankAccountId, a.ok])).toEqual([['ba1', false]])
    const findings = result.bankAccounts[0]?.findings ?? []
    expect(findings.map((f) => f.code)).toEqual(['RIB_KEY_INVALID', 'IBAN_INVALID', 'BIC_INVALID'])
    expect(findings.map((f) => Object.keys(f))).toEqual(
      Array(3).fill(['code', 'severity', 'path', 'params', 'message']),
    )
    expect(findings[0]).toMatchObject({
      severity: 'blocking',
      path: 'bankAccounts[0].rib.key',
      params: { expected: '93' },
    })
    expect(findings[0]?.message).toMatch(/^La clé RIB 99 est fausse/)
  })

  it('--en prints the checklist and the messages in English', async () => {
    const { out } = await check([...TODAY, '--en', 'seed.json'], { 'seed.json': SEED_DOSSIER })
    expect(out).toContain('Dossier CCH001 — Boulangerie Dupont: prerequisite check on 2026-03-15')
    expect(out).toContain('✖ test (ba1): 3 blocking issues to fix')
    expect(out).toMatch(/^ {2}BLOCKING {2}RIB_KEY_INVALID .*RIB key 99 is wrong/m)
    expect(out).toContain('The dossier is not ready: fix the blocking issues above.')
    const json = await check([...TODAY, '--en', '--json', 'seed.json'], { 'seed.json': SEED_DOSSIER })
    expect((JSON.parse(json.out) as CheckJson).bankAccounts[0]?.findings[0]?.message).toMatch(
      /^RIB key 99 is wrong/,
    )
  })

  it('the quickstart dossier: its first account is ready, the second is not; exit 1', async () => {
    const { code, out } = await check([...TODAY, 'd.json'], { 'd.json': QUICKSTART_DOSSIER })
    expect(code).toBe(1)
    expect(out).toContain('✔ BNP Paribas Agence Centre (ba1) : prêt pour la collecte\n')
    expect(out).toContain('✖ test (ba2) : 4 points bloquants à corriger')
    expect(out).toContain('JOURNAL_COUNTERPART_NOT_FOOTER')
  })

  it('a ready dossier exits 0', async () => {
    const { code, out, err } = await check([...TODAY, 'd.json'], { 'd.json': readyDossier })
    expect(code).toBe(0)
    expect(err).toBe('')
    expect(out).toBe(
      'Dossier CCH001 — Boulangerie Dupont : contrôle des prérequis au 15/03/2026\n\n' +
        '✔ BNP Paribas Agence Centre (ba1) : prêt pour la collecte\n\n' +
        'Le dossier est prêt.\n',
    )
    const json = await check([...TODAY, '--json', 'd.json'], { 'd.json': readyDossier })
    expect(json.code).toBe(0)
    expect(JSON.parse(json.out)).toEqual({
      ok: true,
      bankAccounts: [{ bankAccountId: 'ba1', ok: true, findings: [] }],
    })
  })

  it('warnings alone do not fail the check', async () => {
    // 2026-09-15: the feed start date (2026-03-01) is beyond the 180 days banks keep.
    const { code, out } = await check(['--today', '2026-09-15', 'd.json'], { 'd.json': readyDossier })
    expect(code).toBe(0)
    expect(out).toContain('✔ BNP Paribas Agence Centre (ba1) : prêt pour la collecte (1 avertissement)')
    expect(out).toMatch(/^ {2}attention {2}FEED_START_DATE_BEYOND_RETENTION/m)
  })

  it('a dossier without bank accounts is not ready; exit 1', async () => {
    const empty = JSON.stringify({
      ...(JSON.parse(readyDossier) as object),
      bankAccounts: [],
      glAccounts: [],
    })
    const { code, out } = await check([...TODAY, 'd.json'], { 'd.json': empty })
    expect(code).toBe(1)
    expect(out).toContain('Le dossier n’a aucun compte bancaire')
  })

  it('without --today, checks on the Paris day of the system clock', async () => {
    // 23:30 UTC on 31 December 2026 is already 1 January 2027 in Paris: no open fiscal year then.
    const { code, out } = await check(['d.json'], { 'd.json': readyDossier }, () =>
      Date.parse('2026-12-31T23:30:00Z'),
    )
    expect(code).toBe(1)
    expect(out).toContain('contrôle des prérequis au 01/01/2027')
    expect(out).toContain('FISCAL_YEAR_MISSING')
  })
})

describe('bankfeed dossier check: files that are not dossiers', () => {
  const bad = JSON.stringify({ version: 1, code: 'X', bankAccounts: [{ rib: { bankCode: 99999 } }] })

  it('lists every decode error with its path on stderr; exit 1', async () => {
    const { code, out, err } = await check([...TODAY, 'bad.json'], { 'bad.json': bad })
    expect(code).toBe(1)
    expect(out).toBe('')
    expect(err).toMatch(/^bankfeed: bad\.json n’est pas un dossier JSON v1 valide \(\d+ erreurs\) :\n/)
    expect(err).toContain('  - bankAccounts[0].rib.bankCode: expected string, got 99999\n')
    expect(err).toContain('  - name: expected string, but it is missing\n')
    const en = await check(['--en', 'bad.json'], { 'bad.json': bad })
    expect(en.err).toMatch(/^bankfeed: bad\.json is not a valid dossier JSON v1 \(\d+ issues\):\n/)
  })

  it('--json: {"error":{"code":"DOSSIER_INVALID", …, "issues":[{path,message}]}} on stdout', async () => {
    const { code, out, err } = await check(['--json', 'bad.json'], { 'bad.json': bad })
    expect(code).toBe(1)
    expect(err).toBe('')
    const printed = JSON.parse(out) as {
      error: { code: string; path: string; issues: { path: string; message: string }[] }
    }
    expect(printed.error.code).toBe('DOSSIER_INVALID')
    expect(printed.error.path).toBe('bad.json')
    expect(printed.error.issues).toContainEqual({
      path: 'bankAccounts[0].rib.bankCode',
      message: 'bankAccounts[0].rib.bankCode: expected string, got 99999',
    })
  })

  it('a file that is not JSON at all is one issue at the root', async () => {
    const { code, err } = await check(['--en', 'x.json'], { 'x.json': '{oops' })
    expect(code).toBe(1)
    expect(err).toMatch(
      /^bankfeed: x\.json is not a valid dossier JSON v1 \(1 issue\):\n {2}- \(root\): invalid JSON: /,
    )
  })

  it('a UTF-8 byte order mark is accepted', async () => {
    const { code } = await check([...TODAY, 'd.json'], { 'd.json': `\uFEFF${readyDossier}` })
    expect(code).toBe(0)
  })

  it('a missing file: exit 1, on stderr or as a JSON error', async () => {
    const text = await check(['nope.json'], {})
    expect(text.code).toBe(1)
    expect(text.err).toBe('bankfeed: nope.json: no such file\n')
    const json = await check(['--json', 'nope.json'], {})
    expect(json.code).toBe(1)
    expect(JSON.parse(json.out)).toEqual({
      error: { code: 'FILE_NOT_FOUND', message: 'nope.json: no such file', path: 'nope.json' },
    })
  })
})

describe('bankfeed dossier check: usage', () => {
  for (const [what, args, first] of [
    [
      'an impossible --today',
      ['--today', '2026-02-30', 'd.json'],
      "bankfeed: --today must be a calendar date YYYY-MM-DD, got '2026-02-30'\n",
    ],
    [
      'a --today in another format',
      ['--today', '15/03/2026', 'd.json'],
      "bankfeed: --today must be a calendar date YYYY-MM-DD, got '15/03/2026'\n",
    ],
    ['no FILE', ['--json'], 'bankfeed: dossier check: missing FILE\n'],
    ['two FILEs', ['a.json', 'b.json'], "bankfeed: dossier check: unexpected argument 'b.json'\n"],
    ['an unknown option', ['--fr', 'd.json'], "bankfeed: unknown option '--fr'\n"],
  ] as const) {
    it(`${what}: exit 2 with the usage on stderr`, async () => {
      const { code, out, err } = await check(args, { 'd.json': readyDossier })
      expect(code).toBe(2)
      expect(out).toBe('')
      expect(err.startsWith(first)).toBe(true)
      expect(err).toContain('Usage: bankfeed dossier check FILE [options]')
    })
  }

  it('--help prints the usage on stdout; exit 0', async () => {
    const { code, out } = await check(['--help'], {})
    expect(code).toBe(0)
    for (const option of ['--today', '--en', '--json']) expect(out).toContain(option)
  })
})
