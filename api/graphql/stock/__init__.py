"""GraphQL for HQ stock, warehouses and store inventory."""
