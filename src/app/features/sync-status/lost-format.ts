/**
 * Words for a value the person typed that lost to a teammate's concurrent edit (issue 15), in the
 * shape of "Ghi chú của hộ Lò Văn Pằng: bạn sửa thành 'Hẹn chiều' lúc 10:05, nhưng một người khác
 * đã sửa sau thành 'Hẹn sáng mai'. Tổ trưởng hoặc cán bộ xã sẽ xem lại." Her value is the one she typed, kept in
 * the notice; the other is what her phone holds now, the winner's after the pull.
 */
import type { FieldValue, SyncedTable } from '../../../core/changes';
import { formatCommuneTime } from '../../../core/dates';
import { parseHlc } from '../../../core/hlc';
import { getDb, type LostEdit } from '../../db/database';
import type { MessageKey, Translate } from '../../i18n/i18n';
import { formatDay } from '../classes/class-format';
import { fieldLabel, typedValues } from './rejected-format';

type Row = Record<string, unknown> | undefined;

/** The record a notice is about, as the phone has it now: its row, a name to call it by, a link. */
export interface LostRecord {
  row: Row;
  /** The name inside the record's words (a household's label, a person's name, a class's day). */
  name: string | undefined;
  href: string | undefined;
}

async function rowOf(table: SyncedTable, id: unknown): Promise<Row> {
  if (typeof id !== 'string') return undefined;
  return (await getDb().table(table).get(id)) as Row;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Reads the notice's row and what names it: a visit by its household, a step by its person. */
export async function lostRecord(
  notice: Pick<LostEdit, 'table' | 'rowId' | 'villageId'>,
): Promise<LostRecord> {
  const { table, rowId, villageId } = notice;
  const row = await rowOf(table, rowId);
  const village = `/v/${villageId}`;
  const household = text(row?.householdId);
  switch (table) {
    case 'villages':
      // The one village field a team writes is its walking order, set in the round (issue 15).
      return { row, name: text(row?.name), href: `${village}/round` };
    case 'households':
      return { row, name: text(row?.label), href: `${village}/h/${rowId}` };
    case 'residents':
      return { row, name: text(row?.name), href: household && `${village}/h/${household}/r/${rowId}` };
    case 'visits':
      return {
        row,
        name: text((await rowOf('households', household))?.label),
        href: household && `${village}/h/${household}`,
      };
    case 'assists': {
      const person = text(row?.residentId);
      return {
        row,
        name: text((await rowOf('residents', person))?.name),
        href: household && person && `${village}/h/${household}/r/${person}/skills`,
      };
    }
    case 'classes':
      return {
        row,
        name: text(row?.date) && formatDay(row?.date as string),
        href: `${village}/classes/${rowId}`,
      };
    case 'attendance': {
      const classId = text(row?.classId);
      const day = text((await rowOf('classes', classId))?.date);
      return { row, name: day && formatDay(day), href: classId && `${village}/classes/${classId}` };
    }
    case 'targets':
      // Commune rows: a target is named by its indicator and year on the targets screen.
      return {
        row,
        name: text(row?.code) && `${String(row?.code)} ${String(row?.year)}`,
        href: '/dashboard/targets',
      };
    case 'reportingUnits':
      return { row, name: text(row?.name), href: `/units/${rowId}` };
    case 'unitFigures':
      // A unit's rows live under the unit's id (scope.ts): its page is that id's.
      return { row, name: text(row?.period), href: `/units/${villageId}` };
    case 'activities':
      return {
        row,
        name: text(row?.date) && formatDay(row?.date as string),
        href: `/activities/${villageId}`,
      };
    case 'reports':
      return {
        row,
        name: text(row?.period),
        href: text(row?.period) && `/reports/${villageId}/${String(row?.period)}`,
      };
    case 'lessonCards': {
      const title = row?.title as { vi?: unknown } | undefined;
      return { row, name: text(title?.vi), href: text(row?.key) && `/lessons/${String(row?.key)}` };
    }
  }
}

/** A value as the forms show it; '' for an empty one, undefined for one that has no words (a list of objects). */
function shown(
  t: Translate,
  table: SyncedTable,
  field: string,
  value: FieldValue | undefined,
): string | undefined {
  if (value === null || value === undefined || value === '') return '';
  return typedValues(t, table, { [field]: value })[0]?.value;
}

/** The notice in words, one sentence ending with who reviews it. */
export function lostSentence(t: Translate, notice: LostEdit, record: LostRecord): string {
  const name = record.name;
  const recordWords = name
    ? t(`lost.record.${notice.table}` as MessageKey, { name })
    : t('lost.record.unknown');
  const time = formatCommuneTime(new Date(parseHlc(notice.hlc).wall));
  const review = t('lost.review');
  if (notice.field === 'deletedAt') {
    // Her edit landed on a row deleted meanwhile (her side: null), or her delete was undone.
    const key = notice.value === null || notice.value === undefined ? 'lost.deleted' : 'lost.kept';
    return `${t(key, { record: recordWords, time })} ${review}`;
  }
  const field = fieldLabel(t, notice.table, notice.field);
  const mine = shown(t, notice.table, notice.field, notice.value);
  const theirs = shown(t, notice.table, notice.field, record.row?.[notice.field] as FieldValue | undefined);
  const first =
    mine === undefined
      ? t('lost.mineChanged', { field, record: recordWords, time })
      : mine === ''
        ? t('lost.mineEmpty', { field, record: recordWords, time })
        : t('lost.mine', { field, record: recordWords, time, value: mine });
  const second =
    theirs === undefined
      ? t('lost.theirsChanged')
      : theirs === ''
        ? t('lost.theirsEmpty')
        : t('lost.theirs', { value: theirs });
  return `${first}${second} ${review}`;
}
