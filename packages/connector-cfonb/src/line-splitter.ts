import type { CfonbDiagnostic } from './diagnostics.js'
import { diagnostic } from './diagnostics.js'
import { isBlank } from './fields.js'

// The physical layer: cuts decoded text into 120-character records, whatever the separators.
//
// * Lines end with LF, CRLF or CR (mixed too). Empty and all-space lines are ignored.
// * A line of exactly 120 characters is one record.
// * A shorter line is right-padded with spaces (`LINE_PADDED`): trimmed trailing blanks are the
//   usual cause; if real content was lost the field checks that follow will say so.
// * A longer line is cut into 120-character records (files without separators). Characters left
//   after the last complete record are a `BAD_LINE_LENGTH` error.
//
// Line numbers count each record as its own line: for an ordinary file it is the physical line,
// for a file without separators the record index. Text arrives in pieces of any size; only an
// unfinished line is carried to the next piece, and a long line is cut as it comes, so memory
// stays bounded even for a 1 GB file without a single separator.

const RECORD = 120
const LF = 10
const CR = 13
const SPACES = ' '.repeat(RECORD)

/** Where the splitter sends records and physical-layout diagnostics. */
export interface SplitterSink {
  record(src: string, off: number, line: number): void
  report(d: CfonbDiagnostic): void
  stopped(): boolean
}

/** A streaming splitter: `push` text pieces in order, then `end`. */
export interface LineSplitter {
  push(text: string): void
  /** Marks that the text pushed from now on was decoded as Windows-1252 (reported at the next line). */
  markEncodingSwitch(): void
  end(): void
  /** Records seen so far. */
  records(): number
}

/** Creates a splitter feeding `sink`. */
export const createLineSplitter = (sink: SplitterSink): LineSplitter => {
  // Unfinished line carried from the previous piece (at most one record and a bit, see `partial`).
  let carry = ''
  let nextLine = 1
  // Records already cut from the physical line in progress (a line longer than 120 characters).
  let lineRecords = 0
  // The previous piece ended with CR: an LF at the start of the next one completes a CRLF.
  let skipLf = false
  let records = 0
  // The decoding switched to Windows-1252 inside the line in progress or at the start of the next.
  let switchPending = false

  const noteSwitch = (line: number): void => {
    if (!switchPending) return
    switchPending = false
    sink.report(
      diagnostic(
        'ENCODING_FALLBACK',
        line,
        'bytes here are not valid UTF-8: from here on the input is decoded as Windows-1252',
      ),
    )
  }

  const emit = (src: string, off: number, physicalLength: number): void => {
    const line = nextLine++
    noteSwitch(line)
    // A CFONB 240 file (31/34/39 records) would otherwise be cut into pairs of meaningless records.
    if (src.charCodeAt(off) === 51 /* 3 */) {
      const c = src.charCodeAt(off + 1)
      if (
        (c === 49 && records === 0) ||
        (physicalLength === 2 * RECORD && (c === 49 || c === 52 || c === 57))
      ) {
        records++
        sink.report(
          diagnostic(
            'CFONB240_UNSUPPORTED',
            line,
            'this is a CFONB 240 file (240-character 31/34/39 records); only CFONB 120 is supported',
          ),
        )
        return
      }
    }
    records++
    sink.record(src, off, line)
  }

  /** Cuts `src[from, to)` into records; what remains after the last complete one is an error. */
  const cut = (src: string, from: number, to: number, physicalLength: number): void => {
    let p = from
    while (to - p >= RECORD) {
      emit(src, p, physicalLength)
      lineRecords++
      p += RECORD
      if (sink.stopped()) return
    }
    if (p < to) {
      const line = nextLine++
      noteSwitch(line)
      sink.report(
        diagnostic(
          'BAD_LINE_LENGTH',
          line,
          `line is longer than 120 characters and not a multiple of 120: ${to - p} characters left after ${lineRecords} record(s)`,
        ),
      )
    }
  }

  /** Handles the end of a physical line: `src[from, to)` is what was not cut yet. */
  const finishLine = (src: string, from: number, to: number): void => {
    const length = to - from
    if (lineRecords > 0) cut(src, from, to, -1)
    else if (isBlank(src, from, to)) nextLine++
    else if (length === RECORD) emit(src, from, RECORD)
    else if (length < RECORD) {
      noteSwitch(nextLine)
      sink.report(
        diagnostic(
          'LINE_PADDED',
          nextLine,
          `line has ${length} characters; padded with spaces to 120`,
          length + 1,
        ),
      )
      if (!sink.stopped()) emit(src.slice(from, to) + SPACES.slice(length), 0, length)
    } else cut(src, from, to, length)
    lineRecords = 0
  }

  /** Keeps the unfinished line `src[from, …)`, first cutting its complete records if it is a long line. */
  const partial = (src: string, from: number): void => {
    let p = from
    // Beyond 120 characters it can only be a line of several records: cut the complete ones now
    // rather than carrying an unbounded tail (files without separators).
    if (lineRecords > 0 || src.length - p > RECORD) {
      while (src.length - p >= RECORD) {
        emit(src, p, -1)
        lineRecords++
        p += RECORD
        if (sink.stopped()) return
      }
    }
    carry = src.slice(p)
  }

  return {
    push(text) {
      if (sink.stopped() || text === '') return
      const n = text.length
      let pos = 0
      if (skipLf) {
        skipLf = false
        if (text.charCodeAt(0) === LF) pos = 1
      }
      // Next LF / CR positions; once one is absent (-1) it is not searched again in this piece,
      // which keeps the scan linear for files using only one of them.
      let lf = -2
      let cr = -2
      const lineEnd = (): number => {
        if (lf !== -1 && lf < pos) lf = text.indexOf('\n', pos)
        if (cr !== -1 && cr < pos) cr = text.indexOf('\r', pos)
        return lf === -1 ? cr : cr === -1 ? lf : lf < cr ? lf : cr
      }
      const after = (end: number): number => {
        if (text.charCodeAt(end) !== CR) return end + 1
        if (end + 1 === n) {
          skipLf = true
          return n
        }
        return text.charCodeAt(end + 1) === LF ? end + 2 : end + 1
      }
      if (carry !== '' || lineRecords > 0) {
        // Finish the line left open by the previous piece; the decoded piece itself is then
        // scanned in place, never concatenated.
        const end = lineEnd()
        const head = carry + text.slice(pos, end === -1 ? n : end)
        carry = ''
        if (end === -1) return partial(head, 0)
        finishLine(head, 0, head.length)
        if (sink.stopped()) return
        pos = after(end)
      }
      while (pos < n) {
        const end = lineEnd()
        if (end === -1) return partial(text, pos)
        finishLine(text, pos, end)
        if (sink.stopped()) return
        pos = after(end)
      }
    },
    markEncodingSwitch() {
      switchPending = true
    },
    end() {
      if (sink.stopped()) return
      if (carry.length > 0 || lineRecords > 0) finishLine(carry, 0, carry.length)
      carry = ''
    },
    records: () => records,
  }
}
