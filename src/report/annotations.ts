import * as core from '@actions/core'
import type { Finding, Level } from '../findings.js'
import { count, cutToBytes } from '../text.js'

/** GitHub shows at most this many annotations of one level per step. */
export const STEP_CAP_PER_LEVEL = 10

const emitters: Record<Level, typeof core.error> = {
  error: core.error,
  warning: core.warning,
  notice: core.notice
}

/** Bytes of a message; longer ones are cut: GitHub has no use for megabytes. */
const MESSAGE_LIMIT = 4_000

/**
 * Emits findings as workflow-command annotations, at most as many of each
 * level as GitHub shows; the last shown one of a level says how many were
 * left out and points to the job summary, which lists them all. `reserved`
 * keeps slots for annotations the step makes itself (the failure message is
 * an error annotation too). Returns how many were left out.
 */
export function annotate(
  findings: readonly Finding[],
  reserved: Partial<Record<Level, number>> = {}
): number {
  let leftOut = 0
  for (const level of ['error', 'warning', 'notice'] as const) {
    const ofLevel = findings.filter((finding) => finding.level === level)
    const room = Math.max(0, STEP_CAP_PER_LEVEL - (reserved[level] ?? 0))
    const shown = ofLevel.slice(0, room)
    const hidden = ofLevel.length - shown.length
    leftOut += hidden

    shown.forEach((finding, index) => {
      const last = index === shown.length - 1
      const message =
        last && hidden > 0
          ? `${cut(finding.message)}\n\n${count(hidden, `more ${level}`)} not ` +
            `shown here: GitHub shows ${STEP_CAP_PER_LEVEL} per step. The job ` +
            'summary lists every finding.'
          : cut(finding.message)
      emitters[level](message, properties(finding))
    })
  }
  return leftOut
}

function properties(finding: Finding): core.AnnotationProperties {
  return {
    title: finding.title,
    file: finding.path,
    startLine: finding.path ? finding.line : undefined,
    startColumn: finding.path && finding.line ? finding.column : undefined
  }
}

function cut(message: string): string {
  return cutToBytes(
    message,
    MESSAGE_LIMIT,
    '… (cut; the job summary has it all)'
  )
}
