import { useCallback, useState } from 'react';
import type { ApiError } from '@contract/errors';
import { toApiError } from '../../api/client';

export type Save<T = unknown> =
  | { state: 'idle' }
  | { state: 'busy' }
  | { state: 'saved'; value: T; note?: string }
  | { state: 'failed'; error: ApiError };

/**
 * The one save flow of the settings sections: busy while an action runs,
 * then saved (with its answer) or failed (with its ApiError, for the words).
 */
export function useSave<T>() {
  const [save, setSave] = useState<Save<T>>({ state: 'idle' });
  const run = useCallback(async (action: () => Promise<T>, note?: (value: T) => string): Promise<T | null> => {
    setSave({ state: 'busy' });
    try {
      const value = await action();
      setSave({ state: 'saved', value, note: note?.(value) });
      return value;
    } catch (err) {
      setSave({ state: 'failed', error: toApiError(err) });
      return null;
    }
  }, []);
  const reset = useCallback(() => setSave({ state: 'idle' }), []);
  return { save, run, reset };
}
