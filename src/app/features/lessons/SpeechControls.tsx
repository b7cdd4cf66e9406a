import { useId } from 'react';
import { useT } from '../../i18n/i18n';
import type { PieceRef } from './lesson-pieces';
import { rateChoice, SPEECH_RATE_CHOICES, SPEECH_RATES, useLessonSettings } from './lesson-settings';
import type { ReadingState } from './use-read-aloud';

const NO_VOICE_STEPS = [
  'lessons.noVoice.1',
  'lessons.noVoice.2',
  'lessons.noVoice.3',
  'lessons.noVoice.4',
] as const;

/** "Đọc to cả thẻ" / "Dừng", the reading speed, and what to do when the phone cannot read aloud. */
export function SpeechBar({
  state,
  onReadAll,
  onStop,
}: {
  state: ReadingState;
  onReadAll: () => void;
  onStop: () => void;
}) {
  const t = useT();
  const reading = state.phase === 'speaking' || state.phase === 'preparing';
  return (
    <section className="lesson-speech" aria-label={t('lessons.readAll')}>
      <button type="button" className="button primary lesson-read-all" onClick={reading ? onStop : onReadAll}>
        <span aria-hidden="true">{reading ? '■' : '▶'}</span>
        {reading ? t('lessons.stop') : t('lessons.readAll')}
      </button>
      <RateChoice />
      {state.phase === 'silent' && <NoVoiceHelp unsupported={state.reason === 'unsupported'} />}
      {state.phase === 'failed' && (
        <p className="error" role="alert">
          {t('lessons.speechFailed', { error: state.error })}
        </p>
      )}
    </section>
  );
}

/** The reading speed as three big choices; kept on this phone (lesson-settings.ts). */
function RateChoice() {
  const t = useT();
  const id = useId();
  const rate = useLessonSettings((s) => s.speechRate);
  const setRate = useLessonSettings((s) => s.setSpeechRate);
  const current = rateChoice(rate);
  return (
    <fieldset className="lesson-rate">
      <legend>{t('lessons.rate')}</legend>
      <div className="lesson-rate-options">
        {SPEECH_RATE_CHOICES.map((choice) => (
          <span key={choice} className="lesson-rate-option">
            <input
              type="radio"
              id={`${id}-${choice}`}
              name={`${id}-rate`}
              checked={current === choice}
              onChange={() => setRate(SPEECH_RATES[choice])}
            />
            <label htmlFor={`${id}-${choice}`}>{t(`lessons.rate.${choice}`)}</label>
          </span>
        ))}
      </div>
    </fieldset>
  );
}

/** Said plainly: no Vietnamese voice (and how to add one on Android), or no speech at all. */
function NoVoiceHelp({ unsupported }: { unsupported: boolean }) {
  const t = useT();
  if (unsupported) {
    return (
      <p className="notice lesson-no-voice" role="alert">
        {t('lessons.unsupported')}
      </p>
    );
  }
  return (
    <div className="notice lesson-no-voice" role="alert">
      <p className="lesson-no-voice-title">{t('lessons.noVoice')}</p>
      <p>{t('lessons.noVoiceHow')}</p>
      <ol>
        {NO_VOICE_STEPS.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ol>
      <p className="hint">{t('lessons.noVoiceNote')}</p>
    </div>
  );
}

/**
 * While a card is read: what is being read and a big "Dừng đọc" at the bottom of the screen, under
 * the thumb of a helper holding the phone in one hand towards the resident.
 */
export function NowReading({
  state,
  refs,
  steps,
  onStop,
}: {
  state: ReadingState;
  refs: readonly PieceRef[];
  steps: number;
  onStop: () => void;
}) {
  const t = useT();
  if (state.phase !== 'speaking' && state.phase !== 'preparing') return null;
  const ref = state.phase === 'speaking' && state.piece !== undefined ? refs[state.piece] : undefined;
  const words =
    state.phase === 'preparing'
      ? t('lessons.preparing')
      : ref?.kind === 'step'
        ? t('lessons.nowStep', { n: ref.index + 1, total: steps })
        : ref?.kind === 'warning'
          ? t('lessons.nowWarning')
          : t('lessons.nowIntro');
  return (
    <div className="lesson-now-reading no-print">
      <p role="status" data-testid="now-reading">
        {words}
      </p>
      <button type="button" className="button primary" onClick={onStop}>
        <span aria-hidden="true">■</span>
        {t('lessons.stopReading')}
      </button>
    </div>
  );
}
