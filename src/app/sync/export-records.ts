/**
 * Exports made while the server could not record them (a village's register downloaded offline,
 * issue 17; any report's export, issue 19): kept on the phone and sent to POST /api/exports by the next sync, so the audit log of
 * DESIGN §7 misses none. The server stamps them when they arrive.
 */
import { getDb } from '../db/database';
import { ApiFailure, apiRequest } from './api-client';

const PENDING_KEY = 'pendingExportRecords';

/** The bodies POST /api/exports takes (src/server/routes/exports.ts): a register's export… */
export interface RegisterExportRecord {
  scope: 'village' | 'commune';
  villageIds: string[];
  format: 'xlsx' | 'csv';
  households: number;
  residents: number;
}

/** …or a quarterly report's (issue 19, item 6), made offline as readily as online. */
export interface ReportExportRecord {
  kind: 'report';
  level: 'village' | 'unit' | 'commune';
  scopeId: string;
  period: string;
  version: number;
  format: 'xlsx' | 'docx' | 'csv' | 'print';
  exportedAt: string;
}

export type ExportRecordBody = RegisterExportRecord | ReportExportRecord;

async function pending(): Promise<ExportRecordBody[]> {
  return ((await getDb().meta.get(PENDING_KEY))?.value as ExportRecordBody[] | undefined) ?? [];
}

/** Keeps a record the server did not take, for the next sync. */
export async function queueExportRecord(record: ExportRecordBody): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: PENDING_KEY, value: [...(await pending()), record] });
  });
}

/**
 * Sends the records kept, oldest first. One the server refuses for good (4xx other than a login
 * asked for) is dropped, as it would be refused again; a network failure or a 5xx stops, to try
 * at the next sync. Throws nothing: the register's sync goes on either way.
 */
export async function sendExportRecords(token: string): Promise<void> {
  const db = getDb();
  for (;;) {
    const [first] = await pending();
    if (!first) return;
    try {
      await apiRequest('/api/exports', { token, body: first });
    } catch (error) {
      if (!(error instanceof ApiFailure) || error.status < 400 || error.status >= 500 || error.needsLogin)
        return;
    }
    await db.transaction('rw', db.meta, async () => {
      const [, ...rest] = await pending();
      await db.meta.put({ key: PENDING_KEY, value: rest });
    });
  }
}
