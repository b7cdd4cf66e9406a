import { generateDemoData } from '../../core/demo-data';
import { newId } from '../../core/ids';
import { getDb, householdSearchText, residentSearchText } from './database';
import { writeNewRows } from './record-writer';

/**
 * Writes the demo register one village per transaction, reporting progress so the UI can show it:
 * ~10,000 rows on a cheap phone take a few seconds.
 */
export async function seedDemoData(
  collectedBy: string,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const db = getDb();
  const villages = generateDemoData({ now: new Date(), newId, collectedBy });
  let done = 0;
  for (const v of villages) {
    await writeNewRows(db, [
      { table: 'villages', rows: [v.village] },
      { table: 'households', rows: v.households.map((h) => ({ ...h, search: householdSearchText(h) })) },
      { table: 'residents', rows: v.residents.map((r) => ({ ...r, search: residentSearchText(r) })) },
    ]);
    done++;
    onProgress?.(done, villages.length);
  }
  return villages.length;
}
