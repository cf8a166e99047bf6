/// <reference types="vitest/config" />
// Two entries share one build: the franchisee portal (index.html) and the merchandiser console
// (console.html, GraphiQL), so the portal never carries GraphiQL and Monaco.
import { resolve } from 'node:path';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

import { schemaIntrospection } from './plugins/schemaIntrospection.ts';

// The app's server when developing with `npm run dev` (`make demo` serves on 8000).
const API = process.env.PEIHUO_API ?? 'http://127.0.0.1:8000';
const API_PATHS = ['/graphql', '/auth', '/orders', '/webhooks', '/healthz'];

export default defineConfig({
  plugins: [react(), schemaIntrospection(resolve(import.meta.dirname, '..', 'schema.graphql'))],
  build: {
    // A source map per chunk lets a stack trace from a user's phone be read; never inlined.
    sourcemap: true,
    // GraphiQL's Monaco editor is one large chunk of the console only.
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      // GraphiQL's packages carry React-compiler directives that bundling drops harmlessly.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
      input: {
        portal: resolve(import.meta.dirname, 'index.html'),
        console: resolve(import.meta.dirname, 'console.html'),
      },
    },
  },
  server: {
    // The console's example operations live with the API (api/graphql/console/examples).
    fs: { allow: [resolve(import.meta.dirname, '..')] },
    proxy: Object.fromEntries(API_PATHS.map((path) => [path, { target: API }])),
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    restoreMocks: true,
    // Two cores shared with other work: user-event typing and lazy pages take their time.
    testTimeout: 20_000,
  },
});
