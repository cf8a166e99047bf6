"""Sales: what each store sold of each SKU, day by day."""
