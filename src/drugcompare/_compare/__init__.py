"""The comparison layer: pure functions over resolved drugs, their typed results and similarity."""

SECTIONS = ("adverse_effects", "indications", "withdrawal", "similarity")
"""The sections of a comparison, in the order they are shown (here, so that the command line
can offer them without importing the models)."""
