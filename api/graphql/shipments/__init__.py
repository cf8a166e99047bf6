"""GraphQL for shipments, tracking, pick lists and carriers."""
