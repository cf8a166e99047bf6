// The franchisee portal's entry.
import './global.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { httpAuthApi } from '../auth/authApi';
import { Session } from '../auth/session';
import { initialLocale } from '../i18n/locale';
import { App } from './App';

initialLocale();
const session = new Session(httpAuthApi());
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App session={session} />
  </StrictMode>,
);
