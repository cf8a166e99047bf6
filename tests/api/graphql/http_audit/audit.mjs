// graphql-http's serverAudits (the GraphQL over HTTP spec's audit suite) against a /graphql URL.
// Usage: [GRAPHQL_AUDIT_AUTHORIZATION='Bearer …'] node audit.mjs http://127.0.0.1:PORT/graphql
// With GRAPHQL_AUDIT_AUTHORIZATION every request carries it (the API answers introspection,
// which some audits use, only to signed-in clients).
// Prints one JSON line per audit: {"id", "name", "status": "ok"|"warn"|"notice"|"error", "reason"}.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL');
  process.exit(2);
}
const authorization = process.env.GRAPHQL_AUDIT_AUTHORIZATION;
const fetchFn = authorization
  ? (input, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', authorization);
      return fetch(input, { ...init, headers });
    }
  : fetch;
for (const audit of serverAudits({ url, fetchFn })) {
  const result = await audit.fn();
  const line = { id: audit.id, name: audit.name, status: result.status };
  if (result.status !== 'ok') {
    line.reason = result.reason;
    if (result.response) {
      line.responseStatus = result.response.status;
      line.responseType = result.response.headers.get('content-type');
    }
  }
  console.log(JSON.stringify(line));
}
