// The complaints pages, each its own chunk.
import { lazy } from 'react';

export const ComplaintsRoute = lazy(() =>
  import('./views/ComplaintsPage').then((m) => ({ default: m.ComplaintsPage })),
);
export const NewComplaintRoute = lazy(() =>
  import('./views/NewComplaintPage').then((m) => ({ default: m.NewComplaintPage })),
);
