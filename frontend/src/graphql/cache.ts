// graphcache configured from the schema: Relay nodes are normalised by their global id;
// types without an id (payloads, connections, edges, values) are kept inside their parent.
import { cacheExchange, type KeyingConfig } from '@urql/exchange-graphcache';
import type { IntrospectionQuery } from 'graphql';
import schema from 'virtual:schema-introspection';

/** A null key for every object type that has no `id` field (embedded in its parent). */
export function embeddedTypeKeys(introspection: IntrospectionQuery): KeyingConfig {
  const keys: KeyingConfig = {};
  for (const type of introspection.__schema.types) {
    if (type.kind !== 'OBJECT' || type.name.startsWith('__')) continue;
    if (!type.fields.some((field) => field.name === 'id')) keys[type.name] = () => null;
  }
  return keys;
}

/** The normalised cache exchange of the portal's client. */
export function createCacheExchange() {
  return cacheExchange({ schema, keys: embeddedTypeKeys(schema) });
}
