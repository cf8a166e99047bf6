"""Bulk import and export of stores, products, stock and sales from CSV and XLSX files."""
