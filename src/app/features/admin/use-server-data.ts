import { type Dispatch, type SetStateAction, useCallback, useEffect, useState } from 'react';

/**
 * What an admin screen loads from the server only (the accounts, the phones' sync): loaded when the
 * screen opens, with the failure kept to be shown, and `load` to try again. `setData` updates the value
 * after an edit the server confirmed.
 *
 * @param fetcher a module-level function (stable), called with the session's token
 */
export function useServerData<T>(
  token: string,
  fetcher: (token: string) => Promise<T>,
): {
  data: T | undefined;
  setData: Dispatch<SetStateAction<T | undefined>>;
  failure: unknown;
  load: () => Promise<void>;
} {
  const [data, setData] = useState<T | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const load = useCallback(async () => {
    setFailure(undefined);
    try {
      setData(await fetcher(token));
    } catch (error) {
      setFailure(error);
    }
  }, [token, fetcher]);

  useEffect(() => {
    void load();
  }, [load]);
  return { data, setData, failure, load };
}
