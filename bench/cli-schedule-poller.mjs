/**
 * A stand-in for the official QuantConnect CLI waiting for a compile:
 * `compile/create`, then `compile/read` on the CLI's schedule until the
 * build ends, then exit (0 for BuildSuccess, 1 for BuildError). Only the
 * schedule is the CLI's; startup is a minimal Node client's, far quicker
 * than the CLI's own Python start.
 *
 *   QC_USER_ID=42 QC_API_TOKEN=... node bench/cli-schedule-poller.mjs \
 *     --base-url http://127.0.0.1:PORT/api/v2 --project-id 7001
 */

import { clientFromCommandLine } from './api-client.mjs'
import { cliPauseMs } from './cli-schedule.mjs'

const TERMINAL_STATES = ['BuildSuccess', 'BuildError']

const client = clientFromCommandLine()
const { projectId } = client
const created = await client.post('compile/create', { projectId })

// Like the CLI: read at once, then pause between an answer and the next read.
let reads = 0
const read = async () => {
  reads += 1
  const { compileId } = created
  return String(
    (await client.post('compile/read', { projectId, compileId })).state
  )
}
let state = await read()
while (!TERMINAL_STATES.includes(state)) {
  const pauseMs = cliPauseMs(reads - 1)
  await new Promise((resolve) => setTimeout(resolve, pauseMs))
  state = await read()
}

client.close()
console.log(state)
process.exitCode = state === 'BuildSuccess' ? 0 : 1
