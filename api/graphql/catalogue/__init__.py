"""GraphQL for the catalogue: styles (products) and their SKUs."""
