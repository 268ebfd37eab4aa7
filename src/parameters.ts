import type { DetectedParameterFile } from './quantconnect/answers.js'

/** One detected parameter entry of `compile/create`, flattened. */
export interface DetectedParameter {
  /** The path QuantConnect reports, relative to the project root. */
  cloudFile: string
  line: number | undefined
  /** QuantConnect's description, e.g. `3 LEAN API parameters detected near "..."`. */
  description: string
  /** The count the description starts with; 1 when it starts with none. */
  count: number
}

/** Flattens the per-file lists of `compile/create` in the API's order. */
export function flattenParameters(
  files: readonly DetectedParameterFile[]
): DetectedParameter[] {
  return files.flatMap((file) =>
    file.parameters.map((entry) => ({
      cloudFile: file.file,
      line: entry.line,
      description: entry.type.trim() || '(QuantConnect gave no description)',
      count: leadingCount(entry.type)
    }))
  )
}

/** "3 LEAN API parameters ..." -> 3; a description with no leading number counts as one. */
export function leadingCount(description: string): number {
  const match = /^\s*(\d+)\b/.exec(description)
  const count = Number(match?.[1])
  // No number, or one too large to be a count, counts as one.
  return Number.isSafeInteger(count) ? count : 1
}

export function totalCount(parameters: readonly DetectedParameter[]): number {
  return parameters.reduce((sum, parameter) => sum + parameter.count, 0)
}

/** Per file, the total and its parameters by line, the file with the most first. */
export function parametersByFile(
  parameters: readonly DetectedParameter[]
): { cloudFile: string; total: number; parameters: DetectedParameter[] }[] {
  const files = new Map<string, DetectedParameter[]>()
  for (const parameter of parameters) {
    const list = files.get(parameter.cloudFile) ?? []
    list.push(parameter)
    files.set(parameter.cloudFile, list)
  }
  return [...files]
    .map(([cloudFile, list]) => ({
      cloudFile,
      total: totalCount(list),
      parameters: [...list].sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
    }))
    .sort((a, b) => b.total - a.total || a.cloudFile.localeCompare(b.cloudFile))
}

/** QuantConnect's reading of a total: 0-10 likely not overfit, 10-20 possibly, over 20 probably. */
export function overfittingReading(total: number): string {
  if (total <= 10) {
    return 'likely not overfit (0-10)'
  }
  if (total <= 20) {
    return 'possibly overfitting (10-20)'
  }
  return 'probably overfitting (over 20)'
}
