import { useState } from 'react';
import type { ClassSession } from '../../../core/schemas';
import { classRepository, type TopicRecordResult } from '../../db/class-repository';
import { useT } from '../../i18n/i18n';
import { useMemberName } from '../../state/member-name';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { saveFailedMessage } from '../../ui/use-save-form';
import { formatDay } from './class-format';

/**
 * Records the class topic as observed for everyone present, after saying plainly what will be
 * written and that residents without consent are left out; then says what was done.
 */
export function RecordTopic({ session, presentCount }: { session: ClassSession; presentCount: number }) {
  const t = useT();
  const memberName = useMemberName();
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<TopicRecordResult | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  // Whoever records it on this phone; without a name set, the trainer who saw them at the class.
  const by = memberName ?? session.trainer;
  const topic = t(`skill.${session.topic}`);

  async function record() {
    setConfirming(false);
    setFailure(undefined);
    try {
      setResult(await classRepository.recordTopicForPresent(session.id, by));
    } catch (error) {
      setFailure(saveFailedMessage(t, error));
    }
  }

  const summary = result && [
    t('classes.recordDone', { count: result.recorded }),
    ...(result.withoutConsentNames.length > 0
      ? [t('classes.recordWithoutConsentNamed', { names: result.withoutConsentNames.join(', ') })]
      : result.withoutConsent > 0
        ? [t('classes.recordWithoutConsent', { count: result.withoutConsent })]
        : []),
    ...(result.alreadyRecorded > 0 ? [t('classes.recordAlready', { count: result.alreadyRecorded })] : []),
  ];

  return (
    <div className="record-topic">
      {presentCount === 0 ? (
        <p className="hint">{t('classes.recordNobody')}</p>
      ) : (
        <>
          <button type="button" className="button primary wide" onClick={() => setConfirming(true)}>
            {t('classes.record', { topic })}
          </button>
          <p className="hint">{t('classes.recordHint')}</p>
        </>
      )}
      <div role="status">{summary && <p className="notice record-result">{`${summary.join('; ')}.`}</p>}</div>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('classes.recordTitle')}
        body={t('classes.recordBody', { topic, date: formatDay(session.date), by })}
        confirmLabel={t('classes.recordConfirm')}
        onConfirm={record}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}
