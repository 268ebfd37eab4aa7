/**
 * The job summary's HTML as terminal text, for the demo: headings
 * underlined, tables as aligned columns, links as their text, `<details>`
 * folded to their label unless open. It reads the few tags the action
 * writes, not HTML at large.
 */

/** @typedef {{ heading: (text: string) => string, dim: (text: string) => string }} Style */

/** @type {Style} */
const PLAIN = { heading: (text) => text, dim: (text) => text }

/** The blocks the action writes, in the order of the capture groups used. */
const BLOCK = new RegExp(
  [
    String.raw`<(h[1-6])>([\s\S]*?)<\/\1>`,
    String.raw`<p>([\s\S]*?)<\/p>`,
    String.raw`<table>([\s\S]*?)<\/table>`,
    String.raw`<pre>([\s\S]*?)<\/pre>`,
    String.raw`<details( open)?>\s*<summary>([\s\S]*?)<\/summary>([\s\S]*?)<\/details>`
  ].join('|'),
  'g'
)

/**
 * @param {string} html
 * @param {Style} [style]
 * @returns {string}
 */
export function summaryText(html, style = PLAIN) {
  const blocks = []
  for (const match of html.matchAll(BLOCK)) {
    const [, level, heading, paragraph, table, pre, open, label, inner] = match
    if (heading !== undefined) {
      const text = inline(heading)
      const rule = (level <= 'h2' ? '=' : '-').repeat(width(text))
      blocks.push(`${style.heading(text)}\n${rule}`)
    } else if (paragraph !== undefined) {
      blocks.push(inline(paragraph))
    } else if (table !== undefined) {
      blocks.push(columns(rowsOf(table)))
    } else if (pre !== undefined) {
      blocks.push(indent(decode(pre)))
    } else if (open) {
      blocks.push(`▾ ${inline(label)}\n${indent(summaryText(inner, style))}`)
    } else {
      blocks.push(style.dim(`▸ ${inline(label)}, folded`))
    }
  }
  return blocks.join('\n\n')
}

/**
 * A table's cells as text; a header row of empty cells is dropped.
 *
 * @param {string} html
 * @returns {string[][]}
 */
function rowsOf(html) {
  return [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
    .map(([, row]) =>
      [...row.matchAll(/<t[hd]>([\s\S]*?)<\/t[hd]>/g)].map(([, cell]) =>
        inline(cell)
      )
    )
    .filter((cells) => cells.some((cell) => cell !== ''))
}

/**
 * Aligned columns, two spaces apart; the last column is not padded.
 *
 * @param {string[][]} rows
 */
function columns(rows) {
  const widths = []
  for (const row of rows) {
    row.forEach(
      (cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell)))
    )
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) =>
          i === row.length - 1
            ? cell
            : cell + ' '.repeat(widths[i] - width(cell))
        )
        .join('  ')
        .trimEnd()
    )
    .join('\n')
}

/**
 * One line of text from inline HTML: a folded list keeps only its label,
 * line breaks become `, `, other tags go.
 *
 * @param {string} html
 */
function inline(html) {
  const text = html
    .replace(
      /<details[^>]*>\s*<summary>([\s\S]*?)<\/summary>[\s\S]*?<\/details>/g,
      '$1'
    )
    .replace(/<br\s*\/?>/g, ', ')
    .replace(/<[^>]+>/g, '')
  return decode(text).replace(/\s+/g, ' ').trim()
}

/** @param {string} text */
function decode(text) {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
}

/** @param {string} text */
function indent(text) {
  return text
    .split('\n')
    .map((line) => (line ? `    ${line}` : line))
    .join('\n')
}

/**
 * Columns a string takes in a terminal, near enough: an emoji counts two.
 *
 * @param {string} text
 */
function width(text) {
  let columns = 0
  for (const char of text) {
    if (/\p{Extended_Pictographic}/u.test(char)) columns += 2
    else if (char !== '\u200d' && char !== '\ufe0f') columns += 1
  }
  return columns
}
