import { useCallback, useEffect, useState } from 'react';
import { requestPersistentStorage } from '../../pwa/service-worker';

export interface StorageStatus {
  usage: number | undefined;
  quota: number | undefined;
  persisted: boolean;
}

export function useStorageStatus() {
  const [status, setStatus] = useState<StorageStatus | undefined>();
  const refresh = useCallback(async () => {
    const storage = navigator.storage;
    const estimate = storage?.estimate ? await storage.estimate() : undefined;
    const persisted = storage?.persisted ? await storage.persisted() : false;
    setStatus({ usage: estimate?.usage, quota: estimate?.quota, persisted });
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const requestPersist = useCallback(async () => {
    await requestPersistentStorage();
    await refresh();
  }, [refresh]);
  return { status, requestPersist };
}

export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}
