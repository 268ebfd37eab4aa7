import type { Diagnostic } from './build-log.js'

/**
 * One diagnostic per place and severity. Build logs repeat themselves:
 * QuantConnect's line and the raw MSBuild line name the same error, and
 * MSBuild lists its errors again at the end. Messages of one place are
 * kept once each; a message contained in another (`; expected` in
 * `CS1002: ; expected`) gives way to the longer one. Unplaced diagnostics
 * are kept as they are.
 */
export function mergeDuplicates(
  diagnostics: readonly Diagnostic[]
): Diagnostic[] {
  const merged: Diagnostic[] = []
  const byPlace = new Map<string, Diagnostic>()

  for (const diagnostic of diagnostics) {
    if (!diagnostic.file || !diagnostic.line) {
      merged.push(diagnostic)
      continue
    }
    const key = JSON.stringify([
      diagnostic.file,
      diagnostic.line,
      diagnostic.column ?? 0,
      diagnostic.severity
    ])
    const earlier = byPlace.get(key)
    if (!earlier) {
      const copy = { ...diagnostic }
      byPlace.set(key, copy)
      merged.push(copy)
      continue
    }
    earlier.message = mergeMessages(earlier.message, diagnostic.message)
    earlier.raw = `${earlier.raw}\n${diagnostic.raw}`
  }
  return merged
}

function mergeMessages(first: string, second: string): string {
  const parts = first.split('\n---\n')
  if (parts.some((part) => part.includes(second))) {
    return first
  }
  const kept = parts.filter((part) => !second.includes(part))
  return [...kept, second].join('\n---\n')
}
