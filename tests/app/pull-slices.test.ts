import { describe, expect, it } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { applyPulledPage, readCursor, startPull } from '../../src/app/sync/apply-pulled';
import { encodeClocks, type WireRow } from '../../src/core/sync/protocol';
import { householdInput, VILLAGE_ID } from './fixtures';

const CREATED = '2026-11-25T08:00:00.000Z';

function id(n: number): string {
  return `0191f5a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
}

/** A page of `count` households as the server sends them, all labelled `label` at `clock`. */
function page(count: number, label: string, clock: string): WireRow[] {
  return Array.from({ length: count }, (_, n) => {
    const d = { label: `${label} ${n}`, membersCount: 3, poor: false, createdAt: CREATED };
    return {
      t: 'households' as const,
      i: id(n),
      g: VILLAGE_ID,
      s: n + 1,
      d,
      ...encodeClocks(Object.fromEntries(Object.keys(d).map((k) => [k, clock]))),
    };
  });
}

describe('a pulled page is written in slices within one transaction', () => {
  it('merges every row of a long page with its own local row, wherever it falls in the page', async () => {
    await applyPulledPage(page(450, 'Hộ', '001764000000000:00000:bbbbbbbbbbbbbbbb'), 450, await startPull());
    expect(await getDb().households.count()).toBe(450);

    // Edits on this phone, not yet pushed, in the first, second and third slice of the next page.
    for (const n of [5, 250, 449]) {
      await householdRepository.update(id(n), householdInput({ label: `Sửa ở máy ${n}` }));
    }
    await applyPulledPage(page(450, 'Hộ mới', '001764000000500:00000:bbbbbbbbbbbbbbbb'), 900);

    const rows = await getDb().households.bulkGet([id(0), id(5), id(199), id(200), id(250), id(449)]);
    expect(rows.map((r) => r?.label)).toEqual([
      'Hộ mới 0',
      'Sửa ở máy 5',
      'Hộ mới 199',
      'Hộ mới 200',
      'Sửa ở máy 250',
      'Sửa ở máy 449',
    ]);
    expect(rows.map((r) => r?.search)).toEqual(
      rows.map((r) => expect.stringContaining(String(r?.label.split(' ').at(-1)))),
    );
    expect(await readCursor()).toBe(900);
  });

  it('a page that fails part-way leaves neither its rows nor its cursor', async () => {
    await applyPulledPage(page(10, 'Hộ', '001764000000000:00000:bbbbbbbbbbbbbbbb'), 10, await startPull());
    const bad = page(450, 'Hộ mới', '001764000000500:00000:bbbbbbbbbbbbbbbb');
    // A row that cannot be stored (no key) in the last slice aborts the whole transaction.
    (bad[420] as { i: unknown }).i = undefined;
    await expect(applyPulledPage(bad, 460)).rejects.toThrow();
    expect(await getDb().households.count()).toBe(10);
    expect((await getDb().households.get(id(3)))?.label).toBe('Hộ 3');
    expect(await readCursor()).toBe(10);
  });
});
