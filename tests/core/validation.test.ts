import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { residentSchema } from '../../src/core/schemas';
import { fieldErrors, VALIDATION_MESSAGES } from '../../src/core/validation';
import { resident } from './fixtures';

describe('fieldErrors', () => {
  it('joins nested paths with dots (consent.purposes, consent.collectedBy)', () => {
    const result = residentSchema.safeParse(resident({ phone: undefined, consent: { purposes: [] } }));
    expect(result.success).toBe(false);
    if (result.success) return;
    const errors = fieldErrors(result.error);
    expect(errors['consent.purposes']).toBe('err.consentPurpose');
    expect(errors['consent.collectedBy']).toBe('err.consentCollector');
  });

  it('keeps the first message for a path and ignores later ones', () => {
    const schema = z.object({
      a: z.string().min(3, 'err.tooLong').regex(/^\d+$/, 'err.phone'),
    });
    const result = schema.safeParse({ a: 'x' });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.issues.length).toBe(2);
    expect(fieldErrors(result.error)).toEqual({ a: 'err.tooLong' });
  });

  it('maps messages that are not known keys to err.invalid', () => {
    const schema = z.object({ a: z.string(), b: z.number().min(5, 'Too small, friend') });
    const result = schema.safeParse({ a: 1, b: 1 });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrors(result.error)).toEqual({ a: 'err.invalid', b: 'err.invalid' });
  });

  it('puts issues without a path under "_"', () => {
    const result = residentSchema.safeParse(null);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrors(result.error)).toEqual({ _: 'err.invalid' });
  });
});

describe('VALIDATION_MESSAGES', () => {
  it('contains every err.* key that schemas.ts uses (otherwise fieldErrors would hide it as err.invalid)', () => {
    const source = readFileSync(new URL('../../src/core/schemas.ts', import.meta.url), 'utf8');
    const used = new Set(source.match(/err\.[A-Za-z]+/g) ?? []);
    expect(used.size).toBeGreaterThan(5);
    for (const key of used) expect(VALIDATION_MESSAGES).toContain(key);
  });

  it('has no duplicates', () => {
    expect(new Set(VALIDATION_MESSAGES).size).toBe(VALIDATION_MESSAGES.length);
  });
});
