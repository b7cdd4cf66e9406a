import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { getDb } from '../../db/database';
import { type Translate, useT } from '../../i18n/i18n';
import { useSession } from '../../sync/session';
import { type ExportDone, type ExportFormat, ExportRefused, exportRegister } from './export-register';

interface Props {
  /** `village`: the one village to export; `commune`: every village the file should hold. */
  villageIds: string[];
  scope: 'village' | 'commune';
}

type PanelState =
  | { kind: 'idle' }
  | { kind: 'busy'; format: ExportFormat }
  | { kind: 'done'; result: ExportDone }
  | { kind: 'failed'; message: string };

function failureMessage(t: Translate, error: unknown): string {
  if (error instanceof ExportRefused) {
    return error.reason === 'notRecorded'
      ? t('registerIo.export.notRecorded', { code: error.code })
      : t(`registerIo.export.${error.reason}`);
  }
  return t('registerIo.export.failed', { detail: error instanceof Error ? error.message : String(error) });
}

/**
 * Downloads the register of one village, or of the whole commune, as Excel or CSV (issue 17, item 6),
 * saying what the file holds and what it leaves out (DESIGN §7). For team leads (their villages) and
 * commune officers; a member sees why there is nothing to download. A commune-wide download is
 * recorded in the server's audit log first and needs a connection; a village's works offline.
 */
export function ExportPanel({ villageIds, scope }: Props) {
  const t = useT();
  const role = useSession((s) => s.session?.user.role);
  const [state, setState] = useState<PanelState>({ kind: 'idle' });
  const villageName = useLiveQuery(
    async () =>
      scope === 'village' && villageIds[0] ? (await getDb().villages.get(villageIds[0]))?.name : '',
    [scope, villageIds[0]],
  );

  const download = async (format: ExportFormat) => {
    setState({ kind: 'busy', format });
    try {
      setState({ kind: 'done', result: await exportRegister({ villageIds, scope, format }) });
    } catch (error) {
      setState({ kind: 'failed', message: failureMessage(t, error) });
    }
  };

  const busy = state.kind === 'busy';
  return (
    <section className="register-export" aria-labelledby="register-export-title" aria-busy={busy}>
      <h2 id="register-export-title">{t('registerIo.export.title')}</h2>
      {role !== 'lead' && role !== 'commune' ? (
        <p className="notice">{t('registerIo.export.notAllowed')}</p>
      ) : (
        <>
          <p>
            {scope === 'commune'
              ? t('registerIo.export.communeScope', { count: villageIds.length })
              : t('registerIo.export.villageScope', { village: villageName ?? '' })}
          </p>
          <p className="hint">{t('registerIo.export.contents')}</p>
          <p className="hint">{t('registerIo.export.notIncluded')}</p>
          {scope === 'commune' && <p className="hint">{t('registerIo.export.audited')}</p>}
          <div className="actions">
            <button
              type="button"
              className="button primary"
              disabled={busy}
              onClick={() => void download('xlsx')}
            >
              {t('registerIo.export.xlsx')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => void download('csv')}>
              {t('registerIo.export.csv')}
            </button>
          </div>
          <p role="status" className={state.kind === 'done' ? 'notice' : 'hint'}>
            {state.kind === 'busy' && t('registerIo.export.busy')}
            {state.kind === 'done' &&
              t('registerIo.export.done', {
                file: state.result.fileName,
                households: state.result.households,
                residents: state.result.residents,
              })}
          </p>
          {state.kind === 'failed' && (
            <p className="error" role="alert">
              {state.message}
            </p>
          )}
        </>
      )}
    </section>
  );
}
