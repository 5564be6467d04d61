"""The comparison layer: pure functions over resolved drugs, their typed results and similarity."""
