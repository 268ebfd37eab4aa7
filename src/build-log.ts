/**
 * Build log lines -> diagnostics. Each shape the build service or the
 * compilers print is one matcher below; the first that reads a line wins, and
 * lines no matcher reads (progress chatter) give nothing.
 */

export type Severity = 'error' | 'warning'

/** One build-log finding placed (or not) on a cloud file. */
export interface Diagnostic {
  /**
   * Cloud path relative to the project root, forward slashes (e.g.
   * `utils/signals.py`); undefined when the line names no file.
   */
  file?: string
  line?: number
  column?: number
  severity: Severity
  message: string
  /** The log line(s) it came from, verbatim. */
  raw: string
}

export interface ParseOptions {
  /**
   * Cloud file names of the project, when known: an absolute or prefixed
   * path that ends with one of these is mapped to it.
   */
  knownFiles?: readonly string[]
}

/** Where a matcher reads: the whole log, the line it starts at, the known files. */
interface Place {
  lines: readonly string[]
  index: number
  known: readonly string[]
}

/** A diagnostic without its raw text, and how many lines it took (1 unless said). */
type Finding = Omit<Diagnostic, 'raw'> & { consumed?: number }
type Matcher = (text: string, at: Place) => Finding | undefined

// The patterns are anchored or start at a literal and never put two
// quantifiers over the same characters side by side, so a 100 KB line of
// spaces or garbage is read in linear time.

// An optional colon and the spaces around it: `Line:12`, `Line 12`, `Line : 12`.
const COLON = String.raw`\s*(?::\s*)?`

// `Build Error File: main.py Line:12 Column:9 - invalid syntax`,
// `Build Warning: File: my algo.py Line 3 - x`, or `Build Error: no location`.
// The file runs up to the first ` Line <n>`, so a file whose own name holds
// ` Line 3` is cut short there.
const BUILD_HEADER = /^\s*build\s+(error|warning)\b\s*(?::\s*)?/i
const BUILD_LOCATION = new RegExp(
  String.raw`^file${COLON}(\S[\s\S]*?)\sline${COLON}(\d+)` +
    String.raw`(?:\s*(?:,\s*)?column${COLON}(\d+))?\s*(?:[-:]\s*)?`,
  'i'
)

// `Main.cs(12,5): error CS1002: ; expected [/path/Project.csproj]`,
// `1>Main.cs(12): warning CS0168: ...`
const MSBUILD = new RegExp(
  String.raw`^\s*(?:\d+>)?(\S[\s\S]*?)\((\d+)(?:,\s*(\d+))?(?:,\s*\d+,\s*\d+)?\)` +
    String.raw`\s*:\s*(error|warning)\b${COLON}`,
  'i'
)

// `  File "/LeanCLI/main.py", line 7, in initialize`
const PYTHON_FRAME = /^\s*File\s+"([^"]*)",\s*line\s+(\d+)/i

// `SyntaxError: invalid syntax`, `UserWarning: ...`, or a bare `KeyError`
const EXCEPTION_LINE = /^\s*[A-Za-z_][\w.]*(Error|Exception|Warning)(?::|\s*$)/

// `invalid syntax (main.py, line 4)`: the location closes the message
const PYTHON_INLINE = /\(([^()]*?),\s*line\s+(\d+)\)\s*$/i

// `CSC : error CS5001: Program does not contain ...`, `warning CS0168: ...`
const TOOL_ERROR =
  /(?:^|[\s:])(error|warning)\s+([A-Za-z]{1,12}\d{1,8}\s*:[\s\S]*)$/i

// `error: something failed`, `Warning: ...`
const PLAIN_ERROR = /^\s*(error|warning)\s*:/i

/** A Build Error/Warning line, placed or not, and its indented continuation. */
const buildLine: Matcher = (text, { lines, index, known }) => {
  const header = BUILD_HEADER.exec(text)
  if (!header) return undefined
  const rest = text.slice(header[0].length)
  const location = BUILD_LOCATION.exec(rest)
  const more = continuationLines(lines, index + 1)
  const message = [rest.slice(location?.[0].length ?? 0), ...more]
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join('\n')
  return {
    file: location ? cloudPath(location[1] ?? '', known) : undefined,
    line: toInt(location?.[2]),
    column: toInt(location?.[3]),
    severity: severityOf(header[1]),
    message: message || text.trim(),
    consumed: 1 + more.length
  }
}

const msbuildLine: Matcher = (text, { known }) => {
  const match = MSBUILD.exec(text)
  if (!match) return undefined
  return {
    file: cloudPath(match[1] ?? '', known),
    line: toInt(match[2]),
    column: toInt(match[3]),
    severity: severityOf(match[4]),
    message: dropProjectSuffix(text.slice(match[0].length)) || text.trim()
  }
}

/**
 * A traceback: `File "...", line N` frames, each followed by its indented
 * code and caret lines, ended by the exception line that is the message. The
 * innermost frame on a known file wins (else the innermost frame), so a
 * failure inside a library still points at the project's own code.
 */
const pythonTraceback: Matcher = (text, { lines, index, known }) => {
  if (!PYTHON_FRAME.test(text)) return undefined
  const frames: { file?: string; line?: number }[] = []
  let exception: string | undefined
  let next = index
  let line = lineAt(lines, next)
  while (line !== undefined && exception === undefined) {
    const frame = PYTHON_FRAME.exec(line)
    const location = frame && {
      file: cloudPath(frame[1] ?? '', known),
      line: toInt(frame[2])
    }
    if (location) frames.push(location)
    else if (EXCEPTION_LINE.test(line)) exception = line.trim()
    else if (!isIndented(line)) break
    line = lineAt(lines, ++next)
  }

  let chosen = frames[frames.length - 1]
  for (const frame of frames) {
    if (frame.file !== undefined && known.includes(frame.file)) chosen = frame
  }
  const name = EXCEPTION_LINE.exec(exception ?? '')?.[1]
  return {
    ...chosen,
    severity: severityOf(name),
    message: exception ?? text.trim(),
    consumed: next - index
  }
}

const toolError: Matcher = (text) => {
  const match = TOOL_ERROR.exec(text)
  if (!match) return undefined
  return {
    severity: severityOf(match[1]),
    message: dropProjectSuffix(match[2] ?? '')
  }
}

const exceptionLine: Matcher = (text) => {
  const exception = EXCEPTION_LINE.exec(text)
  if (exception)
    return { severity: severityOf(exception[1]), message: text.trim() }
  const plain = PLAIN_ERROR.exec(text)
  if (!plain) return undefined
  const message = text.slice(plain[0].length).trim()
  return { severity: severityOf(plain[1]), message: message || text.trim() }
}

const pythonInline: Matcher = (text) =>
  PYTHON_INLINE.test(text)
    ? { severity: 'error', message: text.trim() }
    : undefined

const MATCHERS: readonly Matcher[] = [
  buildLine,
  msbuildLine,
  pythonTraceback,
  toolError,
  exceptionLine,
  pythonInline
]

/** Build-log lines -> diagnostics, in log order. */
export function parseBuildLog(
  lines: readonly string[],
  options?: ParseOptions
): Diagnostic[] {
  if (!Array.isArray(lines)) return []
  const known = knownFilesOf(options)
  const diagnostics: Diagnostic[] = []

  for (let index = 0; index < lines.length;) {
    const finding = findingAt({ lines, index, known })
    const consumed = finding?.consumed ?? 1
    const raw = lines.slice(index, index + consumed)
    if (finding) diagnostics.push(toDiagnostic(finding, raw, known))
    index += consumed
  }
  return diagnostics
}

/** The first matcher's finding at a line; none for a line that is not a string. */
function findingAt(at: Place): Finding | undefined {
  const text = lineAt(at.lines, at.index)
  if (text === undefined) return undefined
  for (const matcher of MATCHERS) {
    const finding = matcher(text, at)
    if (finding) return finding
  }
  return undefined
}

/**
 * A finding -> its diagnostic: the raw lines attached, an unplaced message
 * that ends in `(main.py, line 4)` placed there, unset fields left out.
 */
function toDiagnostic(
  { consumed: _consumed, ...finding }: Finding,
  raw: readonly string[],
  known: readonly string[]
): Diagnostic {
  const inline =
    finding.file === undefined ? PYTHON_INLINE.exec(finding.message) : null
  if (inline) {
    finding.file = cloudPath(inline[1] ?? '', known)
    finding.line = toInt(inline[2])
    finding.message =
      finding.message.slice(0, inline.index).trim() || finding.message
  }
  const diagnostic: Diagnostic = { ...finding, raw: raw.join('\n') }
  for (const key of ['file', 'line', 'column'] as const) {
    if (diagnostic[key] === undefined) delete diagnostic[key]
  }
  return diagnostic
}

/** The indented lines from `start` on that do not start a finding of their own. */
function continuationLines(lines: readonly string[], start: number): string[] {
  const more: string[] = []
  for (;;) {
    const text = lineAt(lines, start + more.length)
    if (text === undefined || !isIndented(text)) return more
    if ([BUILD_HEADER, MSBUILD, PYTHON_FRAME].some((r) => r.test(text)))
      return more
    more.push(text)
  }
}

/** Indented and not blank: code and caret lines, continued messages. */
function isIndented(text: string): boolean {
  return /^\s+\S/.test(text)
}

/**
 * A path as the build service printed it -> the cloud path: backslashes
 * become slashes, a leading `./` or `/LeanCLI/` goes, and a path that ends
 * with a known file becomes that file. Other absolute paths are kept as they
 * are, since nothing tells which part of them is the project root.
 */
function cloudPath(
  printed: string,
  known: readonly string[]
): string | undefined {
  let path = printed.trim().replace(/\\/g, '/')
  // Python names code that has no file `<string>`, `<frozen ...>` and the like.
  if (path.startsWith('<') && path.endsWith('>')) return undefined
  while (path.startsWith('./')) path = path.slice(2)
  if (path.startsWith('/LeanCLI/')) path = path.slice('/LeanCLI/'.length)

  let best: string | undefined
  for (const file of known) {
    const fits = path === file || path.endsWith(`/${file}`)
    if (fits && file.length > (best?.length ?? -1)) best = file
  }
  return best ?? (path || undefined)
}

function knownFilesOf(options: ParseOptions | undefined): string[] {
  const files: unknown = options?.knownFiles
  if (!Array.isArray(files)) return []
  const paths = files.map((f) =>
    typeof f === 'string' ? cloudPath(f, []) : ''
  )
  return paths.filter((path): path is string => !!path)
}

/** MSBuild ends each line with the project it built: ` [/path/Project.csproj]`. */
function dropProjectSuffix(message: string): string {
  const suffix = /\s\[[^[\]]*proj\]\s*$/i.exec(message)
  return (suffix ? message.slice(0, suffix.index) : message).trim()
}

function severityOf(word: string | undefined): Severity {
  return /warning/i.test(word ?? '') ? 'warning' : 'error'
}

/** Lines and columns count from 1: a 0 (or an overflow) places nothing. */
function toInt(digits: string | undefined): number | undefined {
  const value = digits === undefined ? NaN : Number(digits)
  return Number.isSafeInteger(value) && value > 0 ? value : undefined
}

/** The log line at `index`; undefined past the end and for non-strings. */
function lineAt(lines: readonly string[], index: number): string | undefined {
  const value: unknown = lines[index]
  return typeof value === 'string' ? value : undefined
}
