/**
 * The field work of one demo village (DESIGN §6 proportions: about five visits and skill steps per
 * household): door-to-door rounds over the last twelve weeks, lane by lane; the VNeID journey and the
 * basic skills recorded at visits for residents whose consent covers skills support, in journey order
 * with the setbacks of real rounds (no chip card, a SIM in someone else's name, weak signal); two
 * classes held with their attendance and one planned. Some households are never visited and some
 * follow-ups are due or overdue, so the round planner has something to show.
 *
 * Every record is stamped with the generation time like the register (the demo is entered in one go);
 * the days of visits, steps and classes lie in the past. Deterministic for a given `random`.
 */
import { addDays, localDay, VIETNAM_OFFSET_MINUTES } from './dates';
import { attendanceId } from './ids';
import {
  type Assist,
  type AssistStatus,
  type Attendance,
  type Audience,
  type ClassSession,
  type Household,
  type HowKnown,
  hasActiveConsent,
  type Resident,
  type Visit,
  type VisitOutcome,
} from './schemas';
import { BASIC_FIVE, type SkillCode, VNEID_STEPS } from './skills/catalogue';

export interface DemoFieldWork {
  visits: Visit[];
  assists: Assist[];
  classes: ClassSession[];
  attendance: Attendance[];
}

export interface FieldWorkInput {
  villageId: string;
  households: readonly Household[];
  residents: readonly Resident[];
  /** Display names of the village's team; the first one leads and trains. */
  team: readonly string[];
  now: Date;
  random: () => number;
  newId: () => string;
}

/** How far back the rounds go, in days. */
const CAMPAIGN_DAYS = 84;
const NEVER_VISITED = 0.12;
const BASICS: readonly SkillCode[] = ['device_basics', ...BASIC_FIVE];

const CLASS_PLAN: ReadonlyArray<{
  day: number;
  startTime: string;
  topic: SkillCode;
  audience: Audience;
  minAge: number;
  attendees: [number, number];
}> = [
  {
    day: -23,
    startTime: '19:30',
    topic: 'public_services_online',
    audience: 'community',
    minAge: 16,
    attendees: [18, 30],
  },
  {
    day: -9,
    startTime: '08:00',
    topic: 'online_safety',
    audience: 'elderly',
    minAge: 60,
    attendees: [12, 25],
  },
  {
    day: 5,
    startTime: '19:30',
    topic: 'cashless_payment',
    audience: 'traders_4t',
    minAge: 18,
    attendees: [0, 0],
  },
];

const VISIT_NOTES: Partial<Record<VisitOutcome, readonly string[]>> = {
  met: [
    'Bà cụ nghe kém, cần nói chậm và to',
    'Điện thoại cũ, bộ nhớ gần đầy',
    'Con trai đi làm xa, hẹn hướng dẫn qua điện thoại',
    'Nhà có chó, gọi từ cổng',
  ],
  nobody_home: ['Cả nhà đi làm nương', 'Đi chợ phiên', 'Cửa khoá, hàng xóm bảo đi ăn cỗ'],
  refused: ['Chủ hộ bận, chưa muốn nghe', 'Sợ bị lừa đảo, chưa tin'],
  come_back: ['Hẹn buổi tối khi con cháu về', 'Chủ hộ đang bận gặt, hẹn tuần sau'],
};

const FAIL = {
  noChip: 'Chưa có thẻ căn cước gắn chip',
  simNotOwn: 'Sim không đứng tên chính chủ',
  signal: 'Sóng điện thoại yếu, không nhận được tin nhắn kích hoạt',
  storage: 'Điện thoại không đủ bộ nhớ để cài ứng dụng',
};

interface Step {
  kind: SkillCode;
  status: AssistStatus;
  howKnown: HowKnown;
  failReason?: string;
}

/** Where a resident is on the VNeID journey and the basics, as the rounds go on. */
interface Progress {
  seen: boolean;
  vneid: number;
  /** The journey cannot go on without something the team cannot fix (a chip card, an own SIM). */
  blocked: boolean;
  basics: number;
}

export function generateFieldWork(input: FieldWorkInput): DemoFieldWork {
  const { villageId, households, residents, team, now, random, newId } = input;
  const stamp = now.toISOString();
  const today = localDay(now);
  const year = Number(today.slice(0, 4));
  const chance = (p: number) => random() < p;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const base = { villageId, createdAt: stamp, updatedAt: stamp };

  const byHousehold = new Map<string, Resident[]>();
  for (const r of residents) {
    const list = byHousehold.get(r.householdId) ?? [];
    list.push(r);
    byHousehold.set(r.householdId, list);
  }
  const canBeHelped = (r: Resident) =>
    !r.deletedAt &&
    hasActiveConsent(r) &&
    r.consent?.purposes.includes('skills_support') === true &&
    year - r.birthYear >= 14;

  const progress = new Map<string, Progress>();
  const progressOf = (id: string): Progress => {
    let p = progress.get(id);
    if (!p) {
      p = { seen: false, vneid: 0, blocked: false, basics: 0 };
      progress.set(id, p);
    }
    return p;
  };

  const visits: Visit[] = [];
  const assists: Assist[] = [];

  // Teams walk lane by lane: each lane's first round starts a few days after the previous lane's.
  const lanes = [...new Set(households.map((h) => h.lane ?? ''))].sort();
  const laneStart = new Map(
    lanes.map((lane, i) => [lane, -CAMPAIGN_DAYS + Math.floor((i * 56) / lanes.length)]),
  );

  for (const household of households) {
    if (household.deletedAt || chance(NEVER_VISITED)) continue;
    const helpable = (byHousehold.get(household.id) ?? []).filter(canBeHelped);
    let day = Math.min(-1, (laneStart.get(household.lane ?? '') ?? -CAMPAIGN_DAYS) + between(0, 20));
    let previous: VisitOutcome | undefined;
    const maxVisits = between(1, 4);
    for (let k = 0; k < maxVisits && day <= -1; k++) {
      const outcome = nextOutcome(previous);
      const members = chance(0.6) ? [pick(team)] : twoOf(team);
      const visitId = newId();
      const dayString = addDays(today, day);
      const helped: string[] = [];
      const topics = new Set<SkillCode>();
      if (outcome === 'met' && helpable.length > 0) {
        const count = Math.min(helpable.length, between(1, 3));
        for (const resident of shuffled(helpable).slice(0, count)) {
          const steps = stepsAtVisit(resident, progressOf(resident.id));
          if (steps.length === 0) continue;
          helped.push(resident.id);
          for (const step of steps) {
            topics.add(step.kind);
            assists.push({
              id: newId(),
              ...base,
              residentId: resident.id,
              householdId: household.id,
              ...step,
              on: dayString,
              by: members[0] as string,
              visitId,
            });
          }
        }
      }
      const followUpOn = outcome === 'come_back' ? addDays(dayString, between(2, 10)) : undefined;
      const notes = chance(0.15) ? pick(VISIT_NOTES[outcome] ?? []) : undefined;
      visits.push({
        id: visitId,
        ...base,
        householdId: household.id,
        visitedAt: localInstant(dayString, between(7 * 60 + 30, 17 * 60 + 30)),
        members,
        outcome,
        ...(followUpOn ? { followUpOn } : {}),
        residentIds: helped,
        topics: [...topics],
        ...(notes ? { notes } : {}),
      });
      if (outcome === 'refused') break;
      previous = outcome;
      day +=
        outcome === 'come_back'
          ? between(1, 12)
          : outcome === 'nobody_home'
            ? between(1, 14)
            : between(10, 40);
    }
  }

  const { classes, attendance, classAssists } = holdClasses();
  assists.push(...classAssists);
  // Recorded in the order things happened, so the later of two steps also has the later clock.
  visits.sort((a, b) => (a.visitedAt < b.visitedAt ? -1 : a.visitedAt > b.visitedAt ? 1 : 0));
  assists.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  return { visits, assists, classes, attendance };

  function nextOutcome(previous: VisitOutcome | undefined): VisitOutcome {
    const x = random();
    if (previous === 'come_back') return x < 0.8 ? 'met' : x < 0.9 ? 'nobody_home' : 'come_back';
    return x < 0.62 ? 'met' : x < 0.84 ? 'nobody_home' : x < 0.95 ? 'come_back' : 'refused';
  }

  /** One or two steps per resident and visit: the next VNeID step while the journey can go on, then basics. */
  function stepsAtVisit(r: Resident, p: Progress): Step[] {
    const steps: Step[] = [];
    if (!p.seen) {
      p.seen = true;
      // Some adults already have a level 2 account from the police: they say so at the first visit.
      if (year - r.birthYear >= 18 && r.hasSmartphone && chance(0.3)) {
        steps.push({ kind: 'vneid_level2_active', status: 'done', howKnown: 'self_reported' });
        p.vneid = VNEID_STEPS.indexOf('vneid_level2_active') + 1;
      }
    }
    if (!r.hasSmartphone) {
      if (p.basics === 0 && steps.length === 0 && chance(0.5)) {
        p.basics = 1;
        steps.push({ kind: 'device_basics', status: 'in_progress', howKnown: 'observed' });
      }
      return steps;
    }
    const wanted = between(1, 3);
    while (steps.length < wanted) {
      const step = p.vneid < VNEID_STEPS.length && !p.blocked ? vneidStep(r, p) : basicStep(p);
      if (!step) break;
      steps.push(step);
      // After a referral the resident goes to the commune police; the rest waits for the next visit.
      if (step.status === 'referred' || step.status === 'failed') break;
    }
    return steps;
  }

  function vneidStep(r: Resident, p: Progress): Step | undefined {
    const kind = VNEID_STEPS[p.vneid] as SkillCode;
    const done = (howKnown: HowKnown = 'observed'): Step => {
      p.vneid++;
      return { kind, status: 'done', howKnown };
    };
    switch (kind) {
      case 'vneid_installed':
        if (chance(0.05)) return { kind, status: 'failed', howKnown: 'observed', failReason: FAIL.storage };
        return done();
      case 'vneid_level1':
        if (!r.simOwnName && chance(0.6)) {
          p.blocked = true;
          return { kind, status: 'failed', howKnown: 'observed', failReason: FAIL.simNotOwn };
        }
        if (chance(0.1)) return { kind, status: 'failed', howKnown: 'observed', failReason: FAIL.signal };
        return done();
      case 'vneid_level2_referred':
        if (!r.hasChipId) {
          p.blocked = true;
          return { kind, status: 'failed', howKnown: 'observed', failReason: FAIL.noChip };
        }
        p.vneid++;
        return { kind, status: 'referred', howKnown: 'observed' };
      case 'vneid_level2_active':
        return done(chance(0.7) ? 'self_reported' : 'observed');
      default:
        // Confirming the skills course on VNeID is the last, rarer step; most move on to the basics.
        if (chance(0.4)) return done();
        p.blocked = true;
        return basicStep(p);
    }
  }

  function basicStep(p: Progress): Step | undefined {
    const kind = BASICS[p.basics];
    if (!kind) return undefined;
    if (chance(0.25)) return { kind, status: 'in_progress', howKnown: 'observed' };
    p.basics++;
    return { kind, status: 'done', howKnown: 'observed' };
  }

  function holdClasses() {
    const classes: ClassSession[] = [];
    const attendance: Attendance[] = [];
    const classAssists: Assist[] = [];
    const lead = team[0] as string;
    for (const plan of CLASS_PLAN) {
      const classId = newId();
      const date = addDays(today, plan.day);
      classes.push({
        id: classId,
        ...base,
        date,
        startTime: plan.startTime,
        topic: plan.topic,
        audience: plan.audience,
        venue: 'Nhà văn hoá thôn',
        trainer: lead,
        walkIns: plan.day < 0 ? between(0, 6) : 0,
      });
      const eligible = residents.filter((r) => !r.deletedAt && year - r.birthYear >= plan.minAge);
      const present = shuffled(eligible).slice(0, between(...plan.attendees));
      for (const r of present) {
        attendance.push({ id: attendanceId(classId, r.id), ...base, classId, residentId: r.id });
        // As recordTopicForPresent does: the topic, observed, for attendees who consented.
        if (!canBeHelped(r)) continue;
        classAssists.push({
          id: newId(),
          ...base,
          residentId: r.id,
          householdId: r.householdId,
          kind: plan.topic,
          status: chance(0.85) ? 'done' : 'in_progress',
          howKnown: 'observed',
          on: date,
          by: lead,
          classId,
        });
      }
    }
    return { classes, attendance, classAssists };
  }

  function twoOf(names: readonly string[]): string[] {
    return names.length < 2 ? [...names] : shuffled(names).slice(0, 2);
  }

  /** Fisher–Yates on a copy, driven by the seeded generator. */
  function shuffled<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}

/** The instant of a local (commune) time of day, minutes after midnight, on `day`. */
function localInstant(day: string, minutes: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + (minutes - VIETNAM_OFFSET_MINUTES) * 60_000).toISOString();
}
