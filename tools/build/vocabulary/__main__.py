"""``python -m tools.build.vocabulary [--packaged] [--raw DIR]``: see ``check``."""

from __future__ import annotations

import sys

from .check import main

sys.exit(main())
