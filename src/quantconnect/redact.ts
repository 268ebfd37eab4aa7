/**
 * Removes what must never reach a log from the API's text: Basic and Bearer
 * credentials, Authorization values, the values of the "Hash doesn't match.
 * UID: ... Hash: ..." refusal, any long hex string (a hash) and the
 * credentials themselves.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text
    .replace(/\b(Basic|Bearer)\s+[A-Za-z0-9+/=._-]+/g, '$1 ***')
    .replace(
      /\b(Authorization)(\s*:\s*)(?!(?:Basic|Bearer) \*\*\*)\S+/gi,
      '$1$2***'
    )
    .replace(/\b(UID|Hash)(\s*:\s*)[^\s,;]+/gi, '$1$2***')
    .replace(/\b[0-9a-f]{40,}\b/gi, '***')
  for (const secret of secrets) {
    if (secret.length > 0) {
      result = result.split(secret).join('***')
    }
  }
  return result
}
