"""A section as the figure rules read it, paragraph by paragraph, kept between checks (issue 13).

The figure rules look no further than a sentence, the sentence before one that opens with 其中 and the
part heading above (（二）依申请公开情况), and a figure stands on one line. So a section is read in pieces —
a paragraph with the paragraphs that go on from it with 其中 — and what a piece yields is kept, keyed by
its text and all it depends on: whether the heading above names 依申请, the organ, the year, the section.
A keystroke rereads the one paragraph it changed, a cell commit rereads none: only the comparison with the
table (figure_findings, change_findings) runs on every check. The findings are those of reading the whole
section at once (tests/test_text_scan.py compares the two).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import List, Optional, Tuple

from disclosure_report.checks.findings import Finding, Span
from disclosure_report.checks.text.figures import Compared, compared_figures, find_mentions, stated_changes
from disclosure_report.checks.text.memo import Memo, blocks
from disclosure_report.checks.text.parts import parts_findings
from disclosure_report.checks.text.passage import Passage
from disclosure_report.checks.text.quantities import Vocabulary

# characters of text whose reading is kept: a few reports of the largest size the editor takes
_pieces: Memo[_Piece] = Memo(1_000_000)
_sections: Memo[SectionScan] = Memo(1_000_000)


@dataclass(frozen=True)
class _Piece:
    """What one piece yields, its offsets counted from the piece's start."""

    passage: Passage
    compared: Tuple[Compared, ...]
    changes: Tuple[re.Match, ...]
    parts: Tuple[Finding, ...]  # text.parts_sum needs no table values
    ends_in_applications_part: bool


@dataclass(frozen=True)
class Piece:
    offset: int  # where the piece starts in its section
    passage: Passage
    compared: Tuple[Compared, ...]
    changes: Tuple[re.Match, ...]


@dataclass(frozen=True)
class SectionScan:
    pieces: Tuple[Piece, ...]  # those with figures to compare
    parts: Tuple[Finding, ...]


def scan_section(section: str, text: str, where: str, organ: str, year: Optional[int],
                 words: Vocabulary) -> SectionScan:
    """What the figure rules read in a section (kept while the text is unchanged)."""
    return _sections.get((section, text, where, organ, year, words), len(text),
                         lambda: _scan(section, text, where, organ, year, words))


def _scan(section: str, text: str, where: str, organ: str, year: Optional[int], words: Vocabulary) -> SectionScan:
    kept: List[Piece] = []
    parts: List[Finding] = []
    applications = False  # under a heading that names 依申请
    for offset, piece_text in blocks(text):
        if not piece_text.strip():
            continue  # no figure, no heading
        key = (section, piece_text, where, organ, year, words, applications)
        read = _pieces.get(key, len(piece_text),
                           lambda: _read(section, piece_text, where, organ, year, applications, words))  # noqa: B023
        applications = read.ends_in_applications_part
        if read.compared or read.changes:
            kept.append(Piece(offset, read.passage, read.compared, read.changes))
        parts += shifted(read.parts, offset)
    return SectionScan(tuple(kept), tuple(parts))


def _read(section: str, text: str, where: str, organ: str, year: Optional[int], applications: bool,
          words: Vocabulary) -> _Piece:
    passage = Passage(section, text, where, applications, words)
    mentions = find_mentions(passage, organ, year)
    return _Piece(passage, tuple(compared_figures(passage, mentions)), tuple(stated_changes(passage, organ, year)),
                  tuple(parts_findings(passage, mentions)), passage.ends_in_applications_part())


def shifted(findings, offset: int) -> List[Finding]:
    """The findings with their passages moved by offset characters."""
    if not offset:
        return list(findings)
    return [replace(f, span=Span(f.span.section, f.span.start + offset, f.span.end + offset)) if f.span else f
            for f in findings]
