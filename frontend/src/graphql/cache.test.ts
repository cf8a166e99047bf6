import schema from 'virtual:schema-introspection';
import { describe, expect, it } from 'vitest';

import { embeddedTypeKeys } from './cache';

describe('embeddedTypeKeys', () => {
  const keys = embeddedTypeKeys(schema);

  it('keeps types without an id inside their parent', () => {
    for (const name of ['Viewer', 'PageInfo', 'StoreConnection', 'StoreEdge', 'Tenant']) {
      expect(keys[name]?.({ __typename: name })).toBeNull();
    }
  });

  it('leaves Relay nodes to be normalised by their global id', () => {
    for (const name of ['Store', 'User', 'Order']) expect(keys).not.toHaveProperty(name);
    expect(Object.keys(keys).every((name) => !name.startsWith('__'))).toBe(true);
  });
});
