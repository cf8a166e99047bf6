// graphql-http's serverAudits (the GraphQL over HTTP spec's audit suite) against a /graphql URL.
// Usage: node audit.mjs http://127.0.0.1:PORT/graphql
// Prints one JSON line per audit: {"id", "name", "status": "ok"|"warn"|"notice"|"error", "reason"}.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL');
  process.exit(2);
}
for (const audit of serverAudits({ url })) {
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
