// Unsent input kept on this device, so a dropped network or a closed tab loses nothing:
// the text is there again when the person comes back, until it is sent.
import { useCallback, useState } from 'react';

function read<T>(key: string, initial: T): T {
  try {
    const stored = window.localStorage.getItem(key);
    return stored === null ? initial : { ...initial, ...(JSON.parse(stored) as Partial<T>) };
  } catch {
    return initial;
  }
}

/** A value mirrored in localStorage under `peihuo.draft.<key>`; `clear` forgets it (sent). */
export function useDraft<T extends object>(key: string, initial: T): [T, (next: T) => void, () => void] {
  const storageKey = `peihuo.draft.${key}`;
  const [value, setValue] = useState<T>(() => read(storageKey, initial));
  const update = useCallback(
    (next: T) => {
      setValue(next);
      try {
        window.localStorage.setItem(storageKey, JSON.stringify(next));
      } catch {
        // storage full or disabled: the draft lasts this page only
      }
    },
    [storageKey],
  );
  const clear = useCallback(() => {
    setValue(initial);
    try {
      window.localStorage.removeItem(storageKey);
    } catch {
      // nothing stored
    }
    // `initial` is a fresh literal each render; the cleared value is the first one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storageKey]);
  return [value, update, clear];
}
