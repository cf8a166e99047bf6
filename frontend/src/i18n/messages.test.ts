import { describe, expect, it } from 'vitest';

import { registeredMessages } from './messages';

// Every component's messages, registered as their modules load (this folder's messages.ts is
// the machinery, not messages).
const files = import.meta.glob(['../**/messages.ts', '!./messages.ts'], { eager: true });

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  const all = registeredMessages();

  it('are registered for every component that has a messages.ts', () => {
    expect(all).toHaveLength(Object.keys(files).length);
  });

  it.each(all.map((m) => [m.namespace, m] as const))(
    '%s says the same things in Chinese and English',
    (_, messages) => {
      const en = messages.bundles.en;
      const zh = messages.bundles['zh-CN'];
      expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
      for (const [key, english] of Object.entries(en)) {
        const chinese = zh[key] ?? '';
        expect(english.trim(), key).not.toBe('');
        expect(chinese.trim(), key).not.toBe('');
        expect(placeholders(chinese), key).toEqual(placeholders(english));
      }
    },
  );
});
