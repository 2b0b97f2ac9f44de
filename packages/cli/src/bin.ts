#!/usr/bin/env node
/// <reference types="node" />
import process from 'node:process'
import { runCli } from './cli.js'
import { createNodeIo } from './node-io.js'

// `bankfeed … | head`: a closed pipe ends the program quietly instead of crashing on EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

void runCli(process.argv.slice(2), createNodeIo(process)).then((code) => {
  process.exitCode = code
})
