import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { LessonCard } from '../../../core/lessons/card';
import { getDb } from '../../db/database';
import { useT } from '../../i18n/i18n';
import { RecordStepPanel } from '../skills/RecordStepPanel';
import { canRecordSkills } from '../skills/skill-data';

/** The resident a card was opened for (`?resident=<id>`), or undefined. */
export function residentParam(search: string): string | undefined {
  return new URLSearchParams(search).get('resident') ?? undefined;
}

/**
 * "Đã dạy thẻ này" (issue 20, part 4): a card opened from a resident's next step records an assist for
 * the card's skill, with the status and how it is known chosen by the helper (RecordStepPanel: the
 * result is never preselected), then returns to the person's profile, which shows the new step.
 */
export function TeachPanel({ card, residentId }: { card: LessonCard; residentId: string }) {
  const t = useT();
  const [, navigate] = useLocation();
  const [open, setOpen] = useState(false);
  const resident = useLiveQuery(async () => (await getDb().residents.get(residentId)) ?? null, [residentId]);
  if (!resident || resident.deletedAt) return null;
  const profile = `/v/${resident.villageId}/h/${resident.householdId}/r/${resident.id}/skills`;
  return (
    <section className="teach-panel" aria-labelledby="teach-title" data-testid="teach-panel">
      <h2 id="teach-title">{t('teach.title', { name: resident.name })}</h2>
      {!canRecordSkills(resident) ? (
        <p className="notice">{t('teach.noConsent')}</p>
      ) : open ? (
        <RecordStepPanel
          villageId={resident.villageId}
          householdId={resident.householdId}
          residentId={resident.id}
          kind={card.skill}
          onDone={() => navigate(profile)}
        />
      ) : (
        <button type="button" className="button primary wide" onClick={() => setOpen(true)}>
          {t('teach.mark')}
        </button>
      )}
      <p>
        <Link href={profile} className="back-link">
          {t('teach.back', { name: resident.name })}
        </Link>
      </p>
    </section>
  );
}
