import type { z } from 'zod';
import { fieldErrors, type ValidationMessage } from '../../core/validation';

/** Thrown when a form's values break a schema rule; nothing has been written. */
export class ValidationError extends Error {
  constructor(readonly fields: Record<string, ValidationMessage>) {
    super(`Invalid fields: ${Object.keys(fields).join(', ')}`);
    this.name = 'ValidationError';
  }
}

export class RecordNotFoundError extends Error {
  constructor(table: string, id: string) {
    super(`No ${table} row ${id}`);
    this.name = 'RecordNotFoundError';
  }
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(fieldErrors(result.error));
  return result.data;
}
