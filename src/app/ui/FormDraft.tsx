import { useState } from 'react';
import { useLocation } from 'wouter';
import { formatCommuneTime } from '../../core/dates';
import { type Translate, useT } from '../i18n/i18n';
import { ConfirmDialog } from './ConfirmDialog';
import type { FormDraftState } from './use-form-draft';

type AnyDraft = Pick<FormDraftState<unknown, unknown>, 'restoredAt' | 'dirty' | 'discard'>;

/** Says that unsaved typing was brought back, with a way to throw it away (after a confirmation). */
export function DraftNotice({ draft }: { draft: AnyDraft }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  if (!draft.restoredAt) return null;
  return (
    <div className="notice draft-notice" role="status" data-testid="draft-restored">
      <p>{t('draft.restored', { time: formatCommuneTime(draft.restoredAt) })}</p>
      <button type="button" className="button small" onClick={() => setConfirming(true)}>
        {t('draft.discard')}
      </button>
      <DiscardDialog
        open={confirming}
        onDiscard={() => {
          setConfirming(false);
          void draft.discard();
        }}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}

/**
 * "Hủy" under a form: with nothing typed it simply leaves; with typing, it asks first, and leaving
 * then throws the draft away (Back, by contrast, keeps it for later).
 */
export function CancelButton({
  draft,
  href,
  onLeave,
}: {
  draft: AnyDraft;
  href?: string;
  onLeave?: () => void;
}) {
  const t = useT();
  const [, navigate] = useLocation();
  const [confirming, setConfirming] = useState(false);
  const leave = () => {
    if (onLeave) onLeave();
    else if (href) navigate(href);
  };
  return (
    <>
      <button type="button" className="button" onClick={() => (draft.dirty ? setConfirming(true) : leave())}>
        {t('app.cancel')}
      </button>
      <DiscardDialog
        open={confirming}
        onDiscard={() => {
          setConfirming(false);
          void draft.discard().then(leave);
        }}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}

function DiscardDialog({
  open,
  onDiscard,
  onCancel,
}: {
  open: boolean;
  onDiscard: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  return (
    <ConfirmDialog
      open={open}
      danger
      title={t('draft.discardTitle')}
      body={t('draft.discardBody')}
      confirmLabel={t('draft.discard')}
      onConfirm={onDiscard}
      onCancel={onCancel}
    />
  );
}

/**
 * The confirmation after saving an edit: plain, or — when fields the person changed had been changed
 * by someone else meanwhile — which ones, and that the other values are kept for a lead (kind 4).
 */
export function savedMessage(
  t: Translate,
  overwritten: readonly string[],
  labels: Readonly<Record<string, string>>,
  plain: string,
): string {
  if (overwritten.length === 0) return plain;
  return t('form.overwritten', { fields: overwritten.map((f) => labels[f] ?? f).join(', ') });
}
