import { afterEach, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { dateIssues } from '../../src/core/date-rules';
import {
  ageInYear,
  CONSENT_ONLY_FIELDS,
  consentSchema,
  ELDERLY_AGE,
  hasActiveConsent,
  householdFields,
  householdSchema,
  isElderly,
  MAX_BIRTH_YEAR,
  MIN_BIRTH_YEAR,
  phoneSchema,
  residentFields,
  residentSchema,
  villageSchema,
} from '../../src/core/schemas';
import { fieldErrors } from '../../src/core/validation';
import {
  consent,
  HOUSEHOLD_ID,
  household,
  resident,
  residentWithoutConsent,
  STAMP,
  VILLAGE_ID,
  village,
} from './fixtures';

/** The field errors of an input the schema must reject; fails the test if it is accepted. */
function errorsOf(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected a rejection, got ${JSON.stringify(result.data)}`);
  return fieldErrors(result.error);
}

function accepted<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success)
    throw new Error(`expected acceptance, got ${JSON.stringify(fieldErrors(result.error))}`);
  return result.data;
}

const long = (n: number) => 'a'.repeat(n);

// ---------------------------------------------------------------- record base

describe('record base (every table)', () => {
  it.each([
    ['village', villageSchema, village],
    ['household', householdSchema, household],
    ['resident', residentSchema, resident],
  ] as const)('%s: ids must be UUIDs', (_name, schema, make) => {
    expect(errorsOf(schema, make({ id: 'household-1' }))).toEqual({ id: 'err.invalid' });
    expect(errorsOf(schema, make({ villageId: '12345' }))).toEqual({ villageId: 'err.invalid' });
    expect(errorsOf(schema, make({ id: '0191f5a0-0000-7000-8000-00000000000' }))).toEqual({
      id: 'err.invalid',
    });
  });

  it.each([
    ['village', villageSchema, village],
    ['household', householdSchema, household],
    ['resident', residentSchema, resident],
  ] as const)('%s: createdAt / updatedAt / deletedAt must be ISO date-times', (_name, schema, make) => {
    expect(errorsOf(schema, make({ createdAt: '2025-06-01' }))).toEqual({ createdAt: 'err.invalid' });
    expect(errorsOf(schema, make({ createdAt: 'hôm qua' }))).toEqual({ createdAt: 'err.invalid' });
    expect(errorsOf(schema, make({ updatedAt: 1_748_764_800_000 }))).toEqual({ updatedAt: 'err.invalid' });
    expect(errorsOf(schema, make({ deletedAt: '01/06/2025 08:00' }))).toEqual({ deletedAt: 'err.invalid' });
  });

  it('accepts UTC and offset date-times, and a deletedAt tombstone', () => {
    expect(villageSchema.safeParse(village({ createdAt: '2025-06-01T15:00:00+07:00' })).success).toBe(true);
    expect(villageSchema.safeParse(village({ deletedAt: STAMP })).success).toBe(true);
  });

  it('rejects a date-time without a zone (ambiguous across devices)', () => {
    expect(errorsOf(villageSchema, village({ createdAt: '2025-06-01T08:00:00' }))).toEqual({
      createdAt: 'err.invalid',
    });
  });

  it('requires the base fields', () => {
    const { villageId: _v, ...noVillage } = household();
    expect(errorsOf(householdSchema, noVillage)).toEqual({ villageId: 'err.invalid' });
  });
});

// ---------------------------------------------------------------- village

describe('villageSchema', () => {
  it('accepts a valid village with official counts', () => {
    const v = accepted(
      villageSchema,
      village({
        official: {
          households: 152,
          residents16Plus: 480,
          adults18Plus: 450,
          source: 'UBND xã',
          asOf: '2025-01-01',
        },
        demo: true,
      }),
    );
    expect(v.official?.households).toBe(152);
  });

  it('requires a name and a code', () => {
    expect(errorsOf(villageSchema, village({ name: undefined }))).toEqual({ name: 'err.required' });
    expect(errorsOf(villageSchema, village({ name: '   ' }))).toEqual({ name: 'err.required' });
    expect(errorsOf(villageSchema, village({ code: '' }))).toEqual({ code: 'err.required' });
  });

  it('limits name to 100 and code to 20 characters', () => {
    expect(villageSchema.safeParse(village({ name: long(100), code: long(20) })).success).toBe(true);
    expect(errorsOf(villageSchema, village({ name: long(101) }))).toEqual({ name: 'err.tooLong' });
    expect(errorsOf(villageSchema, village({ code: long(21) }))).toEqual({ code: 'err.tooLong' });
  });

  it('official counts must be whole, non-negative numbers and asOf a date', () => {
    expect(errorsOf(villageSchema, village({ official: { households: 12.5 } }))).toEqual({
      'official.households': 'err.wholeNumber',
    });
    expect(errorsOf(villageSchema, village({ official: { adults18Plus: -1 } }))).toEqual({
      'official.adults18Plus': 'err.notNegative',
    });
    // Everyone 18+ is also 16+: the other way round is a typing slip, named on the 18+ count.
    expect(
      errorsOf(villageSchema, village({ official: { residents16Plus: 10, adults18Plus: 500 } })),
    ).toEqual({ 'official.adults18Plus': 'err.adultsAboveResidents' });
    accepted(villageSchema, village({ official: { residents16Plus: 500, adults18Plus: 480 } }));
    expect(errorsOf(villageSchema, village({ official: { asOf: '2025-13-01' } }))).toEqual({
      'official.asOf': 'err.invalid',
    });
  });
});

// ---------------------------------------------------------------- household

describe('householdSchema', () => {
  it('accepts a valid household and trims text', () => {
    const h = accepted(householdSchema, household({ label: '  Nông Văn Tâm  ', notes: ' Hay đi nương ' }));
    expect(h.label).toBe('Nông Văn Tâm');
    expect(h.notes).toBe('Hay đi nương');
  });

  it('requires a label (missing, empty or blank)', () => {
    expect(errorsOf(householdSchema, household({ label: undefined }))).toEqual({ label: 'err.required' });
    expect(errorsOf(householdSchema, household({ label: '' }))).toEqual({ label: 'err.required' });
    expect(errorsOf(householdSchema, household({ label: ' \t ' }))).toEqual({ label: 'err.required' });
  });

  it('limits label, lane, address and notes lengths (after trimming)', () => {
    expect(householdSchema.safeParse(household({ label: `  ${long(100)}  ` })).success).toBe(true);
    expect(errorsOf(householdSchema, household({ label: long(101) }))).toEqual({ label: 'err.tooLong' });
    expect(errorsOf(householdSchema, household({ lane: long(101) }))).toEqual({ lane: 'err.tooLong' });
    expect(householdSchema.safeParse(household({ address: long(200) })).success).toBe(true);
    expect(errorsOf(householdSchema, household({ address: long(201) }))).toEqual({ address: 'err.tooLong' });
    expect(householdSchema.safeParse(household({ notes: long(500) })).success).toBe(true);
    expect(errorsOf(householdSchema, household({ notes: long(501) }))).toEqual({ notes: 'err.tooLong' });
  });

  it('accepts 1 to 999 members: a collective household (hộ tập thể) can hold hundreds', () => {
    for (const membersCount of [1, 31, 250, 999])
      expect(householdSchema.safeParse(household({ membersCount })).success).toBe(true);
  });

  it.each([
    [0, 'err.membersRange'],
    [1000, 'err.membersRange'],
    [-2, 'err.membersRange'],
    [2.5, 'err.wholeNumber'],
    ['3', 'err.wholeNumber'],
    // Left empty it is missing, not a number written wrong (issue 15).
    [undefined, 'err.required'],
  ])('rejects membersCount %j with %s', (membersCount, key) => {
    expect(errorsOf(householdSchema, household({ membersCount }))).toEqual({ membersCount: key });
  });

  it('requires the poor flag', () => {
    expect(errorsOf(householdSchema, household({ poor: undefined }))).toEqual({ poor: 'err.invalid' });
  });

  describe('phone', () => {
    it.each([
      ['0912 345 678', '0912345678'],
      ['0912.345.678', '0912345678'],
      ['0912-345-678', '0912345678'],
      ['0209 3123 456', '02093123456'],
    ])('accepts %j and stores digits only (%s)', (phone, digits) => {
      expect(accepted(householdSchema, household({ phone })).phone).toBe(digits);
    });

    it.each(['12345', '+84912345678', '84912345678', '091234567', '091234567890', '09123456ab', ''])(
      'rejects %j with err.phone',
      (phone) => {
        expect(errorsOf(householdSchema, household({ phone }))).toEqual({ phone: 'err.phone' });
      },
    );

    it('phoneSchema on its own normalises and rejects the same way', () => {
      expect(phoneSchema.parse(' 0912 345 678 ')).toBe('0912345678');
      expect(phoneSchema.safeParse('+84912345678').success).toBe(false);
    });
  });

  describe('ID-card numbers in free text (DESIGN §7: never stored)', () => {
    it.each([
      ['notes', 'CCCD 001203004567'],
      ['notes', '001203004567'],
      ['notes', 'CMND 123456789'],
      ['notes', 'số 123456789, cấp 2015'],
      ['notes', 'CCCD 001 203 004 567'],
      ['notes', 'CCCD 001.203.004.567'],
      ['notes', 'CCCD 001-203-004-567'],
      ['notes', 'CMND 123 456 789'],
      ['address', 'Số 12, CCCD 001203004567'],
      ['address', '001 203 004 567'],
    ])('%s %j → err.idNumberInText', (field, text) => {
      expect(errorsOf(householdSchema, household({ [field]: text }))).toEqual({
        [field]: 'err.idNumberInText',
      });
    });

    it.each([
      'Gọi 0912 345 678 buổi tối',
      'Số nhà 120',
      'Có 3 con, cháu út 8 tuổi',
      'Số 1234567890',
      'mã 12345678',
      'mã 1234567890123',
    ])('accepts notes without a 9- or 12-digit run: %j', (notes) => {
      expect(householdSchema.safeParse(household({ notes })).success).toBe(true);
    });

    // An ID number next to other numbers must neither merge with them and escape, nor should
    // unrelated short numbers merge into a false ID.
    it('an ID number followed by an issue date is still rejected', () => {
      expect(errorsOf(householdSchema, household({ notes: 'CMND 123456789 12/5/2020' }))).toEqual({
        notes: 'err.idNumberInText',
      });
    });
    it('an ID number followed by a phone number is still rejected', () => {
      expect(errorsOf(householdSchema, household({ notes: 'CCCD 001203004567 0912345678' }))).toEqual({
        notes: 'err.idNumberInText',
      });
    });
    it('three birth years separated by spaces are not taken for an ID number', () => {
      expect(householdSchema.safeParse(household({ notes: 'Con sinh 2010 2012 2015' })).success).toBe(true);
    });
  });

  describe('ethnic-minority flag (sensitive, needs consent)', () => {
    it('rejects ethnicMinority without ethnicMinorityConsentAt at path ethnicMinority', () => {
      expect(errorsOf(householdSchema, household({ ethnicMinority: true }))).toEqual({
        ethnicMinority: 'err.ethnicNeedsConsent',
      });
    });

    it('rejects an explicit false without consent too (any answer is sensitive)', () => {
      expect(errorsOf(householdSchema, household({ ethnicMinority: false }))).toEqual({
        ethnicMinority: 'err.ethnicNeedsConsent',
      });
    });

    it('accepts the flag with a consent time, and no flag at all', () => {
      expect(
        householdSchema.safeParse(household({ ethnicMinority: true, ethnicMinorityConsentAt: STAMP }))
          .success,
      ).toBe(true);
      expect(householdSchema.safeParse(household()).success).toBe(true);
    });

    it('rejects a consent time that is not an ISO date-time', () => {
      expect(
        errorsOf(householdSchema, household({ ethnicMinority: true, ethnicMinorityConsentAt: '2025-06-01' })),
      ).toEqual({ ethnicMinorityConsentAt: 'err.invalid' });
    });

    it('reports the consent rule alongside other field errors', () => {
      expect(errorsOf(householdSchema, household({ ethnicMinority: true, label: '' }))).toEqual({
        label: 'err.required',
        ethnicMinority: 'err.ethnicNeedsConsent',
      });
    });
  });

  it('householdFields (the form schema, no ids) applies the same rules', () => {
    const { id: _i, villageId: _v, createdAt: _c, updatedAt: _u, ...fields } = household();
    expect(householdFields.safeParse(fields).success).toBe(true);
    expect(errorsOf(householdFields, { ...fields, ethnicMinority: true })).toEqual({
      ethnicMinority: 'err.ethnicNeedsConsent',
    });
    expect(errorsOf(householdFields, { ...fields, notes: 'CCCD 001203004567' })).toEqual({
      notes: 'err.idNumberInText',
    });
  });
});

// ---------------------------------------------------------------- resident

describe('residentSchema', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('accepts a resident with consent and every optional field', () => {
    const r = accepted(residentSchema, resident({ phone: '0912 345 678' }));
    expect(r.phone).toBe('0912345678');
    expect(r.groups).toEqual(['trader']);
  });

  it('accepts a resident without consent carrying only a label and birth year', () => {
    expect(residentSchema.safeParse(residentWithoutConsent()).success).toBe(true);
  });

  it('requires a name, at most 100 characters', () => {
    expect(errorsOf(residentSchema, resident({ name: '  ' }))).toEqual({ name: 'err.required' });
    expect(errorsOf(residentSchema, resident({ name: undefined }))).toEqual({ name: 'err.required' });
    expect(errorsOf(residentSchema, resident({ name: long(101) }))).toEqual({ name: 'err.tooLong' });
    expect(residentSchema.safeParse(resident({ name: long(100) })).success).toBe(true);
  });

  it('requires a household id that is a UUID', () => {
    expect(errorsOf(residentSchema, resident({ householdId: 'hộ 12' }))).toEqual({
      householdId: 'err.invalid',
    });
  });

  describe('birthYear', () => {
    it('accepts 1900 and the current year', () => {
      expect(residentSchema.safeParse(resident({ birthYear: MIN_BIRTH_YEAR })).success).toBe(true);
      const thisYear = new Date().getFullYear();
      expect(residentSchema.safeParse(resident({ birthYear: thisYear })).success).toBe(true);
    });

    it.each([
      ['before 1900', 1899],
      ['a fraction', 1960.5],
      ['a string', '1960'],
      ['missing', undefined],
      ['a full date', 19600101],
    ])('rejects %s with err.birthYear', (_what, birthYear) => {
      expect(errorsOf(residentSchema, resident({ birthYear }))).toEqual({ birthYear: 'err.birthYear' });
    });

    it('leaves "not after this year" to the date rules, judged on the commune’s corrected clock', () => {
      // The schema has no clock of its own (the host's year is wrong on a UTC server on 1 January
      // before 07:00 in Vietnam): it bounds the shape, and date-rules.ts judges the year.
      expect(residentSchema.safeParse(resident({ birthYear: 2031 })).success).toBe(true);
      expect(errorsOf(residentSchema, resident({ birthYear: MAX_BIRTH_YEAR + 1 }))).toEqual({
        birthYear: 'err.birthYear',
      });
      expect(dateIssues({ birthYear: 2031 }, Date.parse('2030-06-15T12:00:00Z'))).toEqual([
        { field: 'birthYear', message: 'err.birthYear' },
      ]);
      expect(dateIssues({ birthYear: 2030 }, Date.parse('2030-06-15T12:00:00Z'))).toEqual([]);
    });
  });

  it.each([
    ['sex', 'unknown'],
    ['sex', 'F'],
    ['hasChipId', 'yes'],
    ['hasSmartphone', 1],
  ])('rejects %s = %j', (field, value) => {
    expect(errorsOf(residentSchema, resident({ [field]: value }))).toEqual({ [field]: 'err.invalid' });
  });

  it('rejects an unknown group (elderly is derived, never stored)', () => {
    expect(errorsOf(residentSchema, resident({ groups: ['farmer'] }))).toEqual({ 'groups.0': 'err.invalid' });
    expect(errorsOf(residentSchema, resident({ groups: ['student', 'elderly'] }))).toEqual({
      'groups.1': 'err.invalid',
    });
  });

  it('requires groups to be an array', () => {
    expect(errorsOf(residentSchema, resident({ groups: undefined }))).toEqual({ groups: 'err.invalid' });
  });

  describe('consent-only fields', () => {
    const consentOnly: Array<[string, unknown]> = [
      ['sex', 'male'],
      ['hasChipId', true],
      ['hasChipId', false],
      ['hasSmartphone', true],
      ['hasSmartphone', false],
      ['simOwnName', true],
      ['phone', '0912345678'],
      ['groups', ['disability']],
    ];

    it('covers every field listed in CONSENT_ONLY_FIELDS', () => {
      const tested = new Set(consentOnly.map(([field]) => field));
      for (const field of CONSENT_ONLY_FIELDS) expect(tested).toContain(field);
    });

    it.each(consentOnly)('without consent, %s = %j → err.needsConsent at that path', (field, value) => {
      expect(errorsOf(residentSchema, residentWithoutConsent({ [field]: value }))).toEqual({
        [field]: 'err.needsConsent',
      });
    });

    it.each(consentOnly)('with WITHDRAWN consent, %s = %j → err.needsConsent', (field, value) => {
      const withdrawn = consent({ purposes: ['phone_contact'], withdrawnAt: '2025-07-01T00:00:00.000Z' });
      expect(
        errorsOf(residentSchema, residentWithoutConsent({ consent: withdrawn, [field]: value })),
      ).toEqual({
        [field]: 'err.needsConsent',
      });
    });

    it.each(consentOnly)('with active consent, %s = %j is accepted', (field, value) => {
      const active = consent({ purposes: ['skills_support', 'phone_contact'] });
      expect(
        residentSchema.safeParse(residentWithoutConsent({ consent: active, [field]: value })).success,
      ).toBe(true);
    });

    it('reports every consent-only field at once', () => {
      const errors = errorsOf(residentSchema, { ...resident(), consent: undefined });
      expect(errors).toEqual({
        sex: 'err.needsConsent',
        hasChipId: 'err.needsConsent',
        hasSmartphone: 'err.needsConsent',
        simOwnName: 'err.needsConsent',
        phone: 'err.needsConsent',
        groups: 'err.needsConsent',
      });
    });

    it('a resident whose consent was withdrawn keeps the consent record if stripped of the rest', () => {
      const withdrawn = consent({ withdrawnAt: '2025-07-01T00:00:00.000Z' });
      expect(residentSchema.safeParse(residentWithoutConsent({ consent: withdrawn })).success).toBe(true);
    });
  });

  describe('phone purpose', () => {
    it('phone with consent but without purpose phone_contact → err.phoneNeedsPurpose', () => {
      const noPhonePurpose = consent({ purposes: ['skills_support', 'progress_report'] });
      expect(errorsOf(residentSchema, resident({ consent: noPhonePurpose }))).toEqual({
        phone: 'err.phoneNeedsPurpose',
      });
    });

    it('phone with purpose phone_contact is accepted; phone format still checked', () => {
      expect(
        residentSchema.safeParse(resident({ consent: consent({ purposes: ['phone_contact'] }) })).success,
      ).toBe(true);
      expect(errorsOf(residentSchema, resident({ phone: '+84912345678' }))).toEqual({ phone: 'err.phone' });
    });

    it('no phone needs no phone purpose', () => {
      expect(
        residentSchema.safeParse(
          resident({ phone: undefined, consent: consent({ purposes: ['skills_support'] }) }),
        ).success,
      ).toBe(true);
    });
  });

  describe('consent record', () => {
    it('empty purposes → err.consentPurpose at consent.purposes', () => {
      expect(
        errorsOf(residentSchema, resident({ phone: undefined, consent: consent({ purposes: [] }) })),
      ).toEqual({
        'consent.purposes': 'err.consentPurpose',
      });
    });

    it('unknown purpose is rejected', () => {
      const bad = { ...consent(), purposes: ['marketing'] };
      expect(errorsOf(consentSchema, bad)).toEqual({ 'purposes.0': 'err.invalid' });
    });

    it.each(['', '   '])('collectedBy %j → err.consentCollector at consent.collectedBy', (collectedBy) => {
      expect(
        errorsOf(residentSchema, resident({ phone: undefined, consent: consent({ collectedBy }) })),
      ).toEqual({
        'consent.collectedBy': 'err.consentCollector',
      });
    });

    it('collectedBy is limited to 100 characters', () => {
      expect(errorsOf(consentSchema, consent({ collectedBy: long(101) }))).toEqual({
        collectedBy: 'err.tooLong',
      });
    });

    it('collectedAt and withdrawnAt must be ISO date-times', () => {
      expect(errorsOf(consentSchema, consent({ collectedAt: '2025-06-01' }))).toEqual({
        collectedAt: 'err.invalid',
      });
      expect(errorsOf(consentSchema, consent({ withdrawnAt: 'hôm nay' }))).toEqual({
        withdrawnAt: 'err.invalid',
      });
    });

    it('hasActiveConsent: none → false, given → true, withdrawn → false', () => {
      expect(hasActiveConsent({})).toBe(false);
      expect(hasActiveConsent({ consent: consent() })).toBe(true);
      expect(hasActiveConsent({ consent: consent({ withdrawnAt: STAMP }) })).toBe(false);
    });
  });

  it('residentFields (the form schema, no ids) applies the consent rules', () => {
    const fields = { householdId: HOUSEHOLD_ID, name: 'Cụ ông', birthYear: 1940, groups: [] };
    expect(residentFields.safeParse(fields).success).toBe(true);
    expect(errorsOf(residentFields, { ...fields, hasSmartphone: true })).toEqual({
      hasSmartphone: 'err.needsConsent',
    });
    expect(
      errorsOf(residentFields, {
        ...fields,
        phone: '0912345678',
        consent: consent({ purposes: ['skills_support'] }),
      }),
    ).toEqual({ phone: 'err.phoneNeedsPurpose' });
  });

  it('fixtures are anchored to the same village', () => {
    expect(accepted(residentSchema, resident()).villageId).toBe(VILLAGE_ID);
  });
});

// ---------------------------------------------------------------- elderly

describe('ageInYear / isElderly', () => {
  it('age is the difference of years (birth year only, no date)', () => {
    expect(ageInYear(1966, 2025)).toBe(59);
    expect(ageInYear(1965, 2025)).toBe(60);
    expect(ageInYear(2025, 2025)).toBe(0);
  });

  it('59 is not elderly, 60 is', () => {
    expect(ELDERLY_AGE).toBe(60);
    expect(isElderly(1966, 2025)).toBe(false);
    expect(isElderly(1965, 2025)).toBe(true);
    expect(isElderly(1930, 2025)).toBe(true);
  });

  it('the same person becomes elderly in the year they turn 60', () => {
    expect(isElderly(1966, 2025)).toBe(false);
    expect(isElderly(1966, 2026)).toBe(true);
  });
});
