import type { DecodeIssue } from './readable-errors.js'

/**
 * How deeply a JSON value handed to a core decoder may nest. A dossier needs 4 levels
 * (`bankAccounts[0].feed.protocol`); 64 leaves room for the unknown properties of other applications,
 * which are dropped, while keeping every later step (decoding, error messages that print the value)
 * far from the JavaScript stack limit, which 8 KB of `[[[[…]]]]` reaches.
 */
export const MAX_JSON_DEPTH = 64

const pathOf = (keys: ReadonlyArray<string | number>): string =>
  keys
    .map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`))
    .join('')
    .replace(/^\./, '')

interface Frame {
  readonly node: object
  readonly children: ReadonlyArray<readonly [string | number, unknown]>
  next: number
  height: number
}

const childrenOf = (node: object): ReadonlyArray<readonly [string | number, unknown]> =>
  Array.isArray(node)
    ? node.map((v, i) => [i, v] as const)
    : Object.keys(node).map((k) => [k, (node as Record<string, unknown>)[k]] as const)

/**
 * The issue of a value that nests objects and arrays deeper than `limit` levels (the root object is
 * level 1), naming the path where the limit is passed; `null` when it does not. It walks the value
 * with its own stack, so the check itself cannot overflow, visits each shared object once, and ends
 * on a cycle (which nests without end).
 */
export const nestingDepthIssue = (value: unknown, limit: number = MAX_JSON_DEPTH): DecodeIssue | null => {
  if (typeof value !== 'object' || value === null) return null
  const heights = new WeakMap<object, number>()
  const keys: Array<string | number> = []
  const tooDeep = (): DecodeIssue => {
    const path = pathOf(keys)
    const shown = path.length > 60 ? `${path.slice(0, 57)}...` : path
    const expected = `at most ${limit} levels of nested arrays and objects`
    return {
      path,
      expected,
      actual: `more than ${limit} levels`,
      message: `${shown === '' ? '(root)' : shown}: expected ${expected}, got more`,
    }
  }
  const stack: Frame[] = [{ node: value, children: childrenOf(value), next: 0, height: 1 }]
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame
    if (frame.next >= frame.children.length) {
      stack.pop()
      heights.set(frame.node, frame.height)
      const parent = stack[stack.length - 1]
      if (parent !== undefined) parent.height = Math.max(parent.height, frame.height + 1)
      keys.pop()
      continue
    }
    const [key, child] = frame.children[frame.next] as readonly [string | number, unknown]
    frame.next++
    if (typeof child !== 'object' || child === null) continue
    keys.push(key)
    const known = heights.get(child)
    if (known !== undefined) {
      if (stack.length + known > limit) return tooDeep()
      frame.height = Math.max(frame.height, known + 1)
      keys.pop()
      continue
    }
    if (stack.length + 1 > limit) return tooDeep()
    stack.push({ node: child, children: childrenOf(child), next: 0, height: 1 })
  }
  return null
}
