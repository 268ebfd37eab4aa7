import { z } from 'zod'

/*
 * The shapes of QuantConnect's answers, read leniently: fields may be missing
 * or null, unknown fields are ignored, a null list is an empty list. Only the
 * fields the action uses are named.
 */

const text = z.string().nullish().catch(null)

/** A list that tolerates null, a missing field and entries of any shape. */
function lenientList<T extends z.ZodType>(item: T) {
  return z
    .array(z.unknown())
    .nullish()
    .catch(null)
    .transform((entries) =>
      (entries ?? []).flatMap((entry) => {
        const parsed = item.safeParse(entry)
        return parsed.success ? [parsed.data as z.output<T>] : []
      })
    )
}

/** What every answer carries: the verdict and the API's own words. */
export const Envelope = z.looseObject({
  success: z.boolean().nullish().catch(null),
  errors: z.array(z.unknown()).nullish().catch(null),
  messages: z.array(z.unknown()).nullish().catch(null),
  Message: text
})
export type Envelope = z.infer<typeof Envelope>

const positiveInt = z.coerce
  .number()
  .int()
  .positive()
  .optional()
  .catch(undefined)

const DetectedParameter = z.looseObject({
  line: positiveInt,
  type: z.string().catch('')
})

const DetectedParameterFile = z.looseObject({
  file: z.string().catch(''),
  parameters: lenientList(DetectedParameter)
})
export type DetectedParameterFile = z.infer<typeof DetectedParameterFile>

export const CompileCreateAnswer = z.looseObject({
  compileId: z.string().min(1),
  state: z.string().nullish().catch(null),
  signature: z.string().nullish().catch(null),
  parameters: lenientList(DetectedParameterFile)
})
export type CompileCreateAnswer = z.infer<typeof CompileCreateAnswer>

export const CompileReadAnswer = z.looseObject({
  compileId: text,
  state: z.string().nullish().catch(null),
  logs: lenientList(z.string())
})
export type CompileReadAnswer = z.infer<typeof CompileReadAnswer>

const ProjectFile = z.looseObject({
  name: z.string().min(1),
  content: z.string().nullish().catch(null),
  isLibrary: z.boolean().nullish().catch(null)
})
export type ProjectFile = z.infer<typeof ProjectFile>

export const FilesReadAnswer = z.looseObject({
  files: lenientList(ProjectFile)
})
export type FilesReadAnswer = z.infer<typeof FilesReadAnswer>

/** Any answer whose body the action does not need beyond `success`. */
export const PlainAnswer = z.looseObject({})

/** The API's own words from whichever field holds them. */
export function apiText(envelope: Envelope): string {
  const parts = [
    ...(envelope.errors ?? []),
    ...(envelope.messages ?? []),
    ...(envelope.Message ? [envelope.Message] : [])
  ]
  return parts
    .map((part) => (typeof part === 'string' ? part : JSON.stringify(part)))
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .join('; ')
}
