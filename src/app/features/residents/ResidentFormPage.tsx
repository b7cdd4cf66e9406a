import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { formatCommuneDate } from '../../../core/dates';
import {
  CONSENT_PURPOSES,
  hasActiveConsent,
  RESIDENT_GROUPS,
  type ResidentFields,
  residentFields,
  SEXES,
} from '../../../core/schemas';
import { getDb, type ResidentRow } from '../../db/database';
import { RecordNotFoundError } from '../../db/repository-errors';
import { residentRepository } from '../../db/resident-repository';
import { type Translate, useT } from '../../i18n/i18n';
import { communeNowMs } from '../../state/commune-clock';
import { useMemberName } from '../../state/member-name';
import { useToast } from '../../state/toast-store';
import { useUndoToast } from '../../state/undo-toast';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CancelButton, DraftNotice, savedMessage } from '../../ui/FormDraft';
import { FormStatus, SaveButton } from '../../ui/FormStatus';
import { Checkbox, Field, TextField } from '../../ui/fields';
import { formErrors } from '../../ui/form-errors';
import { useFormDraft } from '../../ui/use-form-draft';
import { useSaveForm } from '../../ui/use-save-form';
import { VillageTitle } from '../villages/VillageTitle';
import { ResidentStatusField } from './ResidentStatusField';
import {
  emptyResidentForm,
  formToResidentInput,
  type ResidentFormValues,
  residentToForm,
} from './resident-form-values';

export function ResidentNewPage() {
  const { villageId = '', householdId = '' } = useParams<{ villageId: string; householdId: string }>();
  return <ResidentForm villageId={villageId} householdId={householdId} />;
}

export function ResidentEditPage() {
  const t = useT();
  const params = useParams<{ villageId: string; householdId: string; residentId: string }>();
  const resident = useLiveQuery(
    async () => (await getDb().residents.get(params.residentId ?? '')) ?? null,
    [params.residentId],
  );
  if (resident === undefined) return <p>{t('app.loading')}</p>;
  if (resident === null || resident.deletedAt) return <p>{t('app.notFound')}</p>;
  return (
    <ResidentForm
      key={resident.id}
      villageId={params.villageId ?? ''}
      householdId={resident.householdId}
      resident={resident}
    />
  );
}

interface Props {
  villageId: string;
  householdId: string;
  resident?: ResidentRow;
}

function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);
}

function ResidentForm({ villageId, householdId, resident }: Props) {
  const t = useT();
  const [, navigate] = useLocation();
  const showToast = useToast((s) => s.show);
  const showUndo = useUndoToast();
  // Who asks for consent is the person holding the phone: the name set on it, else the account's.
  const memberName = useMemberName() ?? '';
  const draft = useFormDraft<ResidentFormValues, ResidentRow>(
    resident ? `resident:${resident.id}` : `resident:new:${householdId}`,
    resident ? residentToForm(resident, memberName) : emptyResidentForm(memberName),
    resident,
  );
  const { values, setValues, seen } = draft;
  const { errors, setErrors, failure, setFailure, saving, run } = useSaveForm();
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  // People saved with "Lưu và thêm người tiếp" while this form stayed open (a household in one go).
  const [added, setAdded] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const set = <K extends keyof ResidentFormValues>(key: K, value: ResidentFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const consenting = values.purposes.length > 0;
  const labels = residentLabels(t, consenting);
  // Unticking every purpose of a standing consent withdraws it: the full name gives way to a label.
  const withdrawing = !consenting && resident !== undefined && hasActiveConsent(resident);
  const back = `/v/${villageId}/h/${householdId}`;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    return save('back');
  }

  /** Saves; then goes back to the household, or ('next') clears the person for the next one. */
  async function save(then: 'back' | 'next') {
    setFailure(undefined);
    const input = formToResidentInput(values, householdId, seen, new Date(communeNowMs()));
    const parsed = residentFields.safeParse(input);
    const found = formErrors(parsed, input);
    if (!parsed.success || Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    await run(async () => {
      const fields: ResidentFields = parsed.data;
      const { row: saved, overwritten } = resident
        ? await residentRepository.update(resident.id, fields, seen)
        : { row: await residentRepository.create(villageId, fields), overwritten: [] };
      if (then === 'next') {
        await nextPerson(saved);
        return;
      }
      await draft.saved();
      showToast({
        message: savedMessage(t, overwritten, labels, t('resident.saved', { name: saved.name })),
      });
      navigate(back, { replace: true });
    });
  }

  /**
   * The household and who collects consent stay; everything about the saved person goes, consent
   * included (DESIGN §7: each person's consent is asked, never carried over or pre-ticked).
   */
  async function nextPerson(saved: { id: string; name: string }) {
    await draft.restart(emptyResidentForm(values.collectedBy));
    setAdded((n) => n + 1);
    const name = formRef.current?.elements.namedItem('name');
    if (name instanceof HTMLInputElement) name.focus();
    showUndo({
      message: t('fill.savedNext', { name: saved.name }),
      undo: async () => {
        await residentRepository.remove(saved.id);
        setAdded((n) => n - 1);
      },
      undone: t('resident.removed', { name: saved.name }),
    });
  }

  async function remove() {
    if (!resident) return;
    setConfirmingRemove(false);
    await residentRepository.remove(resident.id);
    navigate(back, { replace: true });
    showUndo({
      message: t('resident.removed', { name: resident.name }),
      undo: () =>
        residentRepository.restore(resident.id).catch((error: unknown) => {
          // Erased on the server meanwhile, and on this phone since its last pull (issue 14, kind 8).
          if (error instanceof RecordNotFoundError) showToast({ message: t('erasure.undoGone') });
          else throw error;
        }),
    });
  }

  const consent = resident?.consent;
  return (
    <section>
      <VillageTitle villageId={villageId} />
      <Link href={back} className="back-link">
        ← {t('app.back')}
      </Link>
      <h1>{resident ? t('resident.editTitle') : t('resident.newTitle')}</h1>
      <DraftNotice draft={draft} />
      {added > 0 && (
        <p className="notice" role="status">
          {t('fill.addedCount', { count: added })}
        </p>
      )}
      <form ref={formRef} onSubmit={submit} noValidate>
        <fieldset className="consent">
          <legend>{t('resident.consentTitle')}</legend>
          <p className="hint">{t('resident.consentExplain')}</p>
          {consent &&
            (consent.withdrawnAt ? (
              <p className="hint">
                {t('resident.consentWithdrawn', {
                  date: formatCommuneDate(consent.withdrawnAt),
                })}
              </p>
            ) : (
              <p className="hint">
                {t('resident.consentGiven', {
                  date: formatCommuneDate(consent.collectedAt),
                  by: consent.collectedBy,
                })}
              </p>
            ))}
          {CONSENT_PURPOSES.map((purpose) => (
            <Checkbox
              key={purpose}
              name={`purpose-${purpose}`}
              label={t(`resident.purpose.${purpose}`)}
              checked={values.purposes.includes(purpose)}
              onChange={(on) => set('purposes', toggle(values.purposes, purpose, on))}
            />
          ))}
          {errors['consent.purposes'] && (
            <p className="error" role="alert">
              {t(errors['consent.purposes'])}
            </p>
          )}
          {consenting ? (
            <TextField
              name="collectedBy"
              label={t('resident.collectedBy')}
              value={values.collectedBy}
              onChange={(v) => set('collectedBy', v)}
              error={errors['consent.collectedBy']}
            />
          ) : (
            <p className="notice">{t('resident.consentNone')}</p>
          )}
        </fieldset>

        <TextField
          name="name"
          label={consenting ? t('resident.name') : t('resident.nameNoConsent')}
          {...(withdrawing ? { hint: t('erasure.withdrawNameHint') } : {})}
          value={values.name}
          onChange={(v) => set('name', v)}
          error={errors.name}
          autoFocus={!resident}
        />
        <TextField
          name="birthYear"
          label={t('resident.birthYear')}
          inputMode="numeric"
          value={values.birthYear}
          onChange={(v) => set('birthYear', v)}
          error={errors.birthYear}
        />

        <ResidentStatusField
          value={{ status: values.status ?? 'present', statusOn: values.statusOn ?? '' }}
          stored={resident}
          name={values.name || (resident?.name ?? '')}
          errors={errors}
          onChange={(status) => setValues((v) => ({ ...v, ...status }))}
        />

        {consenting && (
          <>
            <Field label={t('resident.sex')} error={errors.sex}>
              {({ id, describedBy }) => (
                <select
                  id={id}
                  name="sex"
                  aria-describedby={describedBy}
                  value={values.sex}
                  onChange={(e) => set('sex', e.target.value as ResidentFormValues['sex'])}
                >
                  <option value="">{t('resident.sex.unset')}</option>
                  {SEXES.map((s) => (
                    <option key={s} value={s}>
                      {t(`resident.sex.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <fieldset>
              <legend>{t('resident.groups')}</legend>
              {RESIDENT_GROUPS.map((g) => (
                <Checkbox
                  key={g}
                  name={`group-${g}`}
                  label={t(`resident.group.${g}`)}
                  checked={values.groups.includes(g)}
                  onChange={(on) => set('groups', toggle(values.groups, g, on))}
                />
              ))}
            </fieldset>
            <Checkbox
              name="hasChipId"
              label={t('resident.hasChipId')}
              hint={t('resident.hasChipIdHint')}
              checked={values.hasChipId}
              onChange={(v) => set('hasChipId', v)}
            />
            <Checkbox
              name="hasSmartphone"
              label={t('resident.hasSmartphone')}
              checked={values.hasSmartphone}
              onChange={(v) => set('hasSmartphone', v)}
            />
            <Checkbox
              name="simOwnName"
              label={t('resident.simOwnName')}
              checked={values.simOwnName}
              onChange={(v) => set('simOwnName', v)}
            />
            {values.purposes.includes('phone_contact') && (
              <TextField
                name="phone"
                label={t('resident.phone')}
                hint={t('resident.phoneHint')}
                inputMode="tel"
                value={values.phone}
                onChange={(v) => set('phone', v)}
                error={errors.phone}
              />
            )}
          </>
        )}

        <FormStatus errors={errors} labels={labels} failure={failure} />
        <div className="form-actions">
          <CancelButton draft={draft} href={back} />
          <SaveButton saving={saving} />
        </div>
        {!resident && (
          <button
            type="button"
            className="button primary wide"
            disabled={saving}
            onClick={() => void save('next')}
          >
            {t('fill.saveAndNext')}
          </button>
        )}
        {resident && (
          <button type="button" className="button danger wide" onClick={() => setConfirmingRemove(true)}>
            {t('app.delete')}
          </button>
        )}
      </form>
      {resident && (
        <ConfirmDialog
          open={confirmingRemove}
          danger
          title={t('resident.removeTitle', { name: resident.name })}
          body={t('resident.removeBody')}
          confirmLabel={t('app.delete')}
          onConfirm={remove}
          onCancel={() => setConfirmingRemove(false)}
        />
      )}
    </section>
  );
}

/** What each field is called, for the list of refusals and the "changed meanwhile" note. */
function residentLabels(t: Translate, consenting = true): Record<string, string> {
  const labels: Record<string, string> = {
    // Without consent the field asks only for what the village calls the person: its refusal says so.
    name: consenting ? t('resident.name') : t('resident.nameNoConsent'),
    birthYear: t('resident.birthYear'),
    sex: t('resident.sex'),
    groups: t('resident.groups'),
    hasChipId: t('resident.hasChipId'),
    hasSmartphone: t('resident.hasSmartphone'),
    simOwnName: t('resident.simOwnName'),
    phone: t('resident.phone'),
    consent: t('resident.consentTitle'),
    'consent.purposes': t('resident.consentTitle'),
    'consent.collectedBy': t('resident.collectedBy'),
    status: t('resident.status'),
    statusOn: t('resident.statusOn'),
  };
  return labels;
}
