import type { PushReport } from '../push.js'
import { count } from '../text.js'
import { escapeHtml, table } from './html.js'

/** The job summary's account of a push: counts, and the names that changed. */
export function renderPushSection(report: PushReport): string {
  const changed =
    report.created.length + report.updated.length + report.deleted.length
  const groups: [string, readonly string[], boolean][] = [
    ['Created', report.created, false],
    ['Updated', report.updated, false],
    ['Deleted', report.deleted, false],
    ['Unchanged', report.unchanged, true],
    ['Library files, left alone', report.skippedLibrary, true]
  ]
  const rows = groups.map(([label, names, fold]) => [
    escapeHtml(label),
    String(names.length),
    fileList(names, fold)
  ])
  const lead =
    changed === 0
      ? "<p>The cloud project already held the repository's sources; " +
        'nothing was sent.</p>\n'
      : `<p>${count(changed, 'file')} changed in ` +
        'the cloud project before the compile.</p>\n'
  return (
    '<h3>Pushed sources</h3>\n' +
    lead +
    table(['Change', 'Count', 'Files'], rows)
  )
}

/** The names, one a line; folded away for the groups nothing was sent for. */
function fileList(names: readonly string[], fold: boolean): string {
  if (names.length === 0) {
    return ''
  }
  const list = names.map((name) => `<code>${escapeHtml(name)}</code>`)
  if (!fold) {
    return list.join('<br>')
  }
  return (
    `<details><summary>${count(names.length, 'file')}</summary>` +
    `${list.join('<br>')}</details>`
  )
}
