// The merchandiser console's entry (console.html, served by the API at GET /graphql).
import './workers';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import '../ui/theme.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { httpAuthApi } from '../auth/authApi';
import { Session } from '../auth/session';
import { initialLocale } from '../i18n/locale';
import { ConsoleApp } from './ConsoleApp';

initialLocale();
const session = new Session(httpAuthApi());
const query = new URLSearchParams(window.location.search).get('q') ?? undefined;
const root = document.getElementById('console');
if (!root) throw new Error('console.html has no #console');
createRoot(root).render(
  <StrictMode>
    <ConsoleApp session={session} initialQuery={query} />
  </StrictMode>,
);
