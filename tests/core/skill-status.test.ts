import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASIC_FIVE, BASIC_SKILLS_SET, type SkillCode } from '../../src/core/skills/catalogue';
import {
  type AssistLike,
  currentStatus,
  hasBasicSkills,
  missingSkills,
  vneidProgress,
} from '../../src/core/skills/status';
import { assistAt } from './fixtures';

/** An assist recorded at HLC wall time `at` (ms); each call gets its own id. */
const assist = assistAt;

function winner(assists: AssistLike[], kind: SkillCode): AssistLike | undefined {
  return currentStatus(assists).get(kind);
}

describe('current status of a skill, derived from its assists', () => {
  it('on the same day and with the same how-known, the one recorded last (by HLC) wins', () => {
    const first = assist('online_shopping', 1000, { status: 'in_progress' });
    const second = assist('online_shopping', 2000, { status: 'done' });
    expect(winner([first, second], 'online_shopping')?.id).toBe(second.id);
    expect(winner([second, first], 'online_shopping')?.id).toBe(second.id);
  });

  it('on the same day, what a helper saw outranks what the resident said, even when recorded earlier', () => {
    const seen = assist('cashless_payment', 1000, { status: 'failed' });
    const told = assist('cashless_payment', 9000, { status: 'done', howKnown: 'self_reported' });
    expect(winner([seen, told], 'cashless_payment')?.status).toBe('failed');
    expect(winner([told, seen], 'cashless_payment')?.status).toBe('failed');
  });

  it('a later day wins over an earlier one, whatever how-known or recording order', () => {
    const seenMonday = assist('e_health', 9000, { on: '2026-11-23', status: 'done' });
    const toldTuesday = assist('e_health', 1000, {
      on: '2026-11-24',
      status: 'in_progress',
      howKnown: 'self_reported',
    });
    expect(winner([seenMonday, toldTuesday], 'e_health')?.id).toBe(toldTuesday.id);
  });

  it('ignores deleted assists: the status falls back to the step before', () => {
    const before = assist('ai_basics', 1000, { status: 'in_progress' });
    const mistaken = assist('ai_basics', 2000, { status: 'done', deletedAt: '2026-11-25T09:00:00.000Z' });
    expect(winner([before, mistaken], 'ai_basics')?.id).toBe(before.id);
    expect(currentStatus([mistaken]).has('ai_basics')).toBe(false);
  });

  it('keeps one status per kind, independently', () => {
    const status = currentStatus([
      assist('online_shopping', 1000),
      assist('device_basics', 2000, { status: 'in_progress' }),
    ]);
    expect(status.get('online_shopping')?.status).toBe('done');
    expect(status.get('device_basics')?.status).toBe('in_progress');
    expect(status.size).toBe(2);
  });

  it('derives the same status whatever order the assists arrived in', () => {
    const pool: AssistLike[] = [
      assist('vneid_level1', 5000, { on: '2026-11-20', status: 'in_progress' }),
      assist('vneid_level1', 1000, { on: '2026-11-21', status: 'failed' }),
      assist('vneid_level1', 3000, { on: '2026-11-21', howKnown: 'self_reported' }),
      assist('vneid_level1', 4000, { on: '2026-11-21', status: 'done' }),
      assist('vneid_level1', 9000, { on: '2026-11-21', deletedAt: '2026-11-21T10:00:00.000Z' }),
      assist('online_safety', 2000, { status: 'in_progress' }),
      assist('online_safety', 2000, { status: 'done' }),
    ];
    const expected = currentStatus(pool);
    expect(expected.get('vneid_level1')?.status).toBe('done');
    // Same HLC (two phones cannot issue one, but the order must still be total): the id decides.
    expect(expected.get('online_safety')?.id).toBe(pool[6]?.id);
    fc.assert(
      fc.property(fc.shuffledSubarray(pool, { minLength: pool.length, maxLength: pool.length }), (order) => {
        const got = currentStatus(order);
        expect(got.get('vneid_level1')?.id).toBe(expected.get('vneid_level1')?.id);
        expect(got.get('online_safety')?.id).toBe(expected.get('online_safety')?.id);
      }),
    );
  });
});

describe('VNeID journey', () => {
  it('starts with nothing reached and installing the app suggested', () => {
    const progress = vneidProgress(currentStatus([]));
    expect(progress.reached).toBeUndefined();
    expect(progress.next).toBe('vneid_installed');
    expect(progress.level2).toBe(false);
    expect(progress.steps.map((s) => s.done)).toEqual([false, false, false, false, false]);
  });

  it('level 1 then level 2: progress moves on and the next step follows', () => {
    const level1 = [assist('vneid_installed', 1000), assist('vneid_level1', 2000)];
    const afterLevel1 = vneidProgress(currentStatus(level1));
    expect(afterLevel1.reached).toBe('vneid_level1');
    expect(afterLevel1.next).toBe('vneid_level2_referred');
    expect(afterLevel1.level2).toBe(false);

    const afterLevel2 = vneidProgress(
      currentStatus([...level1, assist('vneid_level2_active', 3000, { on: '2026-11-28' })]),
    );
    expect(afterLevel2.reached).toBe('vneid_level2_active');
    expect(afterLevel2.next).toBe('vneid_skills_confirmed');
    expect(afterLevel2.level2).toBe(true);
    expect(afterLevel2.steps.map((s) => s.done)).toEqual([true, true, true, true, false]);
  });

  it('being sent to the commune police counts as that step, but is not level 2', () => {
    const progress = vneidProgress(
      currentStatus([
        assist('vneid_level1', 1000),
        assist('vneid_level2_referred', 2000, { status: 'referred' }),
      ]),
    );
    expect(progress.reached).toBe('vneid_level2_referred');
    expect(progress.next).toBe('vneid_level2_active');
    expect(progress.level2).toBe(false);
  });

  it('a later step done implies the earlier ones, and keeps each step’s own assist', () => {
    const active = assist('vneid_level2_active', 1000);
    const progress = vneidProgress(currentStatus([active]));
    expect(progress.steps.map((s) => s.done)).toEqual([true, true, true, true, false]);
    expect(progress.steps[0]?.assist).toBeUndefined();
    expect(progress.steps[3]?.assist?.id).toBe(active.id);
    expect(progress.level2).toBe(true);
  });

  it('a step only in progress or failed is not reached', () => {
    const progress = vneidProgress(
      currentStatus([
        assist('vneid_installed', 1000),
        assist('vneid_level1', 2000, { status: 'failed' }),
        assist('vneid_level2_active', 3000, { status: 'in_progress' }),
      ]),
    );
    expect(progress.reached).toBe('vneid_installed');
    expect(progress.next).toBe('vneid_level1');
  });

  it('the journey is complete when skills are confirmed on VNeID: no next step', () => {
    const progress = vneidProgress(currentStatus([assist('vneid_skills_confirmed', 1000)]));
    expect(progress.next).toBeUndefined();
    expect(progress.level2).toBe(true);
  });

  it('a later step undone (deleted) moves the journey back', () => {
    const progress = vneidProgress(
      currentStatus([
        assist('vneid_level1', 1000),
        assist('vneid_level2_active', 2000, { deletedAt: '2026-11-25T10:00:00.000Z' }),
      ]),
    );
    expect(progress.reached).toBe('vneid_level1');
    expect(progress.level2).toBe(false);
  });
});

describe('basic digital skills and what is missing', () => {
  const allBasics = BASIC_SKILLS_SET.map((kind, i) => assist(kind, 1000 + i));

  it('has basic skills only when device basics and all five basics are done', () => {
    expect(hasBasicSkills(currentStatus(allBasics))).toBe(true);
    const oneLearning = [...allBasics, assist('online_safety', 9000, { status: 'in_progress' })];
    expect(hasBasicSkills(currentStatus(oneLearning))).toBe(false);
    const noDevice = allBasics.filter((a) => a.kind !== 'device_basics');
    expect(hasBasicSkills(currentStatus(noDevice))).toBe(false);
  });

  it('lists level 2 and every basic skill not done, in catalogue order', () => {
    expect(missingSkills(currentStatus([]))).toEqual(['vneid_level2_active', 'device_basics', ...BASIC_FIVE]);
    const some = [
      assist('vneid_level2_referred', 1000, { status: 'referred' }),
      assist('device_basics', 1000),
      assist('cashless_payment', 1000),
    ];
    expect(missingSkills(currentStatus(some))).toEqual([
      'vneid_level2_active',
      'public_services_online',
      'online_shopping',
      'online_safety',
      'local_platforms',
    ]);
  });

  it('lacks nothing with level 2 and the basic skills; the other skills are not counted', () => {
    const status = currentStatus([...allBasics, assist('vneid_level2_active', 5000)]);
    expect(missingSkills(status)).toEqual([]);
  });
});
