/**
 * A person's requests about their data (issue 14, kind 8), on their profile for team leads and commune
 * officers: download what the server holds about them, or erase them. Both ask the server (which
 * checks the role and the village and writes the audit log); an erasure reaches this phone, like every
 * other, on its next sync, which is started at once.
 */
import { useState } from 'react';
import { useLocation } from 'wouter';
import { useT } from '../../i18n/i18n';
import { useToast } from '../../state/toast-store';
import { ApiFailure, apiRequest } from '../../sync/api-client';
import { useSession } from '../../sync/session';
import { syncEngine } from '../../sync/sync-engine';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

interface Props {
  residentId: string;
  name: string;
  /** Where to go once the person is erased. */
  back: string;
}

const path = (id: string) => `/api/admin/residents/${encodeURIComponent(id)}`;

/** Offers the JSON as a file download (a browser without object URLs gets nothing, and a message). */
function download(fileName: string, data: unknown): boolean {
  if (typeof URL.createObjectURL !== 'function') return false;
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return true;
}

export function ResidentRequests({ residentId, name, back }: Props) {
  const t = useT();
  const [, navigate] = useLocation();
  const show = useToast((s) => s.show);
  const session = useSession((s) => s.session);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!session || (session.user.role !== 'lead' && session.user.role !== 'commune')) return null;
  const token = session.token;

  const failed = (error: unknown) =>
    show({
      message:
        error instanceof ApiFailure && error.code === 'network'
          ? t('erasure.needsConnection')
          : t('erasure.failed', { reason: error instanceof ApiFailure ? error.code : String(error) }),
    });

  async function exportData() {
    setBusy(true);
    try {
      const data = await apiRequest<unknown>(`${path(residentId)}/export`, { token });
      if (download(`ngo-so-nguoi-dan-${residentId}.json`, data))
        show({ message: t('erasure.exported', { name }) });
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  async function erase() {
    setConfirming(false);
    setBusy(true);
    try {
      await apiRequest(`${path(residentId)}/erase`, { token, method: 'POST' });
      show({ message: t('erasure.done') });
      void syncEngine.syncNow();
      navigate(back, { replace: true });
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="resident-requests" aria-labelledby="resident-requests-title">
      <h2 id="resident-requests-title">{t('erasure.title')}</h2>
      <p className="hint">{t('erasure.explain')}</p>
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => void exportData()}>
          {t('erasure.export')}
        </button>
        <button type="button" className="button danger" disabled={busy} onClick={() => setConfirming(true)}>
          {t('erasure.erase')}
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('erasure.confirmTitle', { name })}
        body={t('erasure.confirmBody')}
        confirmLabel={t('erasure.confirm')}
        danger
        onConfirm={() => void erase()}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
