// The staff landing page: who they are here, and where their tools are.
import { useQuery } from 'urql';

import { graphqlUrl } from '../../graphql/urls';
import { withoutData } from '../../ui/QueryError/withoutData';
import { StaffTools } from '../components/StaffTools/StaffTools';
import { StaffPageQuery } from '../queries';

export function StaffPage() {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: StaffPageQuery });
  if (!data) return withoutData({ fetching, error }, reexecute);
  return <StaffTools viewer={data.me} consoleUrl={graphqlUrl} />;
}
