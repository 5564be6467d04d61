"""The seam between result objects and the render layer.

Models and comparison results offer ``str()``, ``to_table()``, ``_repr_html_()`` and
``to_dataframe()``, but they sit below the render layer and never import it. Instead they call
:func:`call` with the name of a view; the render package registers its functions under those
names when it is imported (``drugcompare._render``), and the package facade
(``drugcompare/__init__.py``) installs the loader that imports it on first use. A lower layer
therefore depends only on this module, and the arrows of the layer contract all point one way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["call", "install", "register"]

_views: dict[str, Callable[..., Any]] = {}
_loader: Callable[[], object] | None = None


def register(name: str, view: Callable[..., Any]) -> None:
    """Make ``view`` the function behind the view ``name`` (done by the render package)."""
    _views[name] = view


def install(loader: Callable[[], object]) -> None:
    """Set the function that loads (and so registers) the render package on first use."""
    global _loader
    _loader = loader


def call(name: str, obj: object, /, **options: Any) -> Any:
    """Render ``obj`` with the view ``name`` (``"drug_text"``, ``"effects_html"`` ...)."""
    view = _views.get(name)
    if view is None and _loader is not None:
        _loader()
        view = _views.get(name)
    if view is None:  # pragma: no cover - the facade always installs the loader
        raise RuntimeError(f"no view {name!r} is registered; import drugcompare first")
    return view(obj, **options)
