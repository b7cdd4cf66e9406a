import { useT } from '../../i18n/i18n';
import { useVillage } from './use-village';

/** The village's name with an unmistakable badge when it is demo data. */
export function VillageTitle({ villageId }: { villageId: string }) {
  const t = useT();
  const village = useVillage(villageId);
  if (!village) return null;
  return (
    <p className="village-title">
      {village.name}
      {village.demo && <span className="badge demo">{t('app.demoBadge')}</span>}
    </p>
  );
}
