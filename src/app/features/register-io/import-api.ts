import type { DuplicateChoice } from '../../../core/import/duplicates';
import type { SkippedRows } from '../../../core/import/layout';
import type { DroppedValues, RowIssue } from '../../../core/import/plan';
import {
  type HouseholdUpdate,
  type ImportWrite,
  type NewHousehold,
  resolveImport,
  writeCounts,
} from '../../../core/import/resolve';
import {
  type ImportPreview,
  ImportSession,
  type OpenedWorkbook,
  type PreviewRequest,
} from './import-pipeline';
import { UnreadableFileError } from './read-workbook';

export type OpenResult =
  | { ok: true; workbook: OpenedWorkbook }
  | { ok: false; reason: UnreadableFileError['reason'] };

/** Issues sent to the page at most: a broken file can have one per row, and the page shows a page. */
export const MAX_ISSUES_SENT = 500;
/** Households of the write set listed in the preview. */
export const SHOWN_HOUSEHOLDS = 100;

/** A look-alike group as the preview shows it. */
export interface GroupSummary {
  key: string;
  label: string;
  lane?: string;
  /** The Excel rows of the file's households in the group. */
  rows: number[];
  /** The register already has this household. */
  existing: boolean;
}

/**
 * The preview as the page receives it (issue 17, item 4): everything it shows, and no more. The
 * households themselves (thousands, each with its people) stay in the worker: copying them to the
 * page held it for 100–150 ms on a 4× slower CPU (npm run bench, import).
 */
export interface PreviewSummary {
  issues: RowIssue[];
  issueCount: number;
  errorRows: number;
  dropped: DroppedValues;
  datesToYears: number;
  refusedColumns: ImportPreview['refusedColumns'];
  skipped: SkippedRows;
  rowsRead: number;
  groups: GroupSummary[];
}

/** What the user's choices make of the preview: the counts and the first households to be created. */
export interface ResolvedSummary {
  counts: ReturnType<typeof writeCounts>;
  skipped: ImportWrite['skipped'];
  merged: number;
  unchanged: number;
  shown: Array<{ key: string; label: string; lane?: string; address?: string; residents: number }>;
}

/** What the page asks of the import worker (comlink passes these calls and their answers). */
export interface ImportWorkerApi {
  /** Reads a file; its bytes are transferred, not copied. */
  open(bytes: Uint8Array): Promise<OpenResult>;
  /** Checks the file under a mapping; the plan stays in the worker, resolved with no choices made. */
  preview(request: PreviewRequest): Promise<PreviewSummary>;
  /** The write set for these choices (kept in the worker for `writeSlice`). */
  resolve(choices: Readonly<Record<string, DuplicateChoice>>): Promise<ResolvedSummary>;
  /** A slice of the current write set, for the page to store piece by piece. */
  writeSlice(
    part: 'create' | 'update',
    start: number,
    count: number,
  ): Promise<NewHousehold[] | HouseholdUpdate[]>;
}

function summarise(write: ImportWrite): ResolvedSummary {
  return {
    counts: writeCounts(write),
    skipped: write.skipped,
    merged: write.merged,
    unchanged: write.unchanged,
    shown: write.create.slice(0, SHOWN_HOUSEHOLDS).map(({ household: h, residents }) => ({
      key: h.key,
      label: h.label,
      ...(h.lane ? { lane: h.lane } : {}),
      ...(h.address ? { address: h.address } : {}),
      residents: residents.length,
    })),
  };
}

/**
 * The worker's side, also used as is by tests that have no Worker (jsdom): the same object, called
 * directly. Failures that are the file's fault come back as `{ ok: false, reason }`.
 */
export function importWorkerApi(): ImportWorkerApi {
  const session = new ImportSession();
  let preview: ImportPreview | undefined;
  let registerResidents: PreviewRequest['register']['residents'] = [];
  let write: ImportWrite | undefined;
  return {
    async open(bytes) {
      preview = undefined;
      write = undefined;
      try {
        const workbook = session.open(bytes);
        if (!workbook.sheets.some((s) => s.layout)) return { ok: false, reason: 'no_table' };
        return { ok: true, workbook };
      } catch (error) {
        if (error instanceof UnreadableFileError) return { ok: false, reason: error.reason };
        throw error;
      }
    },
    async preview(request) {
      preview = session.preview(request);
      registerResidents = request.register.residents;
      write = undefined;
      const byKey = new Map(preview.households.map((h) => [h.key, h]));
      const errors = preview.issues.filter((i) => i.severity === 'error');
      // Errors first: they are what stops rows; warnings say what was assumed.
      const ordered = [...errors, ...preview.issues.filter((i) => i.severity !== 'error')];
      return {
        issues: ordered.slice(0, MAX_ISSUES_SENT),
        issueCount: preview.issues.length,
        errorRows: new Set(errors.map((i) => `${i.sheet}!${i.row}`)).size,
        dropped: preview.dropped,
        datesToYears: preview.datesToYears,
        refusedColumns: preview.refusedColumns,
        skipped: preview.skipped,
        rowsRead: preview.rowsRead,
        groups: preview.groups.map((g) => {
          const first = byKey.get(g.households[0] as string);
          return {
            key: g.key,
            label: first?.label ?? '',
            ...(first?.lane ? { lane: first.lane } : {}),
            rows: g.households.map((k) => byKey.get(k)?.source.row ?? 0),
            existing: g.existing !== undefined,
          };
        }),
      };
    },
    async resolve(choices) {
      if (!preview) throw new Error('resolve before preview');
      write = resolveImport(preview.households, preview.groups, choices, registerResidents);
      return summarise(write);
    },
    async writeSlice(part, start, count) {
      if (!write) throw new Error('writeSlice before resolve');
      return part === 'create'
        ? write.create.slice(start, start + count)
        : write.update.slice(start, start + count);
    },
  };
}
