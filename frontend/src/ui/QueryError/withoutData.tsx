// What a view shows while its query has no data: the spinner while it loads, else the error
// with a retry that goes to the network (or nothing, before the query has run).
import type { ReactElement } from 'react';
import type { CombinedError } from 'urql';

import { Pending } from '../Pending/Pending';
import { QueryError } from './QueryError';

export function withoutData(
  { fetching, error }: { fetching: boolean; error?: CombinedError },
  reexecute: (context: { requestPolicy: 'network-only' }) => void,
): ReactElement | null {
  if (fetching) return <Pending />;
  return error ? (
    <QueryError
      error={error}
      onRetry={() => {
        reexecute({ requestPolicy: 'network-only' });
      }}
    />
  ) : null;
}
