// The console's example operations, one tab each, from api/graphql/console/examples (where the
// API's tests check each one against the schema and run them), in file-name order.
const files = import.meta.glob<string>('../../../api/graphql/console/examples/*.graphql', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export interface ExampleTab {
  query: string;
}

export function exampleTabs(sources: Record<string, string> = files): ExampleTab[] {
  return Object.keys(sources)
    .sort()
    .map((path) => ({ query: sources[path] ?? '' }));
}
