// The published entries of the workspace: every subpath of every package's exports map (not
// `./package.json`), in package folder order. The smoke test, the API reports and the TypeDoc
// reference all walk this one list, so a new export shows up in each without touching them.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname

/**
 * Each entry: `{ dir, pkgDir, manifestPath, manifest, subpath, specifier, target }` — `specifier`
 * is what users import (`@bankfeed/core/connector`), `target` the exports map's value for it.
 */
export const publishedEntries = () =>
  readdirSync(join(root, 'packages'))
    .sort()
    .flatMap((dir) => {
      const pkgDir = join(root, 'packages', dir)
      const manifestPath = join(pkgDir, 'package.json')
      if (!existsSync(manifestPath)) return []
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
      if (manifest.private === true) return []
      return Object.entries(manifest.exports ?? {})
        .filter(([subpath]) => !subpath.endsWith('.json'))
        .map(([subpath, target]) => ({
          dir,
          pkgDir,
          manifestPath,
          manifest,
          subpath,
          specifier: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`,
          target,
        }))
    })
