// `virtual:schema-introspection`: the API's schema (../schema.graphql) as graphcache reads it,
// made at build time so that no generated copy of the whole schema is committed or goes stale.
import { readFileSync } from 'node:fs';

import { getIntrospectedSchema, minifyIntrospectionQuery } from '@urql/introspection';
import type { Plugin } from 'vite';

const ID = 'virtual:schema-introspection';
const RESOLVED = `\0${ID}`;

export function schemaIntrospection(schemaPath: string): Plugin {
  return {
    name: 'peihuo-schema-introspection',
    resolveId: (id) => (id === ID ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null;
      this.addWatchFile(schemaPath);
      const introspection = minifyIntrospectionQuery(
        getIntrospectedSchema(readFileSync(schemaPath, 'utf8')),
        {
          includeScalars: false,
          includeEnums: false,
          includeInputs: false,
          includeDirectives: false,
        },
      );
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(introspection))});`;
    },
  };
}
