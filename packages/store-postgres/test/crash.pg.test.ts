import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'
import { crashSuite } from './crash/crash-suite.js'
import { serverTestUrl, uniqueSchema } from './support/pglite-template.js'

const url = serverTestUrl()

// Each store is a schema of its own (the child's open creates and migrates it), dropped after.
let admin: pg.Pool
beforeAll(() => {
  admin = new pg.Pool({ connectionString: url, max: 1 })
})
afterAll(() => admin.end())

crashSuite({
  engine: 'pg',
  title: 'crash and concurrency proof on a PostgreSQL server',
  newLocation: () => ({ engine: 'pg', url, schema: uniqueSchema('crash') }),
  dropLocation: async (location) => {
    if (location.engine === 'pg') await admin.query(`DROP SCHEMA IF EXISTS ${location.schema} CASCADE`)
  },
  raceMode: 'processes',
})
