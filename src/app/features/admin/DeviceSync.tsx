import { useState } from 'react';
import { type Translate, useT } from '../../i18n/i18n';
import { ApiFailure } from '../../sync/api-client';
import { type DeviceSyncStatus as Device, listDeviceSync } from './admin-api';
import { useServerData } from './use-server-data';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** "3 ngày trước", "5 giờ trước", "vừa xong": how long before `now` (both ms) `at` was. */
export function timeAgo(t: Translate, at: number, now: number): string {
  const ms = Math.max(0, now - at);
  if (ms < 2 * MINUTE_MS) return t('devices.justNow');
  if (ms < HOUR_MS) return t('devices.minutesAgo', { count: Math.floor(ms / MINUTE_MS) });
  if (ms < DAY_MS) return t('devices.hoursAgo', { count: Math.floor(ms / HOUR_MS) });
  return t('devices.daysAgo', { count: Math.floor(ms / DAY_MS) });
}

/** Its own words, not the accounts part's: both parts fail together when the connection is gone. */
function failureMessage(t: Translate, failure: unknown): string {
  if (failure instanceof ApiFailure && failure.code === 'network') return t('devices.offline');
  const code = failure instanceof ApiFailure ? failure.code : String(failure);
  return t('devices.failed', { code });
}

function DeviceLine({ device, now, days }: { device: Device; now: number; days: number }) {
  const t = useT();
  const pending = device.pendingChanges;
  return (
    <li className={device.stale ? 'admin-item stale' : 'admin-item'}>
      <div className="admin-item-text">
        <span className="item-title">{device.displayName}</span>
        {device.stale && (
          <span>
            <span className="badge warn">{t('devices.stale', { days })}</span>
          </span>
        )}
        <span className="item-meta">
          {t('devices.owner', { device: device.deviceName, username: device.username })}
        </span>
        <span className={device.stale ? undefined : 'item-meta'}>
          {device.lastSyncAt === null
            ? t('devices.neverSynced')
            : t('devices.lastSync', { when: timeAgo(t, Date.parse(device.lastSyncAt), now) })}
        </span>
        {pending !== null && (
          <span className={device.stale && pending > 0 ? undefined : 'item-meta'}>
            {pending === 0
              ? t('devices.nothingPending')
              : t(device.stale ? 'devices.pendingStale' : 'devices.pending', { count: pending, days })}
          </span>
        )}
        {device.status === 'expired' && <span className="item-meta">{t('devices.expired')}</span>}
      </div>
    </li>
  );
}

/**
 * Each phone's last sync and the changes waiting on it (issue 16, item 4), for commune officers (every
 * account's phones) and leads (their members'): the phones silent for more than a few days are shown,
 * marked in words and ⚠, so a phone that stopped syncing is noticed while its work can still be saved;
 * the others (a commune's 50 phones would push the villages and accounts off the screen) one tap away.
 * The server decides which are stale and sorts them; this shows it.
 */
export function DeviceSync({ token }: { token: string }) {
  const t = useT();
  const { data: list, failure, load } = useServerData(token, listDeviceSync);
  const [showAll, setShowAll] = useState(false);

  const days = list?.staleAfterDays ?? 0;
  const now = list ? Date.parse(list.serverTime) : 0;
  const stale = list?.devices.filter((d) => d.stale).length ?? 0;
  const others = (list?.devices.length ?? 0) - stale;
  const shown = list?.devices.filter((d) => d.stale || showAll) ?? [];
  return (
    <section aria-labelledby="admin-devices">
      <h2 id="admin-devices">{t('devices.title')}</h2>
      {failure !== undefined && (
        <div className="notice">
          <p className="error" role="alert">
            {failureMessage(t, failure)}
          </p>
          <button type="button" className="button small" onClick={() => void load()}>
            {t('devices.retry')}
          </button>
        </div>
      )}
      {list === undefined && failure === undefined && <p>{t('app.loading')}</p>}
      {list !== undefined &&
        (list.devices.length === 0 ? (
          <p className="empty">{t('devices.none')}</p>
        ) : (
          <>
            <p className={stale > 0 ? 'notice' : 'item-meta'} data-testid="device-sync-summary">
              {stale > 0 ? t('devices.attention', { count: stale, days }) : t('devices.allFine', { days })}
            </p>
            {shown.length > 0 && (
              <ul className="list" data-testid="admin-device-list">
                {shown.map((device) => (
                  <DeviceLine key={device.id} device={device} now={now} days={days} />
                ))}
              </ul>
            )}
            {others > 0 && (
              <button
                type="button"
                className="button small"
                aria-expanded={showAll}
                onClick={() => setShowAll(!showAll)}
              >
                {showAll ? t('devices.hideOthers') : t('devices.showOthers', { count: others })}
              </button>
            )}
          </>
        ))}
    </section>
  );
}
