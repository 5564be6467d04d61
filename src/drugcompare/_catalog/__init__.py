"""The catalog layer: loading layers, merging them by the rules of docs/merge-rules.md, and
looking drugs and conditions up by name. Comparisons sit above it."""
