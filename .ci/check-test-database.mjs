#!/usr/bin/env node
// Fails early, saying why, when the PostgreSQL server the server tests need cannot be reached.
// Uses node-postgres from the store package (psql may not be installed where CI runs).
import { createRequire } from 'node:module'

const url = process.env.BANKFEED_TEST_DATABASE_URL
if (!url) {
  console.error('BANKFEED_TEST_DATABASE_URL is not set')
  process.exit(1)
}
const shown = url.replace(/(:\/\/[^:/@]*):[^@/]*@/, '$1:***@')
const require = createRequire(new URL('../packages/store-postgres/package.json', import.meta.url))
const { Client } = require('pg')
const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 })
try {
  await client.connect()
  const { rows } = await client.query('SHOW server_version')
  console.log(`test database ${shown}: PostgreSQL ${rows[0].server_version}`)
  await client.end()
} catch (e) {
  console.error(
    `The PostgreSQL server for the server tests is unreachable at ${shown}: ${e instanceof Error ? e.message : String(e)}${e?.code ? ` (${e.code})` : ''}.\n` +
      'Start it (on this machine: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or point BANKFEED_TEST_DATABASE_URL at another server.',
  )
  process.exit(1)
}
