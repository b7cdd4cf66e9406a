import { type ZodType, z } from 'zod';
import { forbiddenDataMessage } from '../core/forbidden-data';
import { refuseUnstorableText } from '../core/schemas';
import { normalizeLine } from '../core/text';
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

/**
 * Case-insensitive: stored and compared lower-cased. A new account's username never holds an ID-card
 * number (`err.idNumberInText`, issue 14 kind 6): it is shown to teammates and written in the audit log.
 */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(32)
  .regex(/^[a-z0-9._-]+$/, 'Use only letters a–z, digits, dot, underscore and hyphen.')
  .superRefine((username, ctx) => {
    const forbidden = forbiddenDataMessage(username);
    if (forbidden) ctx.addIssue({ code: 'custom', message: forbidden });
  });

/**
 * A username that is only looked up (login, the CLI's password reset), never refused for its content:
 * an account made before the rule above must still log in. What the audit log keeps of a failed
 * login's is `auditedUsername`'s.
 */
export const lookupUsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(32)
  .regex(/^[a-z0-9._-]+$/);

/**
 * What the audit log keeps of a username typed at a failed login (issue 14, kinds 5 and 6): the
 * account's own username when one matched, otherwise only `[unknown account]`. People type their ID
 * number or their password into the wrong box, and a password such as "passw0rd-lan" has the syntax of
 * a username, so no check of the text can tell which it was. One placeholder also makes repeated
 * failures of unknown names share one aggregated audit entry, so a client trying many names cannot
 * grow the log by a row each.
 */
export function auditedUsername(_typed: string, account?: { username: string }): string {
  return account ? account.username : UNKNOWN_ACCOUNT;
}

export const UNKNOWN_ACCOUNT = '[unknown account]';

export const passwordSchema = z.string().min(8).max(128);

/** At login any length up to a bound is accepted: rules may tighten after a password was set. */
export const loginPasswordSchema = z.string().min(1).max(1024);

// One stored form (text.ts): the same Vietnamese name typed on two keyboards can arrive composed or
// decomposed, with stray spaces or invisible characters.
/**
 * Names shown to people: one line, NFC, nothing a database cannot store (issue 14, kind 3) and no
 * ID-card number, OTP or password (DESIGN §7, issue 14 kind 6).
 */
const storableLine = (max: number) =>
  z.string().overwrite(normalizeLine).min(1).max(max, { abort: true }).superRefine(refuseUnstorableText);

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
