"""Coverage-guided fuzzing of name lookup, search and suggestions (atheris / libFuzzer).

    python fuzz/fuzz_lookup.py -max_total_time=60 fuzz/corpus/lookup

Any input must give an answer or a documented ``DrugCompareError``; anything else is a crash.
"""

from __future__ import annotations

import contextlib
import sys

import atheris

with atheris.instrument_imports():
    import drugcompare as dc
    from drugcompare import _catalog, _data, _text  # noqa: F401 - instrumented for coverage

CATALOG = dc.default_catalog()


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    text = provider.ConsumeUnicodeNoSurrogates(provider.ConsumeIntInRange(0, 120))
    key = _text.normalize(text)
    assert key == _text.normalize(key)  # folding is idempotent
    for call in (
        lambda: CATALOG.get_drug(text),
        lambda: CATALOG.search_drugs(text, limit=3),
        lambda: CATALOG.lookup_drug(text),
        lambda: CATALOG.get_condition(text),
    ):
        with contextlib.suppress(dc.DrugCompareError):
            call()


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
