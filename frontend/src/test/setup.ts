// Vitest set-up: DOM matchers, a clean DOM, storage and language before each test.
import '@testing-library/jest-dom/vitest';

import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';

import { i18n } from '../i18n/i18n';

// Pages load lazily: the first import of one is transformed on demand, slowly on a busy machine.
configure({ asyncUtilTimeout: 8000 });

beforeEach(async () => {
  window.localStorage.clear();
  window.sessionStorage.clear();
  await i18n.changeLanguage('en');
});

afterEach(() => {
  cleanup();
});
