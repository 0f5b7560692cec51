import { useCallback, useEffect, useState } from "preact/hooks";
import { ApiError } from "../api/http";

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => Promise<void>;
}

/** Load `fetcher()` whenever `deps` change; `reload` fetches again (after a change). */
export function useLoad<T>(fetcher: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const load = useCallback(fetcher, deps);
  const reload = useCallback(async () => {
    try {
      setData(await load());
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "error", String(e)));
    } finally {
      setLoading(false);
    }
  }, [load]);
  useEffect(() => {
    setLoading(true);
    setData(null);
    void reload();
  }, [reload]);
  return { data, error, loading, reload };
}

/** Run a change; its error becomes the message shown in an alert. */
export function useAction(): [string | null, (work: () => Promise<unknown>) => Promise<boolean>, (m: string | null) => void] {
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (work: () => Promise<unknown>) => {
    try {
      await work();
      setError(null);
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return false;
    }
  }, []);
  return [error, run, setError];
}
