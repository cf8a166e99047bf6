"""GraphQL for the tenant's policies: read by staff, changed by HQ."""
