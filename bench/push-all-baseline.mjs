/**
 * The baseline for the push measure: a client that does not compare with
 * the cloud but sends every project file with `files/update`, four
 * requests at a time, then calls `compile/create` and exits.
 *
 *   QC_USER_ID=42 QC_API_TOKEN=... node bench/push-all-baseline.mjs \
 *     --base-url http://127.0.0.1:PORT/api/v2 --project-id 7002 FOLDER
 */

import { readFileSync, readdirSync } from 'node:fs'
import { extname, join } from 'node:path'
import { clientFromCommandLine } from './api-client.mjs'

const CONCURRENCY = 4
const EXTENSIONS = ['.py', '.cs', '.ipynb', '.css', '.html']

const client = clientFromCommandLine()
const { projectId } = client
const [folder] = client.positionals

const names = readdirSync(folder, { recursive: true, encoding: 'utf8' })
  .map((name) => name.split('\\').join('/'))
  .filter((name) => EXTENSIONS.includes(extname(name)))
  .filter((name) => !name.split('/').some((part) => part.startsWith('.')))
  .sort()

// Each worker takes the next file until none is left.
let next = 0
async function worker() {
  while (next < names.length) {
    const name = names[next++]
    const content = readFileSync(join(folder, name), 'utf8')
    await client.post('files/update', { projectId, name, content })
  }
}
await Promise.all(Array.from({ length: CONCURRENCY }, worker))

const created = await client.post('compile/create', { projectId })
client.close()
console.log(`${names.length} files sent; compile ${created.compileId}`)
