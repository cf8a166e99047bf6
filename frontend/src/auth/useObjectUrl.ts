// An authenticated file shown in the page (a complaint's photo): fetched with the session's
// token into memory, as a blob: URL that lives as long as the component.
import { useEffect, useState } from 'react';

import { authorizedFetch } from './authorizedFetch';
import { useSession } from './sessionContext';

export function useObjectUrl(url: string): string | undefined {
  const session = useSession();
  const [objectUrl, setObjectUrl] = useState<string>();
  useEffect(() => {
    let live = true;
    let made: string | undefined;
    void authorizedFetch(session, url)
      .then(async (response) => (response.ok ? response.blob() : null))
      .then((blob) => {
        if (!blob || !live) return;
        made = URL.createObjectURL(blob);
        setObjectUrl(made);
      })
      .catch(() => undefined); // the alt text stands in for a photo that did not come
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [session, url]);
  return objectUrl;
}
