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
//   after the last complete record are a `BAD_LINE_LENGTH` error, reported on the line of that
//   last record (the line they are on).
//
// Line numbers count each record as its own line: for an ordinary file it is the physical line,
// for a file without separators the record index.
//
// Text arrives in pieces of any size, and the records and diagnostics must not depend on where the
// pieces are cut. Every decision about a line is therefore taken only once enough of it is known:
// whether it is blank needs its end (until then, leading spaces are counted, not stored), and
// whether it is a 240-character CFONB 240 record needs either its end or a 241st character. So a
// line in progress is carried whole up to 240 characters; beyond that (or once one of its records
// was cut) only its unfinished record is carried and complete records are cut as they come, which
// keeps memory bounded even for a 1 GB file without a single separator.

const RECORD = 120
// A line this long or shorter may be one CFONB 240 record: nothing of it is cut before its end.
const UNDECIDED = 2 * RECORD
const LF = 10
const CR = 13
const SPACE = 32
const SPACES = ' '.repeat(UNDECIDED)

/** Where the splitter sends records and physical-layout diagnostics. */
export interface SplitterSink {
  record(src: string, off: number, line: number): void
  report(d: CfonbDiagnostic): void
  stopped(): boolean
}

/** A streaming splitter: `push` text pieces in order, then `end`. */
export interface LineSplitter {
  push(text: string): void
  /** Marks that the text pushed from now on was decoded as Windows-1252 (reported on the record holding its first character). */
  markEncodingSwitch(): void
  end(): void
  /** Records seen so far. */
  records(): number
}

/** Creates a splitter feeding `sink`. */
export const createLineSplitter = (sink: SplitterSink): LineSplitter => {
  // The line in progress is `blanks` spaces, then `carry`, after `lineRecords` records already cut
  // from it. `blanks` counts leading spaces without storing them, and is non-zero only while the
  // line is blank so far (`carry` empty, nothing cut): a blank line of any length costs nothing.
  let carry = ''
  let blanks = 0
  let lineRecords = 0
  let nextLine = 1
  // The previous piece ended with CR: an LF at the start of the next one completes a CRLF.
  let skipLf = false
  let records = 0
  // Where the decoding switched to Windows-1252, as an offset in the line in progress (0 once that
  // line is over: the next one), -1 when no switch is pending. The note goes to the record holding
  // that character, however eagerly records around it are cut.
  let switchAt = -1

  /** Reports a pending switch on `line` if it happened before `end`, an offset in the line in progress. */
  const noteSwitch = (line: number, end: number): void => {
    if (switchAt < 0 || switchAt >= end) return
    switchAt = -1
    sink.report(
      diagnostic(
        'ENCODING_FALLBACK',
        line,
        'bytes here are not valid UTF-8: from here on the input is decoded as Windows-1252',
      ),
    )
  }

  /** Emits the record `src[off, off + 120)`; `physicalLength` is its line's length, -1 once known to exceed 240. */
  const emit = (src: string, off: number, physicalLength: number): void => {
    const line = nextLine++
    noteSwitch(line, (lineRecords + 1) * RECORD)
    // A CFONB 240 file (31/34/39 records) would otherwise be cut into pairs of meaningless records.
    if (src.charCodeAt(off) === 51 /* 3 */) {
      const c = src.charCodeAt(off + 1)
      if (
        (c === 49 && records === 0) ||
        (physicalLength === UNDECIDED && (c === 49 || c === 52 || c === 57))
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
      // The rest is on the line of the last record cut (there is one: the line is longer than
      // 120), so it is reported there rather than taking the next line's number.
      const line = nextLine - 1
      noteSwitch(line, Infinity)
      sink.report(
        diagnostic(
          'BAD_LINE_LENGTH',
          line,
          `line is longer than 120 characters and not a multiple of 120: ${to - p} characters left after ${lineRecords} record(s)`,
        ),
      )
    }
  }

  /** Ends the line in progress: a switch still pending is then at the start of the next one. */
  const lineDone = (): void => {
    lineRecords = 0
    if (switchAt > 0) switchAt = 0
  }

  /** Handles the end of a physical line: `src[from, to)` is what was not cut yet (`blanks` is 0). */
  const finishLine = (src: string, from: number, to: number): void => {
    const length = to - from
    if (lineRecords > 0) cut(src, from, to, -1)
    else if (isBlank(src, from, to)) nextLine++
    else if (length === RECORD) emit(src, from, RECORD)
    else if (length < RECORD) {
      noteSwitch(nextLine, Infinity)
      sink.report(
        diagnostic(
          'LINE_PADDED',
          nextLine,
          `line has ${length} characters; padded with spaces to 120`,
          length + 1,
        ),
      )
      if (!sink.stopped()) emit(src.slice(from, to) + SPACES.slice(length, RECORD), 0, length)
    } else cut(src, from, to, length)
    lineDone()
  }

  /**
   * Keeps the unfinished line `src[from, …)` (all of it not cut yet), first cutting its complete
   * records once it cannot be a CFONB 240 record: longer than 240, or already cut.
   */
  const partial = (src: string, from: number): void => {
    let p = from
    if (lineRecords > 0 || src.length - p > UNDECIDED) {
      while (src.length - p >= RECORD) {
        emit(src, p, -1)
        lineRecords++
        p += RECORD
        if (sink.stopped()) return
      }
    }
    carry = src.slice(p)
  }

  /**
   * The line blank so far turned out not to be: answers its counted leading spaces as text (at
   * most 240), after cutting the records made of them alone when there are more than 240.
   */
  const takeBlanks = (): string => {
    if (blanks > UNDECIDED) {
      while (blanks >= RECORD) {
        emit(SPACES, 0, -1)
        lineRecords++
        blanks -= RECORD
        if (sink.stopped()) return ''
      }
    }
    const text = SPACES.slice(0, blanks)
    blanks = 0
    return text
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
      if (carry !== '' || blanks > 0 || lineRecords > 0) {
        // Finish (or extend) the line left open by the previous piece; the decoded piece itself is
        // then scanned in place, never concatenated.
        const end = lineEnd()
        const to = end === -1 ? n : end
        let head = ''
        if (carry === '' && lineRecords === 0) {
          // Blank so far: it stays a blank line unless a non-blank character comes.
          let p = pos
          while (p < to && text.charCodeAt(p) === SPACE) p++
          blanks += p - pos
          if (p < to) {
            head = takeBlanks()
            if (sink.stopped()) return
            head += text.slice(p, to)
          } else if (end === -1) return
        } else {
          head = carry + text.slice(pos, to)
          carry = ''
        }
        if (end === -1) return partial(head, 0)
        if (head === '' && lineRecords === 0) {
          blanks = 0
          nextLine++
          lineDone()
        } else finishLine(head, 0, head.length)
        if (sink.stopped()) return
        pos = after(end)
      }
      while (pos < n) {
        const end = lineEnd()
        if (end === -1) {
          // Unfinished: a blank start is only counted, whatever its length.
          if (isBlank(text, pos, n)) blanks = n - pos
          else partial(text, pos)
          return
        }
        finishLine(text, pos, end)
        if (sink.stopped()) return
        pos = after(end)
      }
    },
    markEncodingSwitch() {
      switchAt = lineRecords * RECORD + blanks + carry.length
    },
    end() {
      if (sink.stopped()) return
      // A line still blank (`blanks` alone) is ignored like any blank line.
      if (carry !== '' || lineRecords > 0) finishLine(carry, 0, carry.length)
      carry = ''
      blanks = 0
    },
    records: () => records,
  }
}
