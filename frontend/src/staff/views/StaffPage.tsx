// The staff landing page: who they are here, and where their tools are.
import { useQuery } from 'urql';

import { graphqlUrl } from '../../graphql/urls';
import { Pending } from '../../ui/Pending/Pending';
import { QueryError } from '../../ui/QueryError/QueryError';
import { StaffTools } from '../components/StaffTools/StaffTools';
import { StaffPageQuery } from '../queries';

export function StaffPage() {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: StaffPageQuery });
  if (fetching && !data) return <Pending />;
  if (!data) {
    return error ? (
      <QueryError
        error={error}
        onRetry={() => {
          reexecute({ requestPolicy: 'network-only' });
        }}
      />
    ) : null;
  }
  return <StaffTools viewer={data.me} consoleUrl={graphqlUrl} />;
}
