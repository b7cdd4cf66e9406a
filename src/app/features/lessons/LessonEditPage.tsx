import { type FormEvent, useState } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import type { LessonCard } from '../../../core/lessons/card';
import { bundledIsNewer } from '../../../core/lessons/effective';
import { CATALOGUE } from '../../../core/skills/catalogue';
import { lessonCardRepository, mayEditLessonCards } from '../../db/lesson-repository';
import { ValidationError } from '../../db/repository-errors';
import { type MessageKey, useT } from '../../i18n/i18n';
import { useUndoToast } from '../../state/undo-toast';
import { CancelButton, DraftNotice } from '../../ui/FormDraft';
import { FormStatus, SaveButton } from '../../ui/FormStatus';
import { Checkbox, Field, TextField } from '../../ui/fields';
import { NotFound } from '../../ui/NotFound';
import { useFormDraft } from '../../ui/use-form-draft';
import { saveFailedMessage } from '../../ui/use-save-form';
import { boxOf, type CardForm, emptyForm, fieldsOf, formOf } from './lesson-form';
import { useBundledCards, useLessonCards } from './use-lesson-cards';
import './lessons.css';

type Errors = Partial<Record<keyof CardForm | 'version', MessageKey>>;

/**
 * `/lessons/:key/edit` and `/lessons/new` (issue 20, part 6): a commune officer edits a card or adds
 * the commune's own (its hotline, the province's platforms). Saved as the commune's row and synced to
 * every phone; "Dùng lại thẻ gốc" removes the row and the bundled card shows again.
 */
export default function LessonEditPage() {
  const t = useT();
  const { key } = useParams<{ key?: string }>();
  const cards = useLessonCards();
  const bundled = useBundledCards();
  if (!mayEditLessonCards()) {
    return <NotFound backHref="/lessons" message="lessonEdit.officersOnly" backLabel="lessons.back" />;
  }
  if (!cards || !bundled) return <p>{t('app.loading')}</p>;
  const card = key === undefined ? undefined : cards.find((c) => c.key === key);
  if (key !== undefined && !card) {
    return <NotFound backHref="/lessons" message="lessons.notFound" backLabel="lessons.back" />;
  }
  return <CardEditor key={key ?? 'new'} card={card} bundled={bundled} taken={cards.map((c) => c.key)} />;
}

function CardEditor({
  card,
  bundled,
  taken,
}: {
  card: LessonCard | undefined;
  bundled: readonly LessonCard[];
  taken: readonly string[];
}) {
  const t = useT();
  const [, navigate] = useLocation();
  const showUndo = useUndoToast();
  // What is typed is a draft until Lưu (issue 13, kind 9): a reload, Back or Android closing the tab
  // keeps a long card's steps, offered back when the editor opens again.
  const draft = useFormDraft<CardForm>(
    `lesson-card:${card?.key ?? 'new'}`,
    card ? formOf(card) : emptyForm(),
  );
  const form = draft.values;
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string>();
  const [saving, setSaving] = useState(false);
  const isBundled = bundled.some((b) => b.key === card?.key);
  const set =
    <K extends keyof CardForm>(name: K) =>
    (value: CardForm[K]) =>
      draft.setValues((f) => ({ ...f, [name]: value }));

  async function save(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    if (!card && taken.includes(form.key.trim())) {
      setErrors({ key: 'lessonEdit.keyTaken' });
      return;
    }
    setSaving(true);
    try {
      const { row } = await lessonCardRepository.save(fieldsOf(form, card), card);
      await draft.saved();
      setErrors({});
      navigate(`/lessons/${row.key}`);
    } catch (error) {
      if (error instanceof ValidationError) {
        const found: Errors = {};
        for (const [path, message] of Object.entries(error.fields)) found[boxOf(path)] ??= message;
        setErrors(found);
      } else setFailure(saveFailedMessage(t, error));
    } finally {
      setSaving(false);
    }
  }

  async function revert() {
    if (!card || !window.confirm(t(isBundled ? 'lessonEdit.revertConfirm' : 'lessonEdit.removeConfirm')))
      return;
    await lessonCardRepository.remove(card.key);
    showUndo({
      message: t(isBundled ? 'lessonEdit.reverted' : 'lessonEdit.removed'),
      undo: () => lessonCardRepository.restore(card.key),
      undone: t('lessonEdit.undone'),
    });
    navigate(isBundled ? `/lessons/${card.key}` : '/lessons');
  }

  const labels: Record<string, string> = {
    key: t('lessonEdit.key'),
    skill: t('lessonEdit.skill'),
    titleVi: t('lessonEdit.titleVi'),
    titleEn: t('lessonEdit.titleEn'),
    summaryVi: t('lessonEdit.summaryVi'),
    summaryEn: t('lessonEdit.summaryEn'),
    stepsVi: t('lessonEdit.stepsVi'),
    stepsEn: t('lessonEdit.stepsEn'),
    warningsVi: t('lessonEdit.warningsVi'),
    warningsEn: t('lessonEdit.warningsEn'),
    keywords: t('lessonEdit.keywords'),
    sources: t('lessonEdit.sources'),
    links: t('lessonEdit.links'),
  };
  const text = (name: keyof typeof labels & keyof CardForm, hint?: MessageKey, multiline = false) => (
    <TextField
      name={name}
      label={labels[name] ?? name}
      value={form[name] as string}
      onChange={set(name) as (v: string) => void}
      error={errors[name]}
      multiline={multiline}
      {...(hint ? { hint: t(hint) } : {})}
    />
  );

  return (
    <section className="lesson-edit">
      <p>
        <Link href={card ? `/lessons/${card.key}` : '/lessons'} className="back-link">
          ← {t('lessons.back')}
        </Link>
      </p>
      <h1>{card ? t('lessonEdit.title', { title: card.title.vi }) : t('lessonEdit.newTitle')}</h1>
      <p className="hint">{t(card ? 'lessonEdit.intro' : 'lessonEdit.newIntro')}</p>
      {card && bundledIsNewer(card, bundled) && (
        <p className="notice" role="note">
          {t('lessonEdit.bundledNewer')}
        </p>
      )}
      <DraftNotice draft={draft} />
      <form onSubmit={save} noValidate>
        {!card && text('key', 'lessonEdit.keyHint')}
        <Field label={labels.skill ?? ''} hint={t('lessonEdit.skillHint')}>
          {({ id, describedBy }) => (
            <select
              id={id}
              aria-describedby={describedBy}
              value={form.skill}
              onChange={(e) => set('skill')(e.target.value as CardForm['skill'])}
            >
              {CATALOGUE.map((item) => (
                <option key={item.code} value={item.code}>
                  {t(`skill.${item.code}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text('titleVi')}
        {text('summaryVi', undefined, true)}
        {text('stepsVi', 'lessonEdit.stepsHint', true)}
        {text('warningsVi', 'lessonEdit.linesHint', true)}
        {text('keywords', 'lessonEdit.keywordsHint', true)}
        {text('sources', 'lessonEdit.sourcesHint', true)}
        {text('links', 'lessonEdit.linksHint', true)}
        <Checkbox
          name="needsSmartphone"
          label={t('lessonEdit.needsSmartphone')}
          checked={form.needsSmartphone}
          onChange={set('needsSmartphone')}
        />
        <Checkbox
          name="hidden"
          label={t('lessonEdit.hidden')}
          hint={t('lessonEdit.hiddenHint')}
          checked={form.hidden}
          onChange={set('hidden')}
        />
        <details>
          <summary>{t('lessonEdit.english')}</summary>
          {text('titleEn')}
          {text('summaryEn', undefined, true)}
          {text('stepsEn', 'lessonEdit.englishHint', true)}
          {text('warningsEn', 'lessonEdit.englishHint', true)}
        </details>
        <FormStatus errors={errors} labels={labels} failure={failure} />
        <div className="actions">
          <SaveButton saving={saving} />
          <CancelButton draft={draft} href={card ? `/lessons/${card.key}` : '/lessons'} />
          {card?.origin === 'commune' && (
            <button type="button" className="button" onClick={() => void revert()}>
              {t(isBundled ? 'lessonEdit.revert' : 'lessonEdit.remove')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
