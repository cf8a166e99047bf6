"""GraphQL for stores: the store list, merchandiser assignment, preferences, custom fields and workload."""
