/**
 * The import's work from file to preview (issue 17, items 1–4), in one object that the import worker
 * holds between steps: the workbook is read once, then previewed again each time the user changes the
 * column mapping or a sheet's village. Everything here is plain computation; the worker runs it off
 * the page so the screen never freezes (import.worker.ts).
 */
import type { ColumnMapping } from '../../../core/import/column-mapping';
import {
  type DuplicateGroup,
  findDuplicateHouseholds,
  type RegisterHousehold,
  type RegisterResident,
} from '../../../core/import/duplicates';
import { extractRows, findLayout, type SheetLayout, type SkippedRows } from '../../../core/import/layout';
import { convertLegacy, detectLegacyEncoding } from '../../../core/import/legacy-vietnamese';
import { type ImportPlan, planSheets } from '../../../core/import/plan';
import type { LegacyEncoding, SheetGrid, WorkbookInfo } from '../../../core/import/types';
import { readWorkbook } from './read-workbook';

/** A sheet as the preview first shows it. */
export interface OpenedSheet {
  name: string;
  /** The table found, with the proposed mapping; absent for a sheet without one (notes, empty). */
  layout?: SheetLayout;
  /** Legacy text found and converted, with a few examples of before → after. */
  legacy?: { encoding: LegacyEncoding; samples: Array<{ before: string; after: string }>; cells: number };
  /** Rows under the header, before blank and subtotal rows are left out. */
  rowsBelowHeader: number;
  hidden?: boolean;
}

export interface OpenedWorkbook {
  info: WorkbookInfo;
  sheets: OpenedSheet[];
}

export interface PreviewRequest {
  sheets: Array<{ name: string; columns: ColumnMapping[]; villageId: string }>;
  villages: ReadonlyArray<{ id: string; name: string; code: string }>;
  currentYear: number;
  register: { households: RegisterHousehold[]; residents: RegisterResident[] };
}

export interface ImportPreview extends ImportPlan {
  groups: DuplicateGroup[];
  skipped: SkippedRows;
  /** ID-card columns left unread, per sheet (DESIGN §7). */
  refusedColumns: Array<{ sheet: string; header: string }>;
  rowsRead: number;
}

const SAMPLE_CELLS = 400;

/** Converts a sheet's text from TCVN3 or VNI when it is in one (legacy-vietnamese.ts), in place. */
function convertSheet(grid: SheetGrid): OpenedSheet['legacy'] {
  const texts: string[] = [];
  for (const row of grid.rows) {
    for (const cell of row) if (typeof cell === 'string' && cell.trim() !== '') texts.push(cell);
    if (texts.length >= SAMPLE_CELLS) break;
  }
  const encoding = detectLegacyEncoding(texts);
  if (!encoding) return undefined;
  const samples: Array<{ before: string; after: string }> = [];
  let cells = 0;
  for (const row of grid.rows) {
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (typeof cell !== 'string') continue;
      const after = convertLegacy(cell, encoding);
      if (after === cell) continue;
      cells++;
      if (samples.length < 5 && /\p{L}{2}/u.test(after)) samples.push({ before: cell, after });
      row[c] = after;
    }
  }
  return { encoding, samples, cells };
}

export class ImportSession {
  private grids: SheetGrid[] = [];
  private layouts = new Map<string, SheetLayout>();

  /**
   * Reads the file, converts legacy Vietnamese text and finds each sheet's table. Throws
   * UnreadableFileError (read-workbook.ts), or with reason `no_table` when no sheet has a list.
   */
  open(bytes: Uint8Array): OpenedWorkbook {
    const { info, sheets } = readWorkbook(bytes);
    this.grids = sheets;
    this.layouts.clear();
    const opened: OpenedSheet[] = sheets.map((grid) => {
      const legacy = convertSheet(grid);
      const layout = findLayout(grid);
      if (layout) this.layouts.set(grid.name, layout);
      return {
        name: grid.name,
        ...(layout ? { layout } : {}),
        ...(legacy ? { legacy } : {}),
        rowsBelowHeader: layout ? Math.max(0, grid.rows.length - layout.dataStart) : 0,
        ...(grid.hidden ? { hidden: true } : {}),
      };
    });
    return { info, sheets: opened };
  }

  /** The households, issues and look-alike groups for a mapping (nothing is written here). */
  preview(request: PreviewRequest): ImportPreview {
    const skipped: SkippedRows = { blank: 0, subtotal: 0, footer: 0, section: 0 };
    const refusedColumns: ImportPreview['refusedColumns'] = [];
    const inputs = [];
    let rowsRead = 0;
    for (const s of request.sheets) {
      const grid = this.grids.find((g) => g.name === s.name);
      const layout = this.layouts.get(s.name);
      if (!grid || !layout) continue;
      for (const c of s.columns)
        if (c.field === 'idNumber') refusedColumns.push({ sheet: s.name, header: c.header });
      const { rows, skipped: left } = extractRows(grid, layout, s.columns);
      rowsRead += rows.length;
      for (const k of Object.keys(skipped) as Array<keyof SkippedRows>) skipped[k] += left[k];
      inputs.push({ sheet: s.name, rows, columns: s.columns, villageId: s.villageId });
    }
    const plan = planSheets(inputs, { currentYear: request.currentYear, villages: request.villages });
    const groups = findDuplicateHouseholds(plan.households, request.register.households);
    return { ...plan, groups, skipped, refusedColumns, rowsRead };
  }
}
