"""The catalogue: products (styles) and their SKUs."""
