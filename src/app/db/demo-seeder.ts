import { generateDemoData } from '../../core/demo-data';
import { newId } from '../../core/ids';
import { communeNowMs } from '../state/commune-clock';
import { getDb, householdSearchText, residentSearchText } from './database';
import { writeNewRows } from './record-writer';

/**
 * Writes the demo register and its field work one village per transaction (a village is there whole
 * or not at all), reporting progress so the UI can show it: ~20,000 rows on a cheap phone take a few
 * seconds. Demo villages never sync (the sync engine skips their outbox entries).
 */
export async function seedDemoData(
  collectedBy: string,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const db = getDb();
  const villages = generateDemoData({ now: new Date(communeNowMs()), newId, collectedBy });
  let done = 0;
  for (const v of villages) {
    await writeNewRows(db, [
      { table: 'villages', rows: [v.village] },
      { table: 'households', rows: v.households.map((h) => ({ ...h, search: householdSearchText(h) })) },
      { table: 'residents', rows: v.residents.map((r) => ({ ...r, search: residentSearchText(r) })) },
      { table: 'visits', rows: v.visits },
      { table: 'assists', rows: v.assists },
      { table: 'classes', rows: v.classes },
      { table: 'attendance', rows: v.attendance },
    ]);
    done++;
    onProgress?.(done, villages.length);
  }
  return villages.length;
}
