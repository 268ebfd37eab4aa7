/**
 * Loaded with `node --import` ahead of the action: on exit, writes the
 * process's peak resident set size (kilobytes, from
 * process.resourceUsage().maxRSS) to the file named by BENCH_MAX_RSS_FILE.
 */

import { writeFileSync } from 'node:fs'

const file = process.env.BENCH_MAX_RSS_FILE
if (file) {
  process.once('exit', () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS))
  })
}
