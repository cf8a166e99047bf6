// The messages page, its own chunk.
import { lazy } from 'react';

export const MessagesRoute = lazy(() =>
  import('./views/MessagesPage').then((m) => ({ default: m.MessagesPage })),
);
