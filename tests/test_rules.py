"""The rule registry: one declaration per rule, the CLI's list and selection, docs/rules.md."""

import json
import re
from pathlib import Path

from disclosure_report.checks import run_checks
from disclosure_report.checks.rules import RULES, rules_markdown
from disclosure_report.cli import main
from disclosure_report.format import load_format
from disclosure_report.resources import sample_path

SRC = Path(__file__).parent.parent / "src" / "disclosure_report"
DOCS_RULES = Path(__file__).parent.parent / "docs" / "rules.md"


def test_docs_rules_md_is_generated_from_the_registry():
    assert DOCS_RULES.read_text(encoding="utf-8") == rules_markdown(), \
        "docs/rules.md is stale: run `python tests/test_rules.py`"


def test_no_finding_is_made_outside_the_registry():
    literal = re.compile(r"\bFinding\(")
    offenders = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
                 if p.name not in ("findings.py", "rules.py") and literal.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_every_relation_of_the_format_names_a_declared_rule():
    assert {r.rule for r in load_format().relations} <= set(RULES)


def test_rules_that_are_arithmetic_cannot_be_settled():
    for rule_id in ("applications.row_total", "applications.handled_sum", "applications.balance",
                    "appeals.total", "cell.value"):
        assert not RULES[rule_id].settleable


def test_list_rules_prints_every_rule(capsys):
    assert main(["check", "--list-rules"]) == 0
    out = capsys.readouterr().out
    for rule_id, rule in RULES.items():
        assert rule_id in out and rule.summary in out


def _findings(capsys, *args):
    code = main(["check", "--json", *args])
    return code, [f["rule"] for f in json.loads(capsys.readouterr().out)[0]["findings"]]


def test_select_and_ignore_by_id_and_family(capsys):
    sample_file = sample_path()
    code, every = _findings(capsys, str(sample_file))
    assert "text.parts_sum" in every  # the seed's 41+28+9+6=84
    code, only = _findings(capsys, str(sample_file), "--select", "text")
    assert only and all(r.startswith("text.") for r in only)
    code, rest = _findings(capsys, str(sample_file), "--ignore", "text.parts_sum")
    assert "text.parts_sum" not in rest and len(rest) == len(every) - every.count("text.parts_sum")


def test_an_unknown_rule_is_one_chinese_line(capsys):
    sample_file = sample_path()
    assert main(["check", str(sample_file), "--select", "text.figures"]) == 2
    err = capsys.readouterr().err
    assert "没有名为“text.figures”的规则" in err and err.count("\n") == 1


def test_a_finding_takes_its_severity_from_the_registry(sample):
    for finding in run_checks(sample):
        assert finding.severity == RULES[finding.rule].severity


if __name__ == "__main__":
    DOCS_RULES.write_text(rules_markdown(), encoding="utf-8")
    print(f"wrote {DOCS_RULES}")
