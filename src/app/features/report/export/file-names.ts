/**
 * File names of the quarterly report's exports (issue 19, item 5): Vietnamese without diacritics,
 * lower case, words joined by "-", so they survive e-mail, Zalo and any PC's file system, and sort by
 * quarter: `bao-cao-quy-4-2025-xa-thuong-quan.xlsx`, `bao-cao-quy-4-2025-thon-na-mo-v2.docx`.
 */

import type { QuarterReport } from '../../../../core/report/types';
import { foldForSearch } from '../../../../core/search';

export type ReportExportFormat = 'xlsx' | 'docx' | 'csv';

/** What a name folds to when nothing of it is left ("!!!"): the level in words. */
const LEVEL_WORD: Record<QuarterReport['level'], string> = { commune: 'xa', village: 'thon', unit: 'don-vi' };

/** "Thôn Nà Mọ" → "thon-na-mo", "Đoàn Thanh niên" → "doan-thanh-nien" (đ → d). */
export function fileSlug(name: string): string {
  return foldForSearch(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * `bao-cao-quy-<q>-<year>-<scope>[-v<version>].<ext>`: the scope is the report's `scopeName` folded
 * ("xã Thượng Quan" → "xa-thuong-quan"); a correction (version > 1) gets "-v2", "-v3"….
 */
export function reportFileName(report: QuarterReport, ext: ReportExportFormat): string {
  const scope = fileSlug(report.scopeName) || LEVEL_WORD[report.level];
  const version = report.version > 1 ? `-v${report.version}` : '';
  return `bao-cao-quy-${report.quarter}-${report.year}-${scope}${version}.${ext}`;
}
