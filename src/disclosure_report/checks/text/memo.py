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
from typing import Callable, Dict, Generic, Hashable, List, Optional, Tuple, TypeVar

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
    with _recent_lock:
        _recent.clear()


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
    and their kept reading. A text that is a recent one edited is cut again only from the block before the
    edit to the first block after it that starts where one started before (_edited): the same blocks.
    """
    with _recent_lock:
        recent = list(_recent)
    best = None
    for old, old_blocks in recent:
        prefix = _common_prefix(old, text)
        suffix = _common_suffix(old, text, min(len(old), len(text)) - prefix)
        if best is None or prefix + suffix > best[0]:
            best = (prefix + suffix, old, old_blocks, prefix, suffix)
    if best is not None and best[0] >= len(text) // 2:
        found = _edited(text, *best[1:])
    else:
        found = _cut(text, 0)[0]
    with _recent_lock:
        _recent.append((text, found))
        del _recent[:-_RECENT]
    return found


_RECENT = 4  # texts kept to cut an edited one against (one for each section being typed in)
_recent: List[Tuple[str, List[Tuple[int, str]]]] = []
_recent_lock = Lock()


def _cut(text: str, start: int, old_starts: Optional[Dict[int, int]] = None,
         unchanged_from: int = 0) -> Tuple[List[Tuple[int, str]], Optional[int]]:
    """The blocks of text from start (where a block starts) on; given old_starts (where blocks started
    before the edit, in this text's offsets), it stops at the first of them at or after unchanged_from:
    (blocks, the offset it stopped at or None)."""
    found = []
    offset = start  # the line's start
    while True:
        end = text.find("\n", offset)
        if end < 0:
            break
        after = text[end + 1:end + 7]  # the next line's opening (_CONTINUES looks no further)
        if "\n" in after:
            after = after[:after.index("\n")]
        if not ("其中" in after and _CONTINUES.match(after)):
            line = end - offset
            chosen = ((line + ord(text[end - 1])) if line else 0) % _EVERY == _EVERY - 1
            if chosen or end - start >= _BLOCK_MAX:
                found.append((start, text[start:end]))
                start = end + 1
                if old_starts is not None and start >= unchanged_from and start in old_starts:
                    return found, start
        offset = end + 1
    found.append((start, text[start:]))
    return found, None


def _edited(text: str, old: str, old_blocks: List[Tuple[int, str]], prefix: int,
            suffix: int) -> List[Tuple[int, str]]:
    """The blocks of text, an edit of old whose first prefix and last suffix characters are unchanged."""
    kept = 0  # blocks wholly before the edit, their end and the next line's opening too
    while kept < len(old_blocks) - 1 and old_blocks[kept][0] + len(old_blocks[kept][1]) + 7 <= prefix:
        kept += 1
    start = old_blocks[kept][0] if kept else 0
    moved = len(text) - len(old)
    old_starts = {offset + moved: i for i, (offset, _) in enumerate(old_blocks) if offset + moved >= start}
    found, stopped = _cut(text, start, old_starts, len(text) - suffix)
    if stopped is not None:
        found += [(offset + moved, block) for offset, block in old_blocks[old_starts[stopped]:]]
    return old_blocks[:kept] + found


def _common_prefix(a: str, b: str) -> int:
    n, i, step = min(len(a), len(b)), 0, 4096
    while i < n and a[i:min(i + step, n)] == b[i:min(i + step, n)]:
        i += step
    if i >= n:
        return n
    lo, hi = i, min(i + step, n)  # a[:lo] == b[:lo], a[:hi] != b[:hi]
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid
    return lo


def _common_suffix(a: str, b: str, most: int) -> int:
    """How many last characters a and b share, at most most."""
    n, i, step = most, 0, 4096
    la, lb = len(a), len(b)
    while i < n and a[la - min(i + step, n):la - i] == b[lb - min(i + step, n):lb - i]:
        i += step
    if i >= n:
        return n
    lo, hi = i, min(i + step, n)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[la - mid:la - lo] == b[lb - mid:lb - lo]:
            lo = mid
        else:
            hi = mid
    return lo


_kept_blocks: Memo[List[Tuple[int, str]]] = Memo(1_000_000)


def blocks(text: str) -> List[Tuple[int, str]]:
    """(offset, text) of the blocks a section is read in (_blocks), kept for the checks that follow."""
    return _kept_blocks.get(text, len(text), lambda: _blocks(text))
