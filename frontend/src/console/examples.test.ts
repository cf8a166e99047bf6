import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';

import { exampleTabs } from './examples';

describe('exampleTabs', () => {
  it('are the API’s example operations, each a valid document', () => {
    const tabs = exampleTabs();
    expect(tabs.length).toBeGreaterThanOrEqual(6);
    for (const tab of tabs) expect(() => parse(tab.query)).not.toThrow();
    expect(tabs[0]?.query).toContain('me');
  });

  it('come in file-name order', () => {
    expect(exampleTabs({ 'b/02_b.graphql': 'query B { b }', 'b/01_a.graphql': 'query A { a }' })).toEqual([
      { query: 'query A { a }' },
      { query: 'query B { b }' },
    ]);
  });
});
