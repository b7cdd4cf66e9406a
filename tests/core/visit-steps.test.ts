import { describe, expect, it } from 'vitest';
import type { Consent } from '../../src/core/schemas';
import type { SkillCode } from '../../src/core/skills/catalogue';
import { summarizeHousehold } from '../../src/core/skills/household-summary';
import { type AssistLike, currentStatus, vneidProgress } from '../../src/core/skills/status';
import { stepResults, visitResults } from '../../src/core/skills/step-results';
import {
  alreadyDone,
  pairKey,
  planVisitSteps,
  type VisitPerson,
  visitAssists,
} from '../../src/core/skills/visit-steps';
import { assistAt } from './fixtures';

const consent: Consent = {
  purposes: ['skills_support'],
  collectedBy: 'Tổ viên A',
  collectedAt: '2026-11-20T08:00:00.000Z',
};

let serial = 0;
/** A step done on 20/11, recorded in call order. */
function assist(kind: SkillCode, extra: Partial<AssistLike> = {}): AssistLike {
  serial++;
  return assistAt(kind, serial, { on: '2026-11-20', ...extra });
}

function person(id: string, extra: Partial<VisitPerson> = {}): VisitPerson {
  return { id, householdId: 'h-1', consent, assists: [], ...extra };
}

const TOPICS: SkillCode[] = ['vneid_level1', 'cashless_payment'];
const VISIT = { visitId: 'v-1', on: '2026-11-25', by: 'Lâm Thu Hà', howKnown: 'observed' as const };

describe('what a met visit says was done for whom becomes their skill steps', () => {
  it('records every ticked person × topic pair as done by default, linked to the visit', () => {
    const people = [person('xuan'), person('sang')];
    const plan = planVisitSteps(people, TOPICS, {});
    expect(plan.withoutConsent).toEqual([]);
    expect(plan.pairs.map((p) => [p.residentId, p.kind, p.outcome, p.status])).toEqual([
      ['xuan', 'vneid_level1', 'record', 'done'],
      ['xuan', 'cashless_payment', 'record', 'done'],
      ['sang', 'vneid_level1', 'record', 'done'],
      ['sang', 'cashless_payment', 'record', 'done'],
    ]);
    const assists = visitAssists(plan, people, VISIT);
    expect(assists).toHaveLength(4);
    for (const a of assists) {
      expect(a).toMatchObject({
        householdId: 'h-1',
        visitId: 'v-1',
        on: '2026-11-25',
        by: 'Lâm Thu Hà',
        howKnown: 'observed',
      });
    }
  });

  it('takes the result the helper chose per pair, leaves out a pair set to "skip", and says how it is known', () => {
    const people = [person('xuan'), person('sang')];
    const plan = planVisitSteps(people, TOPICS, {
      [pairKey('xuan', 'cashless_payment')]: 'in_progress',
      [pairKey('sang', 'vneid_level1')]: 'skip',
    });
    const assists = visitAssists(plan, people, { ...VISIT, howKnown: 'self_reported' });
    expect(assists.map((a) => [a.residentId, a.kind, a.status, a.howKnown])).toEqual([
      ['xuan', 'vneid_level1', 'done', 'self_reported'],
      ['xuan', 'cashless_payment', 'in_progress', 'self_reported'],
      ['sang', 'cashless_payment', 'done', 'self_reported'],
    ]);
  });

  it('falls back to the step’s default when a choice is one the step does not offer', () => {
    const plan = planVisitSteps([person('xuan')], ['vneid_level2_referred'], {
      [pairKey('xuan', 'vneid_level2_referred')]: 'in_progress',
    });
    expect(plan.pairs).toEqual([
      { residentId: 'xuan', kind: 'vneid_level2_referred', outcome: 'record', status: 'done' },
    ]);
  });

  it('names the people whose consent does not cover skills support, and records nothing for them', () => {
    const people = [
      person('pang', { consent: undefined }),
      person('xuan'),
      person('other-purpose', { consent: { ...consent, purposes: ['progress_report'] } }),
      person('withdrawn', { consent: { ...consent, withdrawnAt: '2026-11-21T08:00:00.000Z' } }),
    ];
    const plan = planVisitSteps(people, TOPICS, {});
    expect(plan.withoutConsent).toEqual(['pang', 'other-purpose', 'withdrawn']);
    expect(new Set(plan.pairs.map((p) => p.residentId))).toEqual(new Set(['xuan']));
    expect(visitAssists(plan, people, VISIT).map((a) => a.residentId)).toEqual(['xuan', 'xuan']);
  });

  it('never moves a status backwards: a step already done, or passed on the VNeID journey, is left alone', () => {
    const xuan = person('xuan', {
      assists: [assist('cashless_payment'), assist('vneid_level2_active')],
    });
    const plan = planVisitSteps([xuan], ['vneid_level1', 'cashless_payment', 'online_shopping'], {
      [pairKey('xuan', 'cashless_payment')]: 'in_progress',
    });
    expect(plan.pairs.map((p) => [p.kind, p.outcome])).toEqual([
      ['vneid_level1', 'already'],
      ['cashless_payment', 'already'],
      ['online_shopping', 'record'],
    ]);
    expect(visitAssists(plan, [xuan], VISIT).map((a) => a.kind)).toEqual(['online_shopping']);
  });

  it('records a step again when what was recorded before is not done (learning, failed)', () => {
    const status = currentStatus([
      assist('online_safety', { status: 'in_progress' }),
      assist('vneid_level1', { status: 'failed', failReason: 'Quên căn cước' } as Partial<AssistLike>),
    ]);
    expect(alreadyDone(status, 'online_safety')).toBe(false);
    expect(alreadyDone(status, 'vneid_level1')).toBe(false);
    expect(alreadyDone(status, 'vneid_installed')).toBe(false);
  });
});

describe('each step offers only the results that can be true of it', () => {
  it('the police referral is either made or not: no "learning", no separate "sent elsewhere"', () => {
    expect(stepResults('vneid_level2_referred')).toEqual(['done', 'failed']);
    expect(visitResults('vneid_level2_referred')).toEqual(['done']);
  });

  it('a skill can be done, learning or not managed; only the bank account is sent elsewhere', () => {
    expect(stepResults('cashless_payment')).toEqual(['done', 'in_progress', 'failed']);
    expect(stepResults('digital_bank_account')).toContain('referred');
    expect(stepResults('vneid_installed')).not.toContain('in_progress');
    for (const kind of ['vneid_level1', 'online_safety', 'e_health'] as const) {
      expect(visitResults(kind)).not.toContain('failed');
      expect(visitResults(kind)[0]).toBe('done');
    }
  });
});

describe('a referral to the commune police shows as waiting for level 2', () => {
  it('after the referral step is done the person waits for level 2; activation ends the wait', () => {
    const referred = [assist('vneid_level1'), assist('vneid_level2_referred')];
    expect(vneidProgress(currentStatus(referred))).toMatchObject({
      reached: 'vneid_level2_referred',
      level2: false,
      waitingLevel2: true,
    });
    const active = [...referred, assist('vneid_level2_active', { on: '2026-11-27' })];
    expect(vneidProgress(currentStatus(active))).toMatchObject({ level2: true, waitingLevel2: false });
  });

  it('a referral recorded the old way ("referred") and an activation under way also wait', () => {
    expect(
      vneidProgress(currentStatus([assist('vneid_level2_referred', { status: 'referred' })])).waitingLevel2,
    ).toBe(true);
    expect(
      vneidProgress(
        currentStatus([assist('vneid_level1'), assist('vneid_level2_active', { status: 'in_progress' })]),
      ).waitingLevel2,
    ).toBe(true);
  });

  it('no wait when the referral could not be made, or nothing was recorded', () => {
    const failed = [
      assist('vneid_level1'),
      assist('vneid_level2_referred', { status: 'failed', on: '2026-11-21' }),
    ];
    expect(vneidProgress(currentStatus(failed))).toMatchObject({
      reached: 'vneid_level1',
      waitingLevel2: false,
    });
    expect(vneidProgress(currentStatus([])).waitingLevel2).toBe(false);
  });

  it('the household summary carries the wait per resident', () => {
    const summary = summarizeHousehold(
      [
        { id: 'xuan', name: 'Lò Thị Xuân', birthYear: 1980 },
        { id: 'pang', name: 'Lò Văn Pằng', birthYear: 1975 },
      ],
      [
        { ...assist('vneid_level2_referred'), residentId: 'xuan' },
        { ...assist('vneid_level1'), residentId: 'pang' },
      ],
      2026,
    );
    expect(summary.residents.map((r) => [r.resident.id, r.vneid.waitingLevel2])).toEqual([
      ['xuan', true],
      ['pang', false],
    ]);
    // Still missing level 2: waiting is not having it.
    expect(summary.residents[0]?.missing).toContain('vneid_level2_active');
  });
});
