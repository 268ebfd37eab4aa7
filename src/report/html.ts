/** Escapes text for the job summary's HTML. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** An HTML table; cells are HTML already, header cells (if any) are escaped text. */
export function table(
  header: readonly string[],
  rows: readonly string[][]
): string {
  const head =
    header.length === 0
      ? ''
      : `<tr>${header.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr>\n`
  const body = rows
    .map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`)
    .join('\n')
  return `<table>\n${head}${body}\n</table>\n`
}

/** Where a repository line lives on GitHub at the commit under test, if known. */
export function blobUrl(
  repositoryPath: string,
  line: number | undefined,
  env: NodeJS.ProcessEnv
): string | undefined {
  const { GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = env
  if (!repository || !sha) {
    return undefined
  }
  const server = env.GITHUB_SERVER_URL || 'https://github.com'
  const encoded = repositoryPath.split('/').map(encodeURIComponent).join('/')
  return `${server}/${repository}/blob/${sha}/${encoded}${line ? `#L${line}` : ''}`
}

export function link(text: string, url: string | undefined): string {
  return url
    ? `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>`
    : escapeHtml(text)
}
