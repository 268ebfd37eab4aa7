/** "1 build message", "2 build messages". */
export function count(
  n: number,
  singular: string,
  plural = `${singular}s`
): string {
  return `${n} ${n === 1 ? singular : plural}`
}

/**
 * `text` within `maxBytes` of UTF-8, splitting no character, with `note`
 * appended (inside the limit) when it was cut.
 */
export function cutToBytes(text: string, maxBytes: number, note = ''): string {
  if (Buffer.byteLength(text) <= maxBytes) {
    return text
  }
  // encodeInto stops before a character that does not fit whole.
  const room = new Uint8Array(Math.max(0, maxBytes - Buffer.byteLength(note)))
  const { read } = new TextEncoder().encodeInto(text, room)
  return text.slice(0, read) + note
}
