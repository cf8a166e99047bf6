import { describe, expect, it } from 'vitest';

import { sortUserErrors } from './fieldErrors';

describe('sortUserErrors', () => {
  it('puts each error beside the field it names and the rest above the form', () => {
    const sorted = sortUserErrors(
      [
        { field: 'input.description', message: 'required' },
        { field: 'input.values.opening_hours', message: 'too long' },
        { field: 'input.storeId', message: 'not found' },
        { field: null, message: 'nothing to change' },
      ],
      ['description', 'values'],
    );
    expect(sorted.byField).toEqual({ description: ['required'], values: ['too long'] });
    expect(sorted.general).toEqual(['not found', 'nothing to change']);
  });
});
