import { useEffect, useState } from 'react';
import { type MessageKey, useT } from '../../i18n/i18n';
import { CLOCK_WARNING_MS, clockSetBackMs, useCommuneClock } from '../../state/commune-clock';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const CHECK_EVERY_MS = 30_000;

/** "3 ngày", "5 giờ", "12 phút": the size of the error, in the largest whole unit. */
function amount(ms: number): { key: MessageKey; count: number } {
  if (ms >= DAY) return { key: 'clock.days', count: Math.round(ms / DAY) };
  if (ms >= HOUR) return { key: 'clock.hours', count: Math.round(ms / HOUR) };
  return { key: 'clock.minutes', count: Math.round(ms / MINUTE) };
}

/**
 * Says when the phone's clock is far from the server's (issue 13, kind 6). Ngõ Số already dates
 * everything by the corrected clock, but VNeID codes, bank apps and the phone's own reminders suffer
 * from a wrong clock too, so the helper is told how to set it right.
 */
export function ClockWarning() {
  const t = useT();
  const offset = useCommuneClock((s) => s.offsetMs);
  // A clock set back offline changes nothing in the store: look again now and then.
  const [setBack, setSetBack] = useState(clockSetBackMs);
  useEffect(() => {
    const timer = setInterval(() => setSetBack(clockSetBackMs()), CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, []);
  if (setBack > 0) {
    const { key, count } = amount(setBack);
    return (
      <p className="notice clock-warning" role="status" data-testid="clock-warning">
        {t('clock.setBack', { amount: t(key, { count }) })} {t('clock.setBackFix')}
      </p>
    );
  }
  if (Math.abs(offset) < CLOCK_WARNING_MS) return null;
  const { key, count } = amount(Math.abs(offset));
  return (
    <p className="notice clock-warning" role="status" data-testid="clock-warning">
      {t(offset < 0 ? 'clock.ahead' : 'clock.behind', { amount: t(key, { count }) })} {t('clock.fix')}
    </p>
  );
}
