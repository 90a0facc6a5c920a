"""The text rules read a section block by block and keep what each block yields (issue 13): the findings
are exactly those of reading each section at once, after any edit, and the kept readings stay bounded."""

import copy
import random

import pytest

from disclosure_report.checks import run_checks
from disclosure_report.checks.text import check_text, facts, memo, scan
from disclosure_report.files import read_report
from disclosure_report.resources import sample_path
from text_corpus import corpus_reports
from text_reports import bureau_report, county_report

# pieces of text that move the readings across paragraph boundaries
_INSERTS = ["\n", "\n", "其中", "\n其中", "，其中", "（二）依申请公开情况\n", "\n（三）行政复议情况\n维持1件。",
            "\n予以公开21件。", "部分公开3件，", "行政复议2件，其中维持1件。", "\n2022年，", "\n2023年，本机关",
            "信息处理费", "\n（六）信息处理费\n", "未收取信息处理费。", "\n无\n", "统计期限自2022年1月1日起"]


def _json(findings):
    return [f.to_json() for f in findings]


def _read_at_once(report, previous, monkeypatch):
    """check_text with every section read as one block and nothing kept."""
    with monkeypatch.context() as m:
        for module in (memo, scan, facts):
            m.setattr(module, "blocks", lambda text: [(0, text)])
        memo.forget_all()
        found = check_text(report, previous)
    memo.forget_all()
    return found


def _reports():
    reports = [report for _, report, _ in corpus_reports()] + [read_report(sample_path()), bureau_report()]
    county, last_year = county_report()
    return [(r, None) for r in reports] + [(county, last_year)]


def _edited(rng, report):
    report = copy.deepcopy(report)
    for section, text in list(report.text.items()):
        if not text:
            continue
        for _ in range(rng.randint(1, 8)):
            pos = rng.randint(0, len(text))
            if rng.random() < 0.6:
                text = text[:pos] + rng.choice(_INSERTS) + text[pos:]
            else:
                text = text[:pos] + text[pos + rng.randint(1, 12):]
        report.text[section] = text
    for path in list(report.values):
        if isinstance(report.values[path], int) and rng.random() < 0.2:
            report.values[path] += rng.randint(1, 4)
    return report


@pytest.fixture(autouse=True)
def nothing_kept():
    memo.forget_all()
    yield
    memo.forget_all()  # nor cut with another _BLOCK_MAX


@pytest.mark.parametrize("every_piece", [False, True])
def test_reading_block_by_block_finds_what_reading_each_section_at_once_finds(monkeypatch, every_piece):
    if every_piece:  # the smallest blocks there can be: every paragraph (with its 其中 lines) alone
        monkeypatch.setattr(memo, "_BLOCK_MAX", 0)
    rng = random.Random(13)
    cases = _reports()
    cases += [(_edited(rng, report), previous) for report, previous in cases for _ in range(6)]
    compared = 0
    for report, previous in cases:
        found = check_text(report, previous)
        assert _json(found) == _json(_read_at_once(report, previous, monkeypatch))
        compared += len(found)
    assert compared > 200  # the edits do make findings to compare


def test_after_each_keystroke_and_cell_commit_the_findings_are_those_of_a_first_check(monkeypatch):
    report = read_report(sample_path())
    report.text["overview"] = "\n".join([report.text["overview"]] * 6)
    rng = random.Random(7)
    check_text(report)
    for step in range(60):
        text = report.text["overview"]
        pos = rng.randint(0, len(text))
        if step % 5 == 4:  # a cell commit
            report.values["applications.new.natural"] = rng.randint(0, 200)
        elif step % 7 == 3:
            report.text["overview"] = text[:pos] + text[pos + 1:]
        else:
            report.text["overview"] = text[:pos] + rng.choice(_INSERTS + ["字", "8", "件"]) + text[pos:]
        kept = _json(run_checks(report))
        memo.forget_all()
        assert kept == _json(run_checks(report)), f"step {step}"


@pytest.mark.parametrize("block_max", [0, 50, 2000])
def test_an_edited_text_is_cut_into_the_blocks_a_first_cut_makes(monkeypatch, block_max):
    monkeypatch.setattr(memo, "_BLOCK_MAX", block_max)
    base = read_report(sample_path()).text["overview"]
    text = "\n".join([base] * 8)
    rng = random.Random(block_max)
    for _ in range(400):
        pos = rng.randint(0, len(text))
        if rng.random() < 0.6:
            text = text[:pos] + rng.choice(["字", "\n", "其中", "\n其中", "。\n", "　其中", base[:80]]) + text[pos:]
        else:
            text = text[:pos] + text[pos + rng.randint(1, 40):]
        assert memo.blocks(text) == memo._cut(text, 0)[0]


def test_a_figure_is_read_within_its_line():
    report = read_report(sample_path())
    report.values["applications.new.total"] = 5
    report.text["overview"] = "本年度收到政府信息公开申请80件。"
    assert any("80件" in f.message for f in check_text(report) if f.rule == "text.figure")
    report.text["overview"] = "本年度收到政府信息公开申请\n80件。"  # a paragraph break between them: no figure
    assert not [f for f in check_text(report) if f.rule == "text.figure"]


def test_a_memo_keeps_its_budget_and_forgets_the_least_recently_used():
    kept = memo.Memo(1200)  # three entries of 300 characters (and memo.Memo.ENTRY each)
    made = []

    def make(key):
        made.append(key)
        return key.upper()

    for key in ("a" * 300, "b" * 300, "c" * 300):
        assert kept.get(key, len(key), lambda key=key: make(key)) == key.upper()
    kept.get("a" * 300, 300, lambda: make("a" * 300))  # kept: not made again, and now the most recent
    assert len(made) == 3
    kept.get("d" * 300, 300, lambda: make("d" * 300))  # over budget: "b…", the least recently used, goes
    entries, held = kept.held()
    assert held <= 1200 and entries == 3
    kept.get("b" * 300, 300, lambda: make("b" * 300))
    assert made[-1] == "b" * 300 and len(made) == 5


def test_a_large_report_edited_many_times_holds_a_bounded_amount_of_text():
    memo.forget_all()
    report = read_report(sample_path())
    base = report.text["overview"]
    for n in range(40):  # forty different texts of 60,000 characters
        report.text["overview"] = ("\n".join([f"{n}{base}"] * 44))[:60_000]
        check_text(report)
    _, held = memo.held_by_all()
    assert held <= sum(m.budget for m in memo._ALL)
    assert held < 40 * 60_000 * len(memo._ALL)  # far from everything checked
