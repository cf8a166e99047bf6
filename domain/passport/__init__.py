"""The store's service passport (档案): its profile plus every contact with it."""
