"""GraphQL for the demand forecast: one store's expected units per SKU."""
