import type { Finding, Level } from '../findings.js'
import { cutToBytes } from '../text.js'
import { escapeHtml } from './html.js'

/** GitHub takes at most this many annotations per request. */
export const ANNOTATIONS_PER_REQUEST = 50

// GitHub's limits, counted in UTF-8 bytes: never fewer than the characters,
// however those are counted, so nothing sent goes over.
const OUTPUT_BYTES = 65535
const MESSAGE_BYTES = 64_000
const TITLE_BYTES = 255

/** One annotation as the checks API takes it. */
export interface Annotation {
  path: string
  start_line: number
  end_line: number
  start_column?: number
  end_column?: number
  annotation_level: 'notice' | 'warning' | 'failure'
  title: string
  message: string
}

/** A check run's output, without its annotations. */
export interface CheckOutput {
  title: string
  summary: string
  text?: string
}

const LEVELS: Record<Level, Annotation['annotation_level']> = {
  error: 'failure',
  warning: 'warning',
  notice: 'notice'
}

/**
 * Findings -> the check run's output: each finding on a repository line is an
 * annotation, the others are listed in the text.
 */
export function toCheckOutput(
  title: string,
  summary: string,
  findings: readonly Finding[]
): { output: CheckOutput; annotations: Annotation[]; unplaced: number } {
  const annotations: Annotation[] = []
  const unplaced: Finding[] = []
  for (const finding of findings) {
    const annotation = toAnnotation(finding)
    if (annotation) {
      annotations.push(annotation)
    } else {
      unplaced.push(finding)
    }
  }

  const output = {
    title,
    summary: cutToBytes(
      summary,
      OUTPUT_BYTES,
      '\n\n(Cut here: GitHub keeps at most 65535 characters of a check run ' +
        'summary. The job summary has the full report.)'
    ),
    ...(unplaced.length > 0 ? { text: unplacedText(unplaced) } : {})
  }
  return { output, annotations, unplaced: unplaced.length }
}

/** A finding as an annotation; undefined when it has no repository line. */
export function toAnnotation(finding: Finding): Annotation | undefined {
  if (!finding.path || !isPosition(finding.line)) {
    return undefined
  }
  // One position: GitHub takes columns only on a single line.
  const column = isPosition(finding.column)
    ? { start_column: finding.column, end_column: finding.column }
    : {}
  return {
    path: finding.path,
    start_line: finding.line,
    end_line: finding.line,
    ...column,
    annotation_level: LEVELS[finding.level],
    title: cutToBytes(finding.title, TITLE_BYTES),
    message: cutToBytes(
      finding.message,
      MESSAGE_BYTES,
      '\n(Cut here: GitHub keeps at most 64 KB of an annotation message.)'
    )
  }
}

/** Findings without a repository line, as a Markdown list. */
export function unplacedText(findings: readonly Finding[]): string {
  const items = findings.map((finding) => {
    const message = escapeHtml(finding.message).replace(/\r?\n/g, '\n  ')
    return `- **${escapeHtml(finding.title)}** (${finding.level}): ${message}`
  })
  return cutToBytes(
    `Not placed on a repository line:\n\n${items.join('\n')}\n`,
    OUTPUT_BYTES,
    '\n\n(Cut here: GitHub keeps at most 65535 characters of a check run ' +
      'text. The job summary lists every finding.)'
  )
}

function isPosition(value: number | undefined): value is number {
  return Number.isInteger(value) && (value ?? 0) >= 1
}
