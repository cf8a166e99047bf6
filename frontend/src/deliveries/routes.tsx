// The deliveries pages, each its own chunk.
import { lazy } from 'react';

export const DeliveriesRoute = lazy(() =>
  import('./views/DeliveriesPage').then((m) => ({ default: m.DeliveriesPage })),
);
export const SurveyRoute = lazy(() => import('./views/SurveyPage').then((m) => ({ default: m.SurveyPage })));
