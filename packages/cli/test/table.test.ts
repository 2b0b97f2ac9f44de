import { describe, expect, it } from 'vitest'
import { displayWidth, plural, renderTable } from '../src/format/table.js'

describe('renderTable', () => {
  it('pads left columns, right-aligns right columns, never pads the last left column', () => {
    expect(
      renderTable(
        [{ header: 'Date' }, { header: 'Amount', align: 'right' }, { header: 'Label' }],
        [
          ['2026-03-02', '-1480.37', 'PRLV SEPA EDF'],
          ['2026-03-02', '0.05', 'VIR'],
        ],
        '  ',
      ),
    ).toEqual([
      '  Date          Amount  Label',
      '  ----------  --------  -------------',
      '  2026-03-02  -1480.37  PRLV SEPA EDF',
      '  2026-03-02      0.05  VIR',
    ])
  })

  it('counts accented letters as one column and caps the rule of a long last column', () => {
    const lines = renderTable([{ header: 'Nom' }, { header: 'Message' }], [['Hélène', 'x'.repeat(100)]])
    expect(lines[0]).toBe('Nom     Message')
    expect(lines[1]).toBe(`------  ${'-'.repeat(40)}`)
    expect(lines[2]).toBe(`Hélène  ${'x'.repeat(100)}`)
  })

  it('handles more rows than a function call takes arguments', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [String(i)])
    expect(renderTable([{ header: 'n', align: 'right' }], rows).at(-1)).toBe('199999')
  })

  it('an empty table is its header and rule', () => {
    expect(renderTable([{ header: 'A' }, { header: 'B', align: 'right' }], [])).toEqual(['A  B', '-  -'])
  })
})

describe('plural and displayWidth', () => {
  it('pluralizes English counts', () => {
    expect([plural(0, 'movement'), plural(1, 'movement'), plural(2, 'entry', 'entries')]).toEqual([
      '0 movements',
      '1 movement',
      '2 entries',
    ])
  })

  it('measures code points', () => {
    expect(displayWidth('CÔTÉ')).toBe(4)
  })
})
