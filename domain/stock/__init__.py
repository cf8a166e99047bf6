"""Stock: HQ warehouses and their levels per SKU, and what each store has on hand."""
