/** Renders the measures as bench/RESULTS.md. */

/**
 * One measure: a table, one verdict line per bar, and notes on method.
 *
 * @typedef {{
 *   title: string,
 *   intro: string,
 *   header: string[],
 *   rows: string[][],
 *   verdicts: string[],
 *   notes?: string[]
 * }} Section
 * @typedef {{
 *   date: Date,
 *   nodes: string[],
 *   cpu: string,
 *   elapsedMs: number
 * }} Machine
 */

/**
 * @param {Machine} machine
 * @param {Section[]} sections
 */
export function renderReport(machine, sections) {
  const lines = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.mjs); every figure comes from ' +
      'this one run.',
    '',
    `- Date: ${machine.date.toISOString().replace(/\.\d+Z$/, 'Z')}`,
    `- Node: ${machine.nodes.join(', ')}`,
    `- CPU: ${machine.cpu}`,
    `- Bench time: ${(machine.elapsedMs / 1000).toFixed(0)} s`,
    ''
  ]
  for (const section of sections) {
    lines.push(`## ${section.title}`, '', section.intro, '')
    lines.push(...table(section.header, section.rows), '')
    for (const line of section.verdicts) lines.push(`- ${line}`)
    lines.push('')
    for (const note of section.notes ?? []) lines.push(`Note: ${note}`, '')
  }
  return `${lines.join('\n').trimEnd()}\n`
}

/**
 * A Markdown table with padded columns.
 *
 * @param {string[]} header
 * @param {string[][]} rows
 */
function table(header, rows) {
  const cells = [header, ...rows].map((row) =>
    row.map((cell) => cell.replace(/\|/g, '\\|'))
  )
  const widths = header.map((_, column) =>
    Math.max(3, ...cells.map((row) => row[column].length))
  )
  const line = (/** @type {string[]} */ row) =>
    `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`
  return [
    line(cells[0]),
    line(widths.map((width) => '-'.repeat(width))),
    ...cells.slice(1).map(line)
  ]
}
