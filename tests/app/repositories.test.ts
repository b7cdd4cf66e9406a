import { describe, expect, it } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { ValidationError } from '../../src/app/db/repository-errors';
import { residentRepository } from '../../src/app/db/resident-repository';
import { parseHlc } from '../../src/core/hlc';
import { householdInput, residentInput, VILLAGE_ID } from './fixtures';

describe('repositories write the record and its outbox entry together', () => {
  it('creating a household stores the row and one outbox entry with every field and an HLC', async () => {
    const h = await householdRepository.create(VILLAGE_ID, householdInput());
    const db = getDb();
    const row = await db.households.get(h.id);
    expect(row?.label).toBe('Nông Văn Tâm');
    expect(row?.search).toBe('nong van tam xom na pai so 12');
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    const entry = outbox[0];
    expect(entry).toMatchObject({ table: 'households', rowId: h.id, villageId: VILLAGE_ID });
    expect(entry?.fields).toMatchObject({
      label: 'Nông Văn Tâm',
      lane: 'Xóm Nà Pài',
      membersCount: 4,
      poor: false,
    });
    expect(entry?.fields).not.toHaveProperty('search');
    expect(entry?.fields).not.toHaveProperty('updatedAt');
    expect(() => parseHlc(entry?.hlc ?? '')).not.toThrow();
  });

  it('an edit queues only the fields that changed, with a later HLC', async () => {
    const h = await householdRepository.create(VILLAGE_ID, householdInput({ phone: '0912345678' }));
    await householdRepository.update(h.id, householdInput({ membersCount: 5 }));
    const outbox = await getDb().outbox.orderBy('seq').toArray();
    expect(outbox).toHaveLength(2);
    expect(outbox[1]?.fields).toEqual({ membersCount: 5, phone: null });
    expect((outbox[1]?.hlc ?? '') > (outbox[0]?.hlc ?? '')).toBe(true);
  });

  it('saving identical values writes nothing and queues nothing', async () => {
    const h = await householdRepository.create(VILLAGE_ID, householdInput());
    await householdRepository.update(h.id, householdInput());
    expect(await getDb().outbox.count()).toBe(1);
  });

  it('a failure inside the transaction leaves neither the record nor the outbox entry', async () => {
    const db = getDb();
    const failOutbox = () => {
      throw new Error('disk full');
    };
    db.outbox.hook('creating', failOutbox);
    await expect(householdRepository.create(VILLAGE_ID, householdInput())).rejects.toThrow('disk full');
    db.outbox.hook('creating').unsubscribe(failOutbox);
    expect(await db.households.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('a failed edit keeps the previous version of the row and queues nothing', async () => {
    const db = getDb();
    const h = await householdRepository.create(VILLAGE_ID, householdInput());
    const failOutbox = () => {
      throw new Error('quota exceeded');
    };
    db.outbox.hook('creating', failOutbox);
    await expect(householdRepository.update(h.id, householdInput({ label: 'Đổi tên' }))).rejects.toThrow();
    db.outbox.hook('creating').unsubscribe(failOutbox);
    expect((await db.households.get(h.id))?.label).toBe('Nông Văn Tâm');
    expect(await db.outbox.count()).toBe(1);
  });

  it('invalid input throws a ValidationError with field keys and writes nothing', async () => {
    const error = await householdRepository
      .create(VILLAGE_ID, householdInput({ label: '  ', membersCount: 0 }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual({
      label: 'err.required',
      membersCount: 'err.membersRange',
    });
    expect(await getDb().households.count()).toBe(0);
    expect(await getDb().outbox.count()).toBe(0);
  });

  it('delete is a queued tombstone and restore queues its removal', async () => {
    const h = await householdRepository.create(VILLAGE_ID, householdInput());
    await householdRepository.remove(h.id);
    expect((await getDb().households.get(h.id))?.deletedAt).toBeDefined();
    await householdRepository.restore(h.id);
    expect((await getDb().households.get(h.id))?.deletedAt).toBeUndefined();
    const fields = (await getDb().outbox.orderBy('seq').toArray()).map((e) => Object.keys(e.fields));
    expect(fields.slice(1)).toEqual([['deletedAt'], ['deletedAt']]);
    const last = await getDb().outbox.orderBy('seq').last();
    expect(last?.fields.deletedAt).toBeNull();
  });

  it('withdrawing consent clears every consent-only field of a resident in the same change', async () => {
    const h = await householdRepository.create(VILLAGE_ID, householdInput());
    const r = await residentRepository.create(VILLAGE_ID, residentInput(h.id));
    await residentRepository.update(r.id, {
      householdId: h.id,
      name: 'Bà Lan',
      birthYear: 1956,
      groups: [],
      consent: {
        purposes: ['skills_support'],
        collectedBy: 'Tổ viên A',
        collectedAt: '2026-11-20T08:00:00.000Z',
        withdrawnAt: '2026-11-24T08:00:00.000Z',
      },
    });
    const row = await getDb().residents.get(r.id);
    expect(row?.sex).toBeUndefined();
    expect(row?.hasChipId).toBeUndefined();
    const last = await getDb().outbox.orderBy('seq').last();
    expect(last?.fields).toMatchObject({ name: 'Bà Lan', sex: null, hasChipId: null });
  });

  it('a resident with consent-only fields but no consent is refused', async () => {
    const h = await householdRepository.create(VILLAGE_ID, householdInput());
    const { consent: _c, ...noConsent } = residentInput(h.id);
    await expect(residentRepository.create(VILLAGE_ID, noConsent)).rejects.toBeInstanceOf(ValidationError);
    expect(await getDb().residents.count()).toBe(0);
  });

  it('timestamps stay increasing across many quick writes from one device', async () => {
    const h = await householdRepository.create(VILLAGE_ID, householdInput());
    for (let i = 1; i <= 20; i++) await householdRepository.update(h.id, householdInput({ membersCount: i }));
    const hlcs = (await getDb().outbox.orderBy('seq').toArray()).map((e) => e.hlc);
    expect([...hlcs].sort()).toEqual(hlcs);
    expect(new Set(hlcs).size).toBe(hlcs.length);
  });
});
