import { Link } from 'wouter';
import { indicatorGap, indicatorPercent, indicatorResult, unitResults } from '../../../core/report/document';
import {
  formatNumber,
  formatTarget,
  indicatorLetter,
  indicatorTitle,
  UNIT_KIND_LABELS,
} from '../../../core/report/labels';
import { APPENDIX_SECTIONS } from '../../../core/report/tasks';
import type { IndicatorLine, QuarterReport } from '../../../core/report/types';
import type { ReportTextField } from '../../db/report-repository';
import { useT } from '../../i18n/i18n';
import { Field } from '../../ui/fields';

export interface ReportTextsProps {
  /** The texts as typed (saved or not). */
  texts: Partial<Record<ReportTextField, string>>;
  onChange: (field: ReportTextField, value: string) => void;
  /** Saves one field: called when it loses focus. */
  onCommit: (field: ReportTextField) => void;
}

const num = (value: number | null) => (value === null ? '–' : formatNumber(value));

function IndicatorTable({ lines, caption }: { lines: IndicatorLine[]; caption: string }) {
  const t = useT();
  return (
    <div className="table-scroll">
      <table className="report-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('report.col.indicator')}</th>
            <th scope="col">{t('report.col.target')}</th>
            <th scope="col">{t('report.col.result')}</th>
            <th scope="col">{t('report.col.share')}</th>
            <th scope="col">{t('report.col.gap')}</th>
            <th scope="col">{t('report.col.source')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr
              key={line.code}
              data-indicator={line.code}
              className={line.count === null ? 'missing' : undefined}
            >
              <th scope="row">
                {indicatorTitle(line.code)}
                {line.register && (
                  <small className="register-beside">
                    {t('report.registerBeside', {
                      count: formatNumber(line.register.count),
                      denominator: formatNumber(line.register.denominator),
                    })}
                  </small>
                )}
                {line.missingUnits.length > 0 && (
                  <small className="missing-units">
                    {t('report.missingUnits', { names: line.missingUnits.join(', ') })}
                  </small>
                )}
              </th>
              <td>{formatTarget(line.target)}</td>
              <td>{indicatorResult(line)}</td>
              <td>{indicatorPercent(line)}</td>
              <td>{indicatorGap(line)}</td>
              <td>{t(`report.source.${line.denominatorSource}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TextArea({
  field,
  label,
  props,
  rows = 3,
}: {
  field: ReportTextField;
  label: string;
  props: ReportTextsProps;
  rows?: number;
}) {
  return (
    <Field label={label}>
      {({ id }) => (
        <textarea
          id={id}
          rows={rows}
          value={props.texts[field] ?? ''}
          onChange={(e) => props.onChange(field, e.target.value)}
          onBlur={() => props.onCommit(field)}
        />
      )}
    </Field>
  );
}

function TextInput({
  field,
  label,
  props,
}: {
  field: ReportTextField;
  label: string;
  props: ReportTextsProps;
}) {
  return (
    <Field label={label}>
      {({ id }) => (
        <input
          id={id}
          value={props.texts[field] ?? ''}
          onChange={(e) => props.onChange(field, e.target.value)}
          onBlur={() => props.onCommit(field)}
        />
      )}
    </Field>
  );
}

/**
 * A quarterly report on screen (issue 19, item 3): section III's indicators with target, result, gap
 * and denominator source; the quarter's and cumulative figures; classes and activities; the
 * villages and units of the commune; the 20 tasks with their figures and result texts; difficulties,
 * proposals and the document's details. With `editing`, the texts are fields to type in.
 */
export function ReportView({ report, editing }: { report: QuarterReport; editing?: ReportTextsProps }) {
  const t = useT();
  let section = '';
  return (
    <div className="report-view">
      <section aria-labelledby="report-indicators">
        <h2 id="report-indicators">{t('report.section.indicators')}</h2>
        <IndicatorTable lines={report.indicators} caption={report.periodLabel} />
      </section>

      {report.villages.length > 1 && (
        <section aria-labelledby="report-villages">
          <h3 id="report-villages">{t('report.section.villages')}</h3>
          <div className="table-scroll">
            <table className="report-table" data-testid="report-villages">
              <thead>
                <tr>
                  <th scope="col">{t('report.col.village')}</th>
                  {(['c', 'd', 'id'] as const).map((code) => (
                    <th scope="col" key={code}>
                      {indicatorLetter(code)}
                    </th>
                  ))}
                  <th scope="col">{t('report.col.state')}</th>
                </tr>
              </thead>
              <tbody>
                {report.villages.map((v) => (
                  <tr key={v.villageId}>
                    <th scope="row">
                      <Link href={`/reports/${v.villageId}/${report.period}`}>{v.name}</Link>
                    </th>
                    {(['c', 'd', 'id'] as const).map((code) => {
                      const line = v.indicators.find((l) => l.code === code);
                      return <td key={code}>{line ? indicatorPercent(line) : '–'}</td>;
                    })}
                    <td>{v.submitted ? t('report.status.submitted') : t('report.state.none')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {report.units.length > 0 && (
        <section aria-labelledby="report-units">
          <h3 id="report-units">{t('report.section.units')}</h3>
          <div className="table-scroll">
            <table className="report-table" data-testid="report-units">
              <thead>
                <tr>
                  <th scope="col">{t('report.col.unit')}</th>
                  <th scope="col">{t('report.col.result')}</th>
                  <th scope="col">{t('report.col.state')}</th>
                </tr>
              </thead>
              <tbody>
                {report.units.map((u) => (
                  <tr key={u.unitId} className={u.figures ? undefined : 'missing'}>
                    <th scope="row">
                      {u.name}
                      <small>{UNIT_KIND_LABELS[u.kind]}</small>
                    </th>
                    <td>{u.figures ? unitResults(u, report.year) : t('report.unitNoFigures')}</td>
                    <td>{u.submitted ? t('report.status.submitted') : t('report.state.none')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <section aria-labelledby="report-figures">
        <h2 id="report-figures">{t('report.section.figures')}</h2>
        {report.figures.length > 0 && (
          <div className="table-scroll">
            <table className="report-table" data-testid="report-figures">
              <thead>
                <tr>
                  <th scope="col">{t('report.col.figure')}</th>
                  <th scope="col">{t('report.col.quarter')}</th>
                  <th scope="col">{t('report.col.cumulative')}</th>
                </tr>
              </thead>
              <tbody>
                {report.figures.map((f) => (
                  <tr key={f.key} data-figure={f.key}>
                    <th scope="row">{f.label}</th>
                    <td>{num(f.quarter)}</td>
                    <td>{num(f.cumulative)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {report.classes.length > 0 && (
          <div className="table-scroll">
            <table className="report-table">
              <caption>{t('report.section.classes')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('report.col.audience')}</th>
                  <th scope="col">{t('report.col.sessions')}</th>
                  <th scope="col">{t('report.col.attendances')}</th>
                  <th scope="col">{t('report.col.walkIns')}</th>
                </tr>
              </thead>
              <tbody>
                {report.classes.map((c) => (
                  <tr key={c.audience}>
                    <th scope="row">{c.label}</th>
                    <td>{formatNumber(c.sessions)}</td>
                    <td>{formatNumber(c.attendances)}</td>
                    <td>{formatNumber(c.walkIns)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="table-scroll">
          <table className="report-table">
            <caption>{t('report.section.activities')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('report.col.kind')}</th>
                <th scope="col">{t('report.col.count')}</th>
                <th scope="col">{t('report.col.reach')}</th>
              </tr>
            </thead>
            <tbody>
              {report.activities
                .filter((a) => a.count > 0)
                .map((a) => (
                  <tr key={a.kind}>
                    <th scope="row">{a.label}</th>
                    <td>{formatNumber(a.count)}</td>
                    <td>{formatNumber(a.reach)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="report-tasks">
        <h2 id="report-tasks">{t('report.section.tasks')}</h2>
        <ol className="report-tasks">
          {report.tasks.map((task) => {
            const heading =
              task.section !== section ? (
                <li className="task-section" key={`s${task.section}`} aria-hidden="true">
                  {task.section}. {APPENDIX_SECTIONS[task.section as keyof typeof APPENDIX_SECTIONS]}
                </li>
              ) : null;
            section = task.section;
            const field = `task${task.no}` as ReportTextField;
            return [
              heading,
              <li key={task.no} value={task.no} className="report-task" data-task={task.no}>
                <p className="task-title">
                  <strong>{task.no}.</strong> {task.title} <small>({task.lead})</small>
                </p>
                {task.figures.length > 0 && (
                  <ul className="task-figures" aria-label={t('report.taskFigures')}>
                    {task.figures.map((f) => (
                      <li key={f.label}>
                        {f.label}: <strong>{formatNumber(f.value)}</strong>
                      </li>
                    ))}
                  </ul>
                )}
                {editing ? (
                  <TextArea field={field} label={t('report.taskResult', { no: task.no })} props={editing} />
                ) : (
                  task.result && <p className="task-result">{task.result}</p>
                )}
              </li>,
            ];
          })}
        </ol>
      </section>

      <section aria-labelledby="report-texts">
        <h2 id="report-texts">{t('report.section.texts')}</h2>
        {editing ? (
          <>
            <TextArea field="difficulties" label={t('report.difficulties')} props={editing} rows={4} />
            <TextArea field="proposals" label={t('report.proposals')} props={editing} rows={4} />
          </>
        ) : (
          <>
            <h3>{t('report.difficulties')}</h3>
            <p className="task-result">{report.difficulties || '–'}</p>
            <h3>{t('report.proposals')}</h3>
            <p className="task-result">{report.proposals || '–'}</p>
          </>
        )}
      </section>

      {editing && (
        <details className="report-document-fields">
          <summary>{t('report.section.document')}</summary>
          <TextInput field="issuingBody" label={t('report.issuingBody')} props={editing} />
          <TextInput field="superiorBody" label={t('report.superiorBody')} props={editing} />
          <TextInput field="docNumber" label={t('report.docNumber')} props={editing} />
          <TextInput field="place" label={t('report.place')} props={editing} />
          <TextInput field="signerTitle" label={t('report.signerTitle')} props={editing} />
          <TextInput field="signerName" label={t('report.signerName')} props={editing} />
          <TextArea field="recipients" label={t('report.recipients')} props={editing} rows={4} />
        </details>
      )}
    </div>
  );
}
