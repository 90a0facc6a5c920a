"""What the text rules read from a text, kept between checks within a bounded number of characters,
and the blocks a text is read in.

The window checks the whole report on every keystroke and every cell commit; most of the text is then
what it was a moment ago. A ``Memo`` keeps the latest results by their key (a text, or a paragraph and
what its reading depends on) and forgets the least recently used beyond its budget of characters, so a
report of any size costs a bounded amount of memory. The checks may run on several threads at once (the
window and a batch check): entries are never changed once made, and the table is guarded by a lock.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from threading import Lock
from typing import Callable, Generic, Hashable, List, Tuple, TypeVar

T = TypeVar("T")
_ALL: List[Memo] = []


class Memo(Generic[T]):
    def __init__(self, budget: int):
        self.budget = budget  # characters of text held (each entry counts at least ENTRY characters)
        self._entries: OrderedDict[Hashable, Tuple[T, int]] = OrderedDict()
        self._held = 0
        self._lock = Lock()
        _ALL.append(self)

    ENTRY = 64  # what an entry costs besides its text (an empty line is no free entry)

    def get(self, key: Hashable, size: int, make: Callable[[], T]) -> T:
        """The kept result for key, or make() kept at the cost of size characters."""
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found[0]
        value = make()
        cost = size + self.ENTRY
        with self._lock:
            if key not in self._entries:
                self._entries[key] = (value, cost)
                self._held += cost
                while self._held > self.budget and len(self._entries) > 1:
                    _, (_, freed) = self._entries.popitem(last=False)
                    self._held -= freed
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._held = 0

    def held(self) -> Tuple[int, int]:
        """(entries, characters) held now."""
        with self._lock:
            return len(self._entries), self._held


def forget_all() -> None:
    """Empty every memo (tests compare a first reading with a kept one)."""
    for memo in _ALL:
        memo.clear()


def held_by_all() -> Tuple[int, int]:
    """(entries, characters) all memos hold now."""
    counts = [memo.held() for memo in _ALL]
    return sum(n for n, _ in counts), sum(c for _, c in counts)


# a line that goes on with the sentence before (Passage.opens_with_qizhong): no piece ends before it
_CONTINUES = re.compile(r"[ \t　，,]{0,4}其中")
_EVERY = 16  # about one line in _EVERY ends a block
_BLOCK_MAX = 2000  # characters after which a block ends at the next piece end


def _blocks(text: str) -> List[Tuple[int, str]]:
    """(offset, text) of the blocks a section is read in: a few whole pieces each.

    A block ends after a line chosen by the line's own length and last character (about one line in
    _EVERY), or once it is longer than _BLOCK_MAX; never before a line that opens with 其中. So a keystroke
    changes the block it falls in, now and then the one next to it, and the other blocks keep their text
    and their kept reading.
    """
    found = []
    start = offset = 0
    lines = text.split("\n")
    for i, line in enumerate(lines[:-1]):
        end = offset + len(line)
        after = lines[i + 1]
        if not ("其中" in after[:6] and _CONTINUES.match(after)):
            chosen = ((len(line) + ord(line[-1])) if line else 0) % _EVERY == _EVERY - 1
            if chosen or end - start >= _BLOCK_MAX:
                found.append((start, text[start:end]))
                start = end + 1
        offset = end + 1
    found.append((start, text[start:]))
    return found


_kept_blocks: Memo[List[Tuple[int, str]]] = Memo(1_000_000)


def blocks(text: str) -> List[Tuple[int, str]]:
    """(offset, text) of the blocks a section is read in (_blocks), kept for the checks that follow."""
    return _kept_blocks.get(text, len(text), lambda: _blocks(text))
