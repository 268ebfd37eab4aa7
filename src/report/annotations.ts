import * as core from '@actions/core'
import type { Finding, Level } from '../findings.js'

/** GitHub shows at most this many annotations of one level per step. */
export const STEP_CAP_PER_LEVEL = 10

const emitters: Record<Level, typeof core.error> = {
  error: core.error,
  warning: core.warning,
  notice: core.notice
}

/**
 * Emits findings as workflow-command annotations, at most as many of each
 * level as GitHub shows; the last shown one of a level says how many were
 * left out and points to the job summary, which lists them all.
 * Returns how many were left out.
 */
export function annotate(findings: readonly Finding[]): number {
  let leftOut = 0
  for (const level of ['error', 'warning', 'notice'] as const) {
    const ofLevel = findings.filter((finding) => finding.level === level)
    const shown = ofLevel.slice(0, STEP_CAP_PER_LEVEL)
    const hidden = ofLevel.length - shown.length
    leftOut += hidden

    shown.forEach((finding, index) => {
      const last = index === shown.length - 1
      const message =
        last && hidden > 0
          ? `${finding.message}\n\n${hidden} more ${plural(level, hidden)} not ` +
            `shown here: GitHub shows ${STEP_CAP_PER_LEVEL} per step. The job ` +
            'summary lists every finding.'
          : finding.message
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

function plural(level: Level, count: number): string {
  const word = level === 'notice' ? 'notice' : level
  return count === 1 ? word : `${word}s`
}
