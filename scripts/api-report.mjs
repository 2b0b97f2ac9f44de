#!/usr/bin/env node
// The public surface of every published package, one API Extractor report per entry of its exports
// map (`packages/<dir>/api/<entry>.api.md`), read from the built declarations (`pnpm build` first).
//
//   node scripts/api-report.mjs           # rewrite the reports after a deliberate change
//   node scripts/api-report.mjs --check   # fail when the built surface differs from the reports (CI)
//
// API Extractor reads one entry point per run (microsoft/rushstack#3557), so each subpath export
// gets a run of its own, as firebase-admin-node does; a name re-exported by two entries shows in both
// reports, which is what a reviewer wants to see.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor'
import { publishedEntries } from './entries.mjs'

const check = process.argv.includes('--check')
const temp = mkdtempSync(join(tmpdir(), 'bankfeed-api-'))
let changed = 0
let failed = 0
let reports = 0

/** `.` → `index`, `./connector` → `connector`, `./inbox/x` → `inbox-x`. */
const reportName = (subpath) => (subpath === '.' ? 'index' : subpath.slice(2).replaceAll('/', '-'))

for (const { dir, pkgDir, manifestPath, subpath, specifier: label, target } of publishedEntries()) {
  const types = target?.import?.types
  if (typeof types !== 'string') continue
  const entry = join(pkgDir, types)
  const name = reportName(subpath)
  if (!existsSync(entry)) {
    console.log(`FAIL ${label}: ${types} is not built (run pnpm build first)`)
    failed++
    continue
  }
  mkdirSync(join(pkgDir, 'api'), { recursive: true })
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: pkgDir,
      mainEntryPointFilePath: entry,
      compiler: {
        overrideTsconfig: {
          compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            skipLibCheck: true,
            types: ['node'],
          },
          files: [entry],
        },
      },
      apiReport: {
        enabled: true,
        reportFileName: name,
        reportFolder: join(pkgDir, 'api'),
        reportTempFolder: join(temp, dir),
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: 'warning' } },
        extractorMessageReporting: {
          // Release tags, member docs and TSDoc links are not what the report is for: every export
          // is public (the entries draw the line), and docs are reviewed in the TypeDoc reference.
          default: { logLevel: 'none' },
          // A type an export uses but no entry exports is worth a reviewer's look: noted in the report.
          'ae-forgotten-export': { logLevel: 'none', addToApiReportFile: true },
        },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
      },
    },
    configObjectFullPath: undefined,
    packageJsonFullPath: manifestPath,
  })
  const result = Extractor.invoke(config, {
    localBuild: !check,
    showVerboseMessages: false,
    messageCallback: (message) => {
      // Progress chatter ("Analysis will use the bundled TypeScript version…") stays quiet.
      if (message.logLevel === 'info' || message.logLevel === 'verbose') message.handled = true
    },
  })
  reports++
  if (result.apiReportChanged) {
    changed++
    console.log(
      check
        ? `FAIL ${label}: the public surface differs from packages/${dir}/api/${name}.api.md (run node scripts/api-report.mjs and review the diff)`
        : `updated ${label} → packages/${dir}/api/${name}.api.md`,
    )
  } else if (!result.succeeded) {
    failed++
    console.log(`FAIL ${label}: ${result.errorCount} errors`)
  } else console.log(`ok   ${label}`)
}
rmSync(temp, { recursive: true, force: true })
console.log(`${reports} API reports, ${changed} ${check ? 'differ' : 'updated'}, ${failed} failed`)
process.exit(failed > 0 || (check && changed > 0) ? 1 : 0)
