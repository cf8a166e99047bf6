"""A merchandiser's workload: stores served, open proposals, orders and sales (built on stores,
orders, sales and the catalogue, which know nothing of it)."""
