"""Sorted text sections read by bisection on their bytes: the packaged index (``index.tsv``) and
the packaged suggestion index (``suggest.tsv``) are files of ``#title`` sections of sorted
``key<TAB>rest`` lines. Nothing here imports the models, so a lookup that misses can answer from
these files before any drug is built."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .._errors import DatasetError
from .._text import IDENTIFIER

__all__ = ["Section", "SortedKeys", "find_sections"]


class Section:
    """Sorted ``key<TAB>rest`` lines inside a bytes buffer, searched by bisection on the bytes
    themselves (UTF-8 sorts like the code points the build sorted), so loading costs nothing."""

    __slots__ = ("_data", "_end", "_lines", "_start")

    def __init__(self, data: bytes, start: int, end: int) -> None:
        self._data = data
        self._start = start
        self._end = end
        self._lines: list[str] | None = None

    @property
    def start(self) -> int:
        """Offset of the section's first line in the buffer."""
        return self._start

    def lower_bound(self, prefix: bytes) -> int:
        """Offset of the first line that is >= ``prefix``."""
        data, lo, hi = self._data, self._start, self._end
        while lo < hi:
            mid = (lo + hi) // 2
            start = data.rfind(b"\n", lo, mid) + 1 or lo
            start = max(start, lo)
            stop = data.find(b"\n", start, self._end)
            stop = self._end if stop < 0 else stop
            if data[start:stop] < prefix:
                lo = stop + 1
            else:
                hi = start
        return lo

    def matching(self, key: str, *, whole_line: bool = False) -> Iterator[str]:
        """The rest of every line whose key is ``key`` (``whole_line``: lines that are just
        ``key``, each giving ``""``)."""
        if whole_line:
            encoded = key.encode("utf-8")
            position = self.lower_bound(encoded)
            stop = self._data.find(b"\n", position, self._end)
            stop = self._end if stop < 0 else stop
            if position < self._end and self._data[position:stop] == encoded:
                yield ""
            return
        prefix = key.encode("utf-8") + b"\t"
        data = self._data
        position = self.lower_bound(prefix)
        while position < self._end and data.startswith(prefix, position):
            stop = data.find(b"\n", position, self._end)
            stop = self._end if stop < 0 else stop
            yield data[position + len(prefix) : stop].decode("utf-8")
            position = stop + 1

    def lines(self) -> list[str]:
        if self._lines is None:
            text = self._data[self._start : self._end].decode("utf-8")
            self._lines = text.split("\n") if text else []
        return self._lines

    def __len__(self) -> int:
        return len(self.lines())


class SortedKeys:
    """The packaged merged name index: sorted ``key<TAB>drug id<TAB>kind<TAB>text`` lines."""

    def __init__(self, section: Section) -> None:
        self._section = section
        self._keys: list[str] | None = None
        self._memo: dict[str, dict[str, tuple[int, str]] | None] = {}

    def get(self, key: str, /) -> dict[str, tuple[int, str]] | None:
        try:
            return self._memo[key]
        except KeyError:
            pass
        found: dict[str, tuple[int, str]] = {}
        for rest in self._section.matching(key):
            drug_id, kind, text = rest.split("\t")
            found[drug_id] = (int(kind), text)
        if len(self._memo) < 65536:  # names people look up again; bounded
            self._memo[key] = found or None
        return found or None

    def keys(self) -> Iterable[str]:
        if self._keys is None:
            self._keys = list(
                dict.fromkeys(line.partition("\t")[0] for line in self._section.lines())
            )
        return self._keys

    def suggestible(self) -> Iterable[str]:
        """Keys with at least one name, brand or synonym entry (not only identifiers)."""
        return dict.fromkeys(
            line.partition("\t")[0]
            for line in self._section.lines()
            if int(line.split("\t", 3)[2]) < IDENTIFIER
        )


def find_sections(data: bytes, file: str) -> dict[str, Section]:
    """The ``#title`` sections of a packaged sorted-sections file, found without splitting them
    into lines."""
    sections: dict[str, Section] = {}
    position = 0
    while position < len(data):
        if not data.startswith(b"#", position):
            raise DatasetError(f"{file}: expected a section title", file=file)
        title_end = data.index(b"\n", position)
        title = data[position + 1 : title_end].decode("ascii")
        start = title_end + 1
        following = _next_title(data, title_end)
        end = len(data) if following < 0 else following + 1
        body_end = end - 1 if end > start and data[end - 1 : end] == b"\n" else end
        sections[title] = Section(data, start, max(start, body_end))
        position = end
    return sections


def _next_title(data: bytes, position: int) -> int:
    """Offset of the newline before the next ``#title`` line after ``position`` (-1: none).
    Searches for the rare ``#`` and checks the newline before it: searching for ``"\n#"``
    stops at every line."""
    found = data.find(b"#", position + 1)
    while found > 0 and data[found - 1] != 0x0A:
        found = data.find(b"#", found + 1)
    return found - 1 if found > 0 else -1
