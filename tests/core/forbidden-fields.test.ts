/**
 * Every free-text field of every record refuses ID numbers, OTPs and passwords (issue 14, kind 6),
 * through the rules the server applies to a pushed change (field-rules.ts, derived from the same
 * schemas the phone's forms use). The list of fields is checked against the schemas, so a new text
 * field cannot be added without this test noticing it.
 */
import { describe, expect, it } from 'vitest';
import { type FieldValue, SYNCED_TABLES, type SyncedTable } from '../../src/core/changes';
import { lessonCardFields } from '../../src/core/lessons/card';
import {
  activityFields,
  assistFieldsBase,
  attendanceFields,
  classFields,
  consentSchema,
  householdFieldsBase,
  officialCountsSchema,
  reportFields,
  reportingUnitFields,
  residentFieldsBase,
  targetFields,
  unitFiguresFields,
  villageFields,
  visitFieldsBase,
} from '../../src/core/schemas';
import { checkChangeFields } from '../../src/core/sync/field-rules';
import { STAMP } from './fixtures';

const SHAPES: Record<SyncedTable, Record<string, { safeParse(value: unknown): { success: boolean } }>> = {
  villages: villageFields.shape,
  households: householdFieldsBase.shape,
  residents: residentFieldsBase.shape,
  visits: visitFieldsBase.shape,
  assists: assistFieldsBase.shape,
  classes: classFields.shape,
  attendance: attendanceFields.shape,
  targets: targetFields.shape,
  reportingUnits: reportingUnitFields.shape,
  unitFigures: unitFiguresFields.shape,
  activities: activityFields.shape,
  reports: reportFields.shape,
  lessonCards: lessonCardFields.shape,
};

/** Each free-text field, and how a text is put into it (a list of names, a field of an object). */
const TEXT_FIELDS: ReadonlyArray<readonly [SyncedTable, string, (text: string) => FieldValue]> = [
  ['villages', 'name', (t) => t],
  ['villages', 'code', (t) => t],
  ['villages', 'official.source', (t) => ({ households: 120, source: t })],
  ['villages', 'laneOrder', (t) => ['Xóm Nà', t]],
  ['households', 'label', (t) => t],
  ['households', 'lane', (t) => t],
  ['households', 'address', (t) => t],
  ['households', 'notes', (t) => t],
  ['residents', 'name', (t) => t],
  [
    'residents',
    'consent.collectedBy',
    (t) => ({ purposes: ['skills_support'], collectedBy: t, collectedAt: STAMP }),
  ],
  ['visits', 'members', (t) => ['Lục Thị Hoa', t]],
  ['visits', 'notes', (t) => t],
  ['assists', 'failReason', (t) => t],
  ['assists', 'by', (t) => t],
  ['classes', 'venue', (t) => t],
  ['classes', 'trainer', (t) => t],
  ['classes', 'notes', (t) => t],
  ['reportingUnits', 'name', (t) => t],
  ['reportingUnits', 'notes', (t) => t],
  ['unitFigures', 'results', (t) => t],
  ['unitFigures', 'difficulties', (t) => t],
  ['unitFigures', 'enteredBy', (t) => t],
  ['activities', 'title', (t) => t],
  ['activities', 'notes', (t) => t],
  ['activities', 'recordedBy', (t) => t],
  ...Array.from({ length: 20 }, (_, i) => ['reports', `task${i + 1}`, (t: string) => t] as const),
  ['reports', 'difficulties', (t) => t],
  ['reports', 'proposals', (t) => t],
  ['reports', 'submittedBy', (t) => t],
  ['reports', 'issuingBody', (t) => t],
  ['reports', 'superiorBody', (t) => t],
  ['reports', 'docNumber', (t) => t],
  ['reports', 'place', (t) => t],
  ['reports', 'signerTitle', (t) => t],
  ['reports', 'signerName', (t) => t],
  ['reports', 'recipients', (t) => t],
  // A frozen snapshot is pushed whole: a text deep inside it is checked too.
  ['reports', 'snapshot.tasks', (t) => ({ tasks: [{ no: 1, result: t }] })],
  // A lesson card's texts, in both languages, and the words it is found by (issue 20).
  ['lessonCards', 'title.vi', (t) => ({ vi: t, en: 'Install VNeID' })],
  ['lessonCards', 'summary.en', (t) => ({ vi: 'Cài VNeID', en: t })],
  [
    'lessonCards',
    'steps.vi',
    (t) => [
      { vi: 'Mở CH Play', en: 'Open Google Play' },
      { vi: t, en: 'Search' },
      { vi: 'Bấm Cài đặt', en: 'Tap Install' },
    ],
  ],
  ['lessonCards', 'warnings.vi', (t) => [{ vi: t, en: 'Never share it' }]],
  ['lessonCards', 'keywords', (t) => ['cai vneid', t]],
  ['lessonCards', 'reasonWords', (t) => [t]],
  ['lessonCards', 'sources.title', (t) => [{ title: t, url: 'https://dichvucong.gov.vn' }]],
  [
    'lessonCards',
    'officialLinks.label',
    (t) => [{ kind: 'web', url: 'https://dichvucong.gov.vn', label: { vi: t, en: 'Portal' } }],
  ],
];

// Short enough for the shortest field (a village code, 20 characters).
const FORBIDDEN = [
  ['CCCD 0012 0300 4567', 'err.idNumberInText'],
  ['Mã OTP: 482913', 'err.otpInText'],
  ['mk VNeID: abc123', 'err.passwordInText'],
] as const;

const topField = (path: string) => path.split('.')[0] ?? path;

describe('free text refuses forbidden data in every field (DESIGN §7, issue 14 kind 6)', () => {
  it('the list names every field that takes free text, including inside objects', () => {
    const found: string[] = [];
    for (const table of SYNCED_TABLES) {
      for (const [field, schema] of Object.entries(SHAPES[table])) {
        if (schema.safeParse('Nguyễn Văn Lan').success || schema.safeParse(['Nguyễn Văn Lan']).success)
          found.push(`${table}.${field}`);
      }
    }
    // Objects holding text: the village's official counts and a resident's consent.
    expect(officialCountsSchema.shape.source.safeParse('Nguyễn Văn Lan').success).toBe(true);
    expect(consentSchema.shape.collectedBy.safeParse('Nguyễn Văn Lan').success).toBe(true);
    expect(reportFields.shape.snapshot.safeParse({ tasks: [{ result: 'Nguyễn Văn Lan' }] }).success).toBe(
      true,
    );
    const card = lessonCardFields.shape;
    const both = { vi: 'Nguyễn Văn Lan', en: 'Nguyễn Văn Lan' };
    expect(card.title.safeParse(both).success && card.summary.safeParse(both).success).toBe(true);
    expect(card.steps.safeParse([both, both, both]).success && card.warnings.safeParse([both]).success).toBe(
      true,
    );
    expect(card.sources.safeParse([{ title: 'Nguyễn Văn Lan', url: 'https://a.gov.vn' }]).success).toBe(true);
    expect(
      card.officialLinks.safeParse([{ kind: 'web', url: 'https://a.gov.vn', label: both }]).success,
    ).toBe(true);
    found.push(
      'villages.official',
      'residents.consent',
      'reports.snapshot',
      'lessonCards.title',
      'lessonCards.summary',
      'lessonCards.steps',
      'lessonCards.warnings',
      'lessonCards.sources',
      'lessonCards.officialLinks',
    );
    expect(new Set(found)).toEqual(new Set(TEXT_FIELDS.map(([table, path]) => `${table}.${topField(path)}`)));
  });

  const cases = TEXT_FIELDS.flatMap(([table, path, put]) =>
    FORBIDDEN.map(([text, message]) => [table, path, text, message, put] as const),
  );
  it.each(cases)('%s.%s refuses %j with %s', (table, path, text, message, put) => {
    const result = checkChangeFields(table, { [topField(path)]: put(text) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      { field: topField(path), code: 'invalid_value', message: `"${topField(path)}": ${message}` },
    ]);
  });

  // A tester's bypasses of the first check: each was stored as pushed notes; the field's own
  // normalising (a tab becomes a space, CRLF a line break) runs before the check.
  it.each([
    ['001203\r\n004567', 'err.idNumberInText'],
    ['0012,0300,4567', 'err.idNumberInText'],
    ['123-45-6789', 'err.idNumberInText'],
    ['0012 (0300) 4567', 'err.idNumberInText'],
    ['0012\u31640300\u31644567', 'err.idNumberInText'],
    ['Mã OTP\r\n482913', 'err.otpInText'],
    ['0TP: 482913', 'err.otpInText'],
    ['password\tabc', 'err.passwordInText'],
    ['mật_khẩu abc123', 'err.passwordInText'],
    ['PIN: 1234', 'err.passwordInText'],
  ] as const)('households.notes refuses the bypass %j with %s', (text, message) => {
    const result = checkChangeFields('households', { notes: text });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.message)).toEqual([`"notes": ${message}`]);
  });

  it.each(TEXT_FIELDS)('%s.%s still takes ordinary text with numbers in it', (table, path, put) => {
    expect(checkChangeFields(table, { [topField(path)]: put('Sinh 2010 2012 2015') }).ok).toBe(true);
    expect(checkChangeFields(table, { [topField(path)]: put('Gọi 0912 345 678') }).ok).toBe(true);
  });
});
