// Reads a resource, reads it again whenever `key` changes (a new query, or a change elsewhere on the page that
// moves it) and every `refreshSeconds` while the page is visible (so product activity shows without a reload).
// A refresh that fails keeps the last data and reports the error.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  reload: () => Promise<void>;
  set: (data: T) => void;
}

export function useResource<T>(read: () => Promise<T>, { refreshSeconds = 0, key = "" }: { refreshSeconds?: number; key?: unknown } = {}): Resource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const readRef = useRef(read);
  readRef.current = read;
  const reload = useCallback(async () => {
    try {
      setData(await readRef.current());
      setError(undefined);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => { void reload(); }, [reload, JSON.stringify(key)]);
  useEffect(() => {
    if (refreshSeconds <= 0) return;
    const timer = setInterval(() => { if (document.visibilityState === "visible") void reload(); }, refreshSeconds * 1000);
    return () => clearInterval(timer);
  }, [reload, refreshSeconds]);
  return { data, error, reload, set: setData };
}
