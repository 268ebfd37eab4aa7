import type { CompileResult } from '../compile.js'
import { seconds, BUILD_SUCCESS, BUILD_ERROR } from '../compile.js'
import type { Finding } from '../findings.js'
import {
  overfittingReading,
  parametersByFile,
  totalCount
} from '../parameters.js'
import { toRepositoryPath } from '../paths.js'
import { cutToBytes } from '../text.js'
import { blobUrl, escapeHtml, link, table } from './html.js'

/** GitHub refuses a job summary above 1 MiB; stay well under it. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024 - 16 * 1024

export interface SummaryInput {
  result: CompileResult
  /** Every build-log finding, placed or not. */
  buildFindings: readonly Finding[]
  projectPath: string
  maxParameters?: number
  /** Extra sections (HTML) placed before the build log, e.g. what a push did. */
  sections?: readonly string[]
  env?: NodeJS.ProcessEnv
}

/** The job summary as HTML, kept under GitHub's size limit. */
export function renderSummary(input: SummaryInput): string {
  const env = input.env ?? process.env
  const head = [
    overview(input),
    ...(input.sections ?? []),
    buildSection(input, env)
  ]
  const params = parameterSection(input, env)
  const log = input.result.logs
  // A failed build that places nothing shows its whole log unfolded.
  const open =
    input.result.state === BUILD_ERROR &&
    !input.buildFindings.some((finding) => finding.path)

  const fits = (text: string): boolean =>
    Buffer.byteLength(text) <= SUMMARY_LIMIT_BYTES
  const full = [...head, params, logSection(log, 0, open)].join('\n')
  if (fits(full)) {
    return full
  }

  // Cut the raw log first, keeping its end (compilers print errors last).
  const budget =
    SUMMARY_LIMIT_BYTES - Buffer.byteLength([...head, params].join('\n')) - 512
  if (budget > 0) {
    let first = 0
    let size = log.reduce(
      (sum, line) => sum + Buffer.byteLength(escapeHtml(line)) + 1,
      0
    )
    while (first < log.length && size > budget) {
      size -= Buffer.byteLength(escapeHtml(log[first] ?? '')) + 1
      first += 1
    }
    return [...head, params, logSection(log.slice(first), first, open)].join(
      '\n'
    )
  }
  const note =
    '<p><em>The detected parameters and the build log were left out: the ' +
    "summary would exceed GitHub's 1 MiB limit. The step's outputs hold " +
    'every detected parameter.</em></p>'
  // The note goes last, so cut the head to leave it room; bytes, not characters.
  const room = SUMMARY_LIMIT_BYTES - Buffer.byteLength(note) - 1
  return [cutToBytes(head.join('\n'), room), note].join('\n')
}

function overview(input: SummaryInput): string {
  const { result, maxParameters } = input
  const total = totalCount(result.parameters)
  const verdict =
    result.state === BUILD_SUCCESS
      ? '✅ Build succeeded'
      : result.state === BUILD_ERROR
        ? '❌ Build failed'
        : `⏱️ Still ${result.state} at the deadline`
  const rows: string[][] = [
    ['Project', escapeHtml(String(result.projectId))],
    ['Compile id', `<code>${escapeHtml(result.compileId)}</code>`],
    ['State', escapeHtml(result.state)],
    ['Signature', `<code>${escapeHtml(result.signature || '(none)')}</code>`],
    ['Elapsed', escapeHtml(seconds(result.elapsedMs))],
    [
      'Detected parameters',
      escapeHtml(`${total}: ${overfittingReading(total)}`)
    ]
  ]
  if (maxParameters !== undefined) {
    rows.push(['Parameter budget', escapeHtml(String(maxParameters))])
  }
  return `<h2>QuantConnect compile: ${verdict}</h2>\n${table([], rows)}`
}

function buildSection(input: SummaryInput, env: NodeJS.ProcessEnv): string {
  const findings = input.buildFindings
  if (findings.length === 0) {
    return input.result.state === BUILD_ERROR
      ? '<h3>Build errors</h3>\n<p>The build log names no file and line; ' +
          'every line of it is below.</p>\n'
      : ''
  }
  const rows = findings.map((finding) => [
    escapeHtml(finding.level),
    place(finding, env),
    `<pre>${escapeHtml(finding.message)}</pre>`
  ])
  return `<h3>Build messages (${findings.length})</h3>\n${table(['Level', 'Where', 'Message'], rows)}`
}

function place(finding: Finding, env: NodeJS.ProcessEnv): string {
  const file = finding.path ?? finding.cloudFile
  if (!file) {
    return '(no file)'
  }
  const text = finding.line ? `${file}:${finding.line}` : file
  return finding.path
    ? link(text, blobUrl(finding.path, finding.line, env))
    : escapeHtml(text)
}

function parameterSection(input: SummaryInput, env: NodeJS.ProcessEnv): string {
  const { parameters } = input.result
  if (parameters.length === 0) {
    return '<h3>Detected parameters</h3>\n<p>None.</p>\n'
  }
  const rows = parametersByFile(parameters).flatMap((file) => {
    const repositoryPath = toRepositoryPath(file.cloudFile, input.projectPath)
    const name = repositoryPath ?? `${file.cloudFile || '(no file)'} (cloud)`
    return file.parameters.map((parameter, index) => [
      index === 0 ? escapeHtml(`${name} (${file.total})`) : '',
      link(
        String(parameter.line ?? '?'),
        repositoryPath && blobUrl(repositoryPath, parameter.line, env)
      ),
      escapeHtml(String(parameter.count)),
      escapeHtml(parameter.description)
    ])
  })
  const total = totalCount(parameters)
  return (
    `<h3>Detected parameters (${total})</h3>\n` +
    "<p>Hard-coded numbers found by QuantConnect's parameter detection, by file, most first.</p>\n" +
    table(['File (total)', 'Line', 'Count', 'Description'], rows)
  )
}

function logSection(lines: readonly string[], cut = 0, open = false): string {
  const note =
    cut > 0
      ? `\n<p><em>${cut} first lines of the build log were cut to keep the summary under GitHub's 1 MiB limit.</em></p>`
      : ''
  return (
    `<details${open ? ' open' : ''}><summary>Build log (${lines.length + cut} lines)</summary>\n\n` +
    `<pre>${escapeHtml(lines.join('\n'))}</pre>${note}\n</details>\n`
  )
}
