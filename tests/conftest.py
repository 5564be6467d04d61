from __future__ import annotations

import pytest

import drugcompare as dc


@pytest.fixture(scope="session")
def catalog() -> dc.Catalog:
    """The default catalog (every packaged layer)."""
    return dc.default_catalog()
