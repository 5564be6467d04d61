"""The public catalog and how catalogs are loaded (the API layer, above comparisons and render)."""
