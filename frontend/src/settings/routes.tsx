// The settings page, its own chunk.
import { lazy } from 'react';

export const SettingsRoute = lazy(() =>
  import('./views/SettingsPage').then((m) => ({ default: m.SettingsPage })),
);
