/**
 * The demo generator's villages (core/demo-data.ts) as the indicators' rows, and how many records they
 * are: the data set of the dashboard's and the report's bench pages.
 */
import type { generateDemoData } from '../../src/core/demo-data';
import type { IndicatorRows } from '../../src/core/indicators/types';

export function demoIndicatorRows(generated: ReturnType<typeof generateDemoData>): {
  rows: IndicatorRows;
  records: number;
} {
  const rows: IndicatorRows = {
    villages: generated.map((g) => g.village),
    households: generated.flatMap((g) => g.households),
    residents: generated.flatMap((g) => g.residents),
    visits: generated.flatMap((g) => g.visits),
    // The demo's assists carry no clocks: their creation time orders them as well.
    assists: generated.flatMap((g) => g.assists.map((a) => ({ ...a, hlc: a.createdAt }))),
    classes: generated.flatMap((g) => g.classes),
    attendance: generated.flatMap((g) => g.attendance),
    targets: [],
  };
  const records =
    rows.villages.length +
    rows.households.length +
    rows.residents.length +
    rows.visits.length +
    rows.assists.length +
    rows.classes.length +
    rows.attendance.length;
  return { rows, records };
}
