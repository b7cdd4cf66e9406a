import { type ZodType, z } from 'zod';
import { hasForbiddenCharacters, normalizeLine } from '../core/text';
import { uuidSchema } from '../core/uuid';
import { ROLES } from './db/schema.js';
import { ApiError, MAX_ERROR_DETAILS } from './errors.js';

/**
 * Parses untrusted input (a body, params or a query string) or throws a 400 `invalid_request`
 * listing every problem. Issues name paths and rules, never the submitted values, so a
 * rejected password does not end up in a response or a log.
 */
export function parseInput<T>(schema: ZodType<T>, value: unknown, what = 'request'): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // Cut before mapping: a body of 100,000 wrong values must not cost 100,000 answers (issue 14, kind 2).
  const details = result.error.issues.slice(0, MAX_ERROR_DETAILS + 1).map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
  }));
  throw new ApiError(400, 'invalid_request', `The ${what} is not valid.`, { extra: { details } });
}

/** Case-insensitive: stored and compared lower-cased. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(32)
  .regex(/^[a-z0-9._-]+$/, 'Use only letters a–z, digits, dot, underscore and hyphen.');

export const passwordSchema = z.string().min(8).max(128);

/** At login any length up to a bound is accepted: rules may tighten after a password was set. */
export const loginPasswordSchema = z.string().min(1).max(1024);

// One stored form (text.ts): the same Vietnamese name typed on two keyboards can arrive composed or
// decomposed, with stray spaces or invisible characters.
/** Names shown to people: one line, NFC, nothing a database cannot store (issue 14, kind 3). */
const storableLine = (max: number) =>
  z
    .string()
    .overwrite(normalizeLine)
    .min(1)
    .max(max)
    .refine((s) => !hasForbiddenCharacters(s), 'err.invalidCharacters');

export const displayNameSchema = storableLine(100);

export const deviceNameSchema = storableLine(100);

export const roleSchema = z.enum(ROLES);

/** Lower-cased and de-duplicated, so they compare equal to PostgreSQL's uuid text output. */
export const villageIdsSchema = z
  .array(uuidSchema)
  .max(100)
  .transform((ids) => [...new Set(ids)]);

// Not strict: the route pattern decides which params exist, and nested routes add more. Ids are
// lower-cased, so a route comparing one with the caller's own id cannot be fooled by its case.
export const idParamsSchema = z.object({ id: uuidSchema });
