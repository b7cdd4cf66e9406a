import { useLiveQuery } from 'dexie-react-hooks';
import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'wouter';
import { communeYearAt } from '../../../core/date-rules';
import type { DuplicateChoice } from '../../../core/import/duplicates';
import { foldForSearch } from '../../../core/search';
import { getDb } from '../../db/database';
import { type ImportRecord, importRepository } from '../../db/import-repository';
import { useT } from '../../i18n/i18n';
import { communeNowMs } from '../../state/commune-clock';
import { useSession } from '../../sync/session';
import { VillageTitle } from '../villages/VillageTitle';
import { ExportPanel } from './ExportPanel';
import { ImportDone } from './ImportDone';
import { ImportPreviewView } from './ImportPreviewView';
import type { OpenResult, PreviewSummary, ResolvedSummary } from './import-api';
import { type ImportWorker, startImportWorker } from './import-client';
import type { OpenedWorkbook } from './import-pipeline';
import { importableVillages, readRegister, rememberedMapping, rememberMapping } from './import-state';
import { endMeasure, IMPORT_MEASURES } from './import-timing';
import { type SheetSettings, SheetSetup } from './SheetSetup';

type Step =
  | { kind: 'pick'; error?: string }
  | { kind: 'reading'; name: string; size: number }
  | { kind: 'setup'; name: string; workbook: OpenedWorkbook }
  | { kind: 'writing'; done: number; total: number }
  | { kind: 'done'; record: ImportRecord };

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

/**
 * The register import (issue 17): choose a file → check each sheet's columns, village and the
 * preview (counts, privacy, duplicates, errors) → write all or nothing → summary with undo. The file
 * is read and checked in a worker; nothing is written before the user confirms.
 */
export default function ImportPage() {
  const t = useT();
  const { villageId = '' } = useParams<{ villageId: string }>();
  const session = useSession((s) => s.session);
  const allVillages = useLiveQuery(() => getDb().villages.toArray(), []);
  const villages = useMemo(
    () => importableVillages(session?.user, allVillages ?? []),
    [session?.user, allVillages],
  );
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [settings, setSettings] = useState<Record<string, SheetSettings>>({});
  const [preview, setPreview] = useState<PreviewSummary>();
  const [resolved, setResolved] = useState<{ summary: ResolvedSummary; choices: object }>();
  const [previewing, setPreviewing] = useState(false);
  const [choices, setChoices] = useState<Record<string, DuplicateChoice>>({});
  const [writeError, setWriteError] = useState<string>();
  const worker = useRef<ImportWorker>(undefined);

  useEffect(
    () => () => {
      worker.current?.terminate();
      worker.current = undefined;
    },
    [],
  );

  const openFile = async (file: File) => {
    worker.current?.terminate();
    worker.current = startImportWorker();
    setPreview(undefined);
    setResolved(undefined);
    setChoices({});
    setWriteError(undefined);
    setStep({ kind: 'reading', name: file.name, size: file.size });
    let result: OpenResult;
    const start = performance.now();
    try {
      result = await worker.current.api.open(new Uint8Array(await file.arrayBuffer()));
      endMeasure(IMPORT_MEASURES.open, start);
    } catch (error) {
      setStep({ kind: 'pick', error: t('import.file.failed', { reason: String(error) }) });
      return;
    }
    if (!result.ok) {
      setStep({ kind: 'pick', error: t(`import.file.${result.reason}`) });
      return;
    }
    const initial: Record<string, SheetSettings> = {};
    const known = (allVillages ?? []).filter((v) => !v.deletedAt && !v.demo);
    const fallback = villages.some((v) => v.id === villageId) ? villageId : (villages[0]?.id ?? villageId);
    for (const sheet of result.workbook.sheets) {
      if (!sheet.layout) continue;
      const remembered = rememberedMapping(sheet.layout.columns);
      // A sheet that names a village goes to it; one that names a village this account may not
      // import into, or none on record, is held back and says why (nobody fills another team's village).
      const named = matchVillage(sheet.name, sheet.layout.title, known);
      const mine = named !== undefined && villages.some((v) => v.id === named);
      const held: SheetSettings['held'] = sheet.hidden
        ? { reason: 'hidden' }
        : named !== undefined && !mine
          ? { reason: 'notYours', village: known.find((v) => v.id === named)?.name ?? sheet.name }
          : named === undefined && NAMES_A_VILLAGE.test(foldForSearch(sheet.name))
            ? { reason: 'unknown', village: sheet.name }
            : undefined;
      initial[sheet.name] = {
        include: held === undefined,
        villageId: mine ? named : fallback,
        columns: remembered ?? sheet.layout.columns,
        remembered: remembered !== undefined,
        ...(held ? { held } : {}),
      };
    }
    setSettings(initial);
    setStep({ kind: 'setup', name: file.name, workbook: result.workbook });
  };

  const included = useMemo(
    () => Object.entries(settings).filter(([, s]) => s.include && villages.some((v) => v.id === s.villageId)),
    [settings, villages],
  );
  const villageKey = included.map(([, s]) => s.villageId).join(',');

  // The preview follows every change of mapping or village; the worker does the work.
  const runPreview = useCallback(async () => {
    const api = worker.current?.api;
    if (!api || step.kind !== 'setup') return;
    setPreviewing(true);
    const start = performance.now();
    let result: PreviewSummary;
    try {
      const villageIds = included.map(([, s]) => s.villageId);
      result = await api.preview({
        sheets: included.map(([name, s]) => ({ name, columns: s.columns, villageId: s.villageId })),
        villages: villages.map((v) => ({ id: v.id, name: v.name, code: v.code })),
        currentYear: communeYearAt(communeNowMs()),
        register: await readRegister(villageIds),
      });
    } catch (error) {
      setPreviewing(false);
      throw error;
    }
    endMeasure(IMPORT_MEASURES.preview, start);
    // The preview's lists are drawn as a transition, in slices, answering taps in between.
    startTransition(() => {
      setPreview(result);
      setResolved(undefined);
      setPreviewing(false);
    });
  }, [included, villages, step.kind]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: villageKey and settings name what the preview reads
  useEffect(() => {
    void runPreview();
  }, [settings, villageKey, step.kind]);

  // The write set is worked out in the worker after each choice; the page gets the counts and the
  // first households. Confirming waits until the answer for the current choices is in.
  useEffect(() => {
    const api = worker.current?.api;
    if (!api || !preview) return;
    let current = true;
    void api.resolve(choices).then((summary) => {
      if (current) startTransition(() => setResolved({ summary, choices }));
    });
    return () => {
      current = false;
    };
  }, [preview, choices]);
  // The counts of the last answer stay on screen while the next is worked out; confirming waits.
  const write = resolved && resolved.choices === choices ? resolved.summary : undefined;

  const confirm = async () => {
    const api = worker.current?.api;
    if (!api || !write || step.kind !== 'setup') return;
    for (const [, s] of included) rememberMapping(s.columns);
    setWriteError(undefined);
    const { counts } = write;
    setStep({ kind: 'writing', done: 0, total: counts.newHouseholds + counts.newResidents });
    const start = performance.now();
    try {
      const record = await importRepository.apply(
        { counts, slice: (part, from, count) => api.writeSlice(part, from, count) },
        (done, total) => setStep({ kind: 'writing', done, total }),
      );
      endMeasure(IMPORT_MEASURES.write, start);
      worker.current?.terminate();
      worker.current = undefined;
      setStep({ kind: 'done', record });
    } catch (error) {
      setWriteError(
        t('import.writeFailed', { reason: error instanceof Error ? error.message : String(error) }),
      );
      setStep(step);
    }
  };

  if (session && villages.length === 0 && allVillages) {
    return (
      <section>
        <h1>{t('import.title')}</h1>
        <p className="notice">{t('import.noPermission')}</p>
      </section>
    );
  }
  if (!session) {
    return (
      <section>
        <h1>{t('import.title')}</h1>
        <p className="notice">{t('import.noPermission')}</p>
        <Link href="/login" className="button wide">
          {t('nav.login')}
        </Link>
      </section>
    );
  }

  return (
    <section className="import">
      <VillageTitle villageId={villageId} />
      <h1>{t('import.title')}</h1>
      {step.kind === 'pick' || step.kind === 'reading' ? (
        <>
          <ExportPanel villageIds={[villageId]} scope="village" />
          <p>{t('import.intro')}</p>
          <label className="button wide file-button">
            {t('import.chooseFile')}
            <input
              type="file"
              accept=".xlsx,.xls,.ods,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv"
              disabled={step.kind === 'reading'}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void openFile(file);
              }}
            />
          </label>
          {step.kind === 'reading' && (
            <p role="status" className="import-progress">
              <progress aria-label={t('import.reading', { name: step.name, size: sizeText(step.size) })} />{' '}
              {t('import.reading', { name: step.name, size: sizeText(step.size) })}
            </p>
          )}
          {step.kind === 'pick' && step.error && (
            <p role="alert" className="error">
              {step.error}
            </p>
          )}
        </>
      ) : step.kind === 'setup' ? (
        <>
          <p className="hint">
            {t('import.file.info', {
              name: step.name,
              format: [
                step.workbook.info.format.toUpperCase(),
                step.workbook.info.encoding
                  ? t('import.file.encoding', { encoding: step.workbook.info.encoding })
                  : '',
              ]
                .filter(Boolean)
                .join(', '),
            })}{' '}
            <button type="button" className="link" onClick={() => setStep({ kind: 'pick' })}>
              {t('import.otherFile')}
            </button>
          </p>
          {step.workbook.sheets.map((sheet) =>
            sheet.layout ? (
              <SheetSetup
                key={sheet.name}
                sheet={sheet}
                settings={settings[sheet.name] as SheetSettings}
                villages={villages}
                onChange={(next) => setSettings((all) => ({ ...all, [sheet.name]: next }))}
              />
            ) : (
              <p key={sheet.name} className="hint">
                {t('import.sheet.noTable', { sheet: sheet.name })}
              </p>
            ),
          )}
          {(previewing || !resolved) && !(preview && resolved) && (
            <p role="status">
              <progress />{' '}
              {t('import.previewing', {
                rows: step.workbook.sheets.reduce((n, s) => n + s.rowsBelowHeader, 0),
              })}
            </p>
          )}
          {preview && resolved && (
            <ImportPreviewView
              preview={preview}
              write={resolved.summary}
              choices={choices}
              busy={previewing || write === undefined}
              onChoose={(key, choice) => setChoices((c) => ({ ...c, [key]: choice }))}
              onChooseAll={(choice) =>
                setChoices(Object.fromEntries(preview.groups.map((g) => [g.key, choice])))
              }
              onConfirm={() => void confirm()}
            />
          )}
          {writeError && (
            <p role="alert" className="error">
              {writeError}
            </p>
          )}
        </>
      ) : step.kind === 'writing' ? (
        <p role="status" className="import-progress">
          <progress value={step.done} max={Math.max(1, step.total)} aria-label={t('import.writing', step)} />{' '}
          {t('import.writing', step)}
        </p>
      ) : (
        <ImportDone record={step.record} villageId={villageId} />
      )}
    </section>
  );
}

/** A sheet name that is a village's ("Thôn Tây", "Bản Nà Pài", "Làng Mới"), not "Sheet1" or "Danh sách". */
const NAMES_A_VILLAGE = /^(thon|ban|lang|ap|khom|xom|buon|plei|soc|to dan pho)\s+\S/;

/** The village a sheet is for, by its name or title ("Thôn 5", "DANH SÁCH HỘ … THÔN 5"), if one matches. */
function matchVillage(
  sheetName: string,
  title: string,
  villages: ReadonlyArray<{ id: string; name: string }>,
): string | undefined {
  const fold = foldForSearch;
  const sheet = fold(sheetName);
  const exact = villages.find((v) => fold(v.name) === sheet);
  if (exact) return exact.id;
  const text = ` ${fold(title)} `;
  const inTitle = villages.filter((v) => text.includes(` ${fold(v.name)} `));
  return inTitle.length === 1 ? inTitle[0]?.id : undefined;
}
