// A real urql client whose server is a function: pages render its answers as from the API.
import { Client, fetchExchange } from 'urql';
import { vi } from 'vitest';

export interface Answered {
  client: Client;
  /** The GraphQL requests the client sent (operation name, variables, headers). */
  requests: { body: { operationName?: string; query: string }; headers: Headers }[];
}

export function clientAnswering(answer: (operationName: string | undefined) => unknown): Answered {
  const requests: Answered['requests'] = [];
  const fetch = vi.fn((_: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(init?.body as string) as { operationName?: string; query: string };
    requests.push({ body, headers: new Headers(init?.headers) });
    return Promise.resolve(Response.json(answer(body.operationName)));
  });
  return {
    client: new Client({ url: '/graphql', exchanges: [fetchExchange], fetch, preferGetMethod: false }),
    requests,
  };
}
