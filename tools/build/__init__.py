"""Reproducible build of drugcompare's packaged data layers (dev-only; never imported at run time)."""
