import { useState } from 'react';
import { Link } from 'wouter';
import { COMMUNE_OFFICE_ID } from '../../../core/sync/scope';
import type { ReportingUnitRow } from '../../db/database';
import { type Translate, useT } from '../../i18n/i18n';
import { useSession } from '../../sync/session';
import { useLocalVillages } from '../admin/use-local-villages';
import { UnitForm } from './UnitForm';
import { seesUnit, useUnits } from './use-units';
import './units.css';

type Mode = { kind: 'list' } | { kind: 'new' } | { kind: 'edit'; id: string };

/**
 * "Đơn vị báo cáo" (issue 19 item 1; plan VI.8): the units that report each quarter, each linking to
 * its quarter's figures. Commune officers add, edit and delete them here; teams read the list; a
 * unit's account sees its own unit only.
 */
export default function UnitsPage() {
  const t = useT();
  const user = useSession((s) => s.session?.user);
  const canEdit = user?.role === 'commune';
  const units = useUnits();
  const villages = useLocalVillages();
  const [mode, setMode] = useState<Mode>({ kind: 'list' });

  if (!units) return <p>{t('app.loading')}</p>;
  const shown = user?.role === 'unit' ? units.filter((u) => seesUnit(user, u.id)) : units;
  const villageName = new Map(villages?.map((v) => [v.id, v.name]));
  const backToList = () => setMode({ kind: 'list' });

  return (
    <section className="units-page">
      <h1>{t('units.title')}</h1>
      <p className="hint">{t('units.intro')}</p>
      {canEdit && (
        <p className="header-links">
          <Link href={`/activities/${COMMUNE_OFFICE_ID}`}>{t('units.officeActivities')}</Link>
        </p>
      )}
      {user?.role !== 'unit' && !canEdit && <p className="notice">{t('units.readOnly')}</p>}
      {canEdit && mode.kind === 'new' && <UnitForm onDone={backToList} />}
      {canEdit && mode.kind !== 'new' && (
        <button type="button" className="button primary wide" onClick={() => setMode({ kind: 'new' })}>
          + {t('units.add')}
        </button>
      )}
      {shown.length === 0 ? (
        <p className="empty">{t(canEdit ? 'units.emptyCommune' : 'units.empty')}</p>
      ) : (
        <ul className="list" data-testid="unit-list">
          {shown.map((unit) => (
            <li key={unit.id} className="unit-row" data-testid={`unit-${unit.id}`}>
              {mode.kind === 'edit' && mode.id === unit.id ? (
                <UnitForm key={unit.id} unit={unit} onDone={backToList} />
              ) : (
                <div className="unit-line">
                  <Link href={`/units/${unit.id}`} className="list-item">
                    <span className="item-title">{unit.name}</span>
                    <span className="item-meta">{unitMeta(t, unit, villageName)}</span>
                  </Link>
                  {canEdit && (
                    <button
                      type="button"
                      className="button"
                      aria-label={t('units.editLabel', { name: unit.name })}
                      onClick={() => setMode({ kind: 'edit', id: unit.id })}
                    >
                      {t('app.edit')}
                    </button>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "Trường học · Chỉ tiêu: b" or "Thôn · Thôn: Nà Pài · Không báo chỉ tiêu a, b, đ". */
export function unitMeta(
  t: Translate,
  unit: Pick<ReportingUnitRow, 'kind' | 'codes' | 'linkedVillageId'>,
  villageName: ReadonlyMap<string, string>,
): string {
  const parts = [t(`units.kind.${unit.kind}`)];
  const village = unit.linkedVillageId && villageName.get(unit.linkedVillageId);
  if (village) parts.push(t('units.villageLine', { name: village }));
  parts.push(
    unit.codes.length > 0
      ? t('units.codesLine', { codes: unit.codes.map((c) => (c === 'dd' ? 'đ' : c)).join(', ') })
      : t('units.noCodes'),
  );
  return parts.join(' · ');
}
