"""Sphinx configuration: MyST Markdown and notebooks (myst-nb), furo theme, autodoc API reference.

Every code cell of the guide pages and of the tutorial notebook is executed at build time, so the
outputs shown are the library's own; an error in a cell fails the build (``-W`` also turns every
warning into an error in CI: ``sphinx-build -W --keep-going -b html docs docs/_build/html``).
"""

from __future__ import annotations

import drugcompare

project = "drugcompare"
author = "drugcompare developers"
copyright = "drugcompare developers; data under each source's licence"  # noqa: A001
release = drugcompare.__version__
version = release

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx_copybutton",
]

source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "jupyter_execute", "**.ipynb_checkpoints", ".gitignore"]
root_doc = "index"

# --- MyST and notebook execution
myst_enable_extensions = ["colon_fence", "deflist", "html_image"]
myst_heading_anchors = 3
nb_execution_mode = "force"
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_timeout = 180
nb_merge_streams = True
nb_output_stderr = "warn"

# curation.md (owned by the curators) sketches its TOML schema with placeholders such as "[...]",
# which Pygments' TOML lexer rejects; Sphinx then highlights the block in relaxed mode. That
# message is the only warning let through: every other warning fails the build.
suppress_warnings = ["misc.highlighting_failure"]

# --- API reference
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_preserve_defaults = True
add_module_names = False
python_display_short_literal_types = True

# --- HTML
html_theme = "furo"
html_title = f"drugcompare {release}"
html_static_path = ["_static"]
html_css_files = ["custom.css"]
html_show_sourcelink = False
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
