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

  it('walk the service loop, each saying who runs it', () => {
    const tabs = exampleTabs();
    for (const tab of tabs) expect(tab.query).toMatch(/^# As: (merchandiser|franchisee|HQ)\b/);
    const all = tabs.map((tab) => tab.query).join('\n');
    for (const step of [
      'orderSend',
      'orderConfirm',
      'pickingStart',
      'shipmentCreate',
      'shipmentRecordEvent',
      'surveyAnswer',
      'complaintCreate',
      'messageSend',
    ])
      expect(all).toContain(`${step}(`);
  });

  it('come in file-name order', () => {
    expect(exampleTabs({ 'b/02_b.graphql': 'query B { b }', 'b/01_a.graphql': 'query A { a }' })).toEqual([
      { query: 'query A { a }' },
      { query: 'query B { b }' },
    ]);
  });
});
