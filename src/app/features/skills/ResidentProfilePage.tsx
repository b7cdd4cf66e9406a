import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Link, useParams } from 'wouter';
import { ageInYear, hasActiveConsent } from '../../../core/schemas';
import type { SkillCode } from '../../../core/skills/catalogue';
import { currentStatus, hasBasicSkills, vneidProgress } from '../../../core/skills/status';
import { getDb, type ResidentRow } from '../../db/database';
import { useT } from '../../i18n/i18n';
import { communeYear } from '../../state/commune-clock';
import { VillageTitle } from '../villages/VillageTitle';
import { AssistHistory } from './AssistHistory';
import { RecordStepPanel } from './RecordStepPanel';
import { SkillChecklist } from './SkillChecklist';
import { canRecordSkills, useResidentAssists } from './skill-data';
import { type PanelPlace, VneidJourney } from './VneidJourney';
import './skills.css';
import { NotFound } from '../../ui/NotFound';
import { NextStepCards } from '../lessons/NextStepCards';
import { ResidentRequests } from '../residents/ResidentRequests';
import { ResidentStatusBadge } from '../residents/ResidentStatusBadge';

/** "Kỹ năng số của {tên}": the VNeID journey, the skill checklist and the history of steps. */
export default function ResidentProfilePage() {
  const t = useT();
  const {
    villageId = '',
    householdId = '',
    residentId = '',
  } = useParams<{ villageId: string; householdId: string; residentId: string }>();
  const resident = useLiveQuery(async () => (await getDb().residents.get(residentId)) ?? null, [residentId]);
  const household = useLiveQuery(
    async () => (await getDb().households.get(householdId)) ?? null,
    [householdId],
  );

  if (resident === undefined || household === undefined) return <p>{t('app.loading')}</p>;
  if (!resident || resident.deletedAt || !household || resident.householdId !== household.id) {
    return <NotFound backHref={`/v/${villageId}/h/${householdId}`} />;
  }

  const householdPath = `/v/${villageId}/h/${household.id}`;
  const editPath = `${householdPath}/r/${resident.id}`;
  return (
    <section className="skills-page">
      <VillageTitle villageId={villageId} />
      <Link href={householdPath} className="back-link">
        ← {t('skills.backToHousehold', { label: household.label })}
      </Link>
      <h1>{t('skills.title', { name: resident.name })}</h1>
      <p className="item-meta">
        {t('skills.meta', {
          age: ageInYear(resident.birthYear, communeYear()),
          household: household.label,
        })}{' '}
        <ResidentStatusBadge resident={resident} />
      </p>
      <div className="actions">
        <Link href={editPath} className="button">
          {t('skills.editResident')}
        </Link>
      </div>
      {canRecordSkills(resident) ? (
        <SkillProfile resident={resident} />
      ) : (
        <div className="notice no-consent" role="note">
          <h2>{t('skills.noConsentTitle')}</h2>
          <p>
            {t(
              resident.consent && !hasActiveConsent(resident)
                ? 'skills.consentWithdrawn'
                : 'skills.noConsent',
            )}
          </p>
          <p>{t('skills.noConsentHow')}</p>
          <Link href={editPath} className="button primary">
            {t('skills.recordConsent')}
          </Link>
        </div>
      )}
      <ResidentRequests residentId={resident.id} name={resident.name} back={householdPath} />
    </section>
  );
}

function SkillProfile({ resident }: { resident: ResidentRow }) {
  const t = useT();
  const assists = useResidentAssists(resident.id);
  const [open, setOpen] = useState<{ kind: SkillCode; place: PanelPlace } | undefined>();
  if (!assists) return <p>{t('app.loading')}</p>;

  const status = currentStatus(assists);
  const toggle = (kind: SkillCode, place: PanelPlace) =>
    setOpen((o) => (o?.kind === kind && o.place === place ? undefined : { kind, place }));
  const panel = open && (
    <RecordStepPanel
      key={`${open.kind}-${open.place}`}
      villageId={resident.villageId}
      householdId={resident.householdId}
      residentId={resident.id}
      kind={open.kind}
      onDone={() => setOpen(undefined)}
    />
  );
  return (
    <>
      <NextStepCards resident={resident} status={status} />
      <VneidJourney progress={vneidProgress(status)} open={open} panel={panel} onToggle={toggle} />
      <SkillChecklist
        status={status}
        hasBasicSkills={hasBasicSkills(status)}
        open={open?.place === 'list' ? open.kind : undefined}
        panel={panel}
        onToggle={(kind) => toggle(kind, 'list')}
      />
      <AssistHistory assists={assists} />
    </>
  );
}
