// The API's schema, minified for graphcache (made by plugins/schemaIntrospection.ts).
declare module 'virtual:schema-introspection' {
  import type { IntrospectionQuery } from 'graphql';

  const introspection: IntrospectionQuery;
  export default introspection;
}
