import { describe, expect, it } from 'vitest'
import { runCli } from '../src/cli.js'
import type { CliIo } from '../src/io.js'
import { memoryIo } from './memory-io.js'

const run = async (argv: readonly string[]) => {
  const io = memoryIo({})
  const code = await runCli(argv, io)
  return { code, out: io.out(), err: io.err() }
}

describe('bankfeed (dispatch)', () => {
  it('--help, -h and help print the commands on stdout; exit 0', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const { code, out, err } = await run([flag])
      expect(code).toBe(0)
      expect(err).toBe('')
      expect(out).toContain(
        'bankfeed cfonb parse FILE [--json] [--lenient] [--encoding auto|utf8|latin1] [--summary]',
      )
      expect(out).toContain('bankfeed dossier check FILE [--today YYYY-MM-DD] [--en] [--json]')
      expect(out).toContain('Exit codes: 0 ok, 1 data error')
    }
  })

  it('no command: usage on stderr, exit 2', async () => {
    const { code, out, err } = await run([])
    expect(code).toBe(2)
    expect(out).toBe('')
    expect(err).toMatch(/^bankfeed: missing command\n\nbankfeed — /)
  })

  it('unknown command or subcommand: the reason and the usage on stderr, exit 2', async () => {
    const unknown = await run(['cfnob', 'parse', 'x'])
    expect(unknown.code).toBe(2)
    expect(unknown.err).toMatch(/^bankfeed: unknown command 'cfnob'\n\n/)
    const sub = await run(['cfonb', 'read', 'x'])
    expect(sub.code).toBe(2)
    expect(sub.err).toMatch(/^bankfeed: cfonb: unknown subcommand 'read'\n\nUsage: bankfeed cfonb parse/)
    const missing = await run(['dossier'])
    expect(missing.code).toBe(2)
    expect(missing.err).toMatch(/^bankfeed: dossier: missing subcommand\n\nUsage: bankfeed dossier check/)
    const option = await run(['--version'])
    expect(option.code).toBe(2)
    expect(option.err).toMatch(/^bankfeed: unknown command '--version'/)
  })

  it('group help: bankfeed cfonb --help, bankfeed dossier -h', async () => {
    const cfonb = await run(['cfonb', '--help'])
    expect(cfonb.code).toBe(0)
    expect(cfonb.out).toContain('parse    read a CFONB 120 statement file')
    const dossier = await run(['dossier', '-h'])
    expect(dossier.code).toBe(0)
    expect(dossier.out).toContain('check    check a dossier')
  })

  it('an unexpected exception is one line on stderr, exit 1, never a stack trace', async () => {
    const base = memoryIo({})
    let err = ''
    const broken: CliIo = {
      ...base,
      stderr: (text) => {
        err += text
      },
      openFile: () => Promise.reject(new Error('disk on fire')),
    }
    const code = await runCli(['cfonb', 'parse', 'x.cfonb'], broken)
    expect(code).toBe(1)
    expect(err).toBe(
      'bankfeed: unexpected error: disk on fire\n(this is a bug in bankfeed; please report it)\n',
    )
  })
})
