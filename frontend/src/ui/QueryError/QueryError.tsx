// A page's data could not be loaded: says whether the network or the server failed.
import { Button, ErrorBlock } from 'antd-mobile';
import type { CombinedError } from 'urql';

import { useMessages } from '../../i18n/messages';
import { messages } from './messages';

export function QueryError({ error, onRetry }: { error: CombinedError; onRetry: () => void }) {
  const t = useMessages(messages);
  return (
    <div role="alert">
      <ErrorBlock
        status="default"
        title={t('title')}
        description={error.networkError ? t('network') : t('server')}
      >
        <Button color="primary" onClick={onRetry}>
          {t('retry')}
        </Button>
      </ErrorBlock>
    </div>
  );
}
