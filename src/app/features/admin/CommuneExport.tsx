import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db/database';
import { ExportPanel } from '../register-io/ExportPanel';

/** The whole commune's register as one file (issue 17, item 6), for commune officers. */
export function CommuneExport() {
  const villageIds = useLiveQuery(
    async () => (await getDb().villages.toArray()).filter((v) => !v.deletedAt && !v.demo).map((v) => v.id),
    [],
  );
  if (!villageIds || villageIds.length === 0) return null;
  return <ExportPanel villageIds={villageIds} scope="commune" />;
}
