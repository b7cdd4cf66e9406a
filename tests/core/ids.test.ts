import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatHlc, isHlc } from '../../src/core/hlc';
import { newDeviceId, newId } from '../../src/core/ids';

describe('newId', () => {
  it('makes UUID v7 ids the schemas accept', () => {
    const id = newId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(z.uuid().safeParse(id).success).toBe(true);
  });

  it('makes unique, time-ordered ids', () => {
    const ids = Array.from({ length: 200 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('newDeviceId', () => {
  it('is 16 lower-case hex characters, usable as an HLC node', () => {
    const node = newDeviceId();
    expect(node).toMatch(/^[0-9a-f]{16}$/);
    expect(isHlc(formatHlc({ wall: 1, counter: 0, node }))).toBe(true);
  });

  it('differs between installs', () => {
    const nodes = Array.from({ length: 50 }, () => newDeviceId());
    expect(new Set(nodes).size).toBe(nodes.length);
  });
});
