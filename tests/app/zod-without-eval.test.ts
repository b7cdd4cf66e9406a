import { afterEach, describe, expect, it, vi } from 'vitest';

const realFunction = globalThis.Function;

afterEach(() => {
  globalThis.Function = realFunction;
});

describe('zod without eval (issue 14, kind 7)', () => {
  it('no schema probes or compiles with new Function, which the CSP would refuse', async () => {
    const calls: unknown[][] = [];
    const count = (args: unknown[]) => {
      calls.push(args);
    };
    globalThis.Function = new Proxy(realFunction, {
      apply(target, self, args) {
        count(args);
        return Reflect.apply(target, self, args);
      },
      construct(target, args) {
        count(args);
        return Reflect.construct(target, args);
      },
    });
    // Fresh copies of zod and the schemas, evaluated after the setting, as in the app's start.
    vi.resetModules();
    await import('../../src/app/zod-without-eval.js');
    const { z } = await import('zod');
    const { householdFields, residentFields } = await import('../../src/core/schemas.js');
    // Any object input takes zod's compiled path when it may, valid or not.
    expect(householdFields.safeParse({}).success).toBe(false);
    expect(residentFields.safeParse({ fullName: 'Lò Thị Mai' }).success).toBe(false);
    expect(z.object({ a: z.string() }).parse({ a: 'ngõ' })).toEqual({ a: 'ngõ' });
    expect(z.config().jitless).toBe(true);
    expect(calls).toEqual([]);
  });
});
