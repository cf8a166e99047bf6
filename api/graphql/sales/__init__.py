"""GraphQL for daily sales: POS feeds in, summaries out."""
