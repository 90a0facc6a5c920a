"""Text the library and every file can hold: no lone surrogates, no NUL, no other control characters.

A lone surrogate (``\\ud800``, from a broken JSON file or a faulty paste)
cannot be encoded as UTF-8, so no save would ever succeed; NUL and the
other control characters (except tab and line breaks) are invisible, break
Word and the printing, and were never meant. Text entering the program
(files read, text typed or pasted) is cleaned here, and the clerk is told
what was removed.
"""

from __future__ import annotations

import re
from typing import List, Tuple

from disclosure_report.model import Report

# C0 controls but tab, line feed and carriage return; DEL and the C1 controls; surrogates (only lone
# ones survive in a Python str)
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_FIELD_LABELS = {"organ": "机关名称", "title": "报告标题", "contact.address": "联系地址",
                 "contact.phone": "联系电话", "contact.website": "网站"}


def clean(text: str) -> Tuple[str, List[str]]:
    """text without what cannot be stored, and the characters taken out (U+D800 …)."""
    removed = [f"U+{ord(ch):04X}" for ch in _UNSTORABLE.findall(text)]
    return (_UNSTORABLE.sub("", text), removed) if removed else (text, [])


def removal_note(where: str, removed: List[str]) -> str:
    shown = "、".join(dict.fromkeys(removed[:5]))
    return f"{where}中有 {len(removed)} 个无法保存的字符（{shown}）"


def clean_report(report: Report) -> List[str]:
    """Clean every text of report in place; one Chinese note per text that was changed (什么 中有 N 个…)."""
    notes = []
    for key, label in _FIELD_LABELS.items():
        holder, name = (report.contact, key.split(".", 1)[1]) if key.startswith("contact.") else (report, key)
        text, removed = clean(getattr(holder, name))
        if removed:
            setattr(holder, name, text)
            notes.append(removal_note(f"“{label}”", removed))
    for text_id, body in report.text.items():
        text, removed = clean(body)
        if removed:
            report.text[text_id] = text
            notes.append(removal_note(f"“{report.format.text_label(text_id)}”", removed))
    for path, printed in list(report.import_notes.items()):
        report.import_notes[path] = clean(printed)[0]
    return notes
