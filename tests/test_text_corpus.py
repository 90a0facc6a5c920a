"""The text rules on real published reports: ≥ 95 % of findings right, every real mismatch found."""

from text_corpus import score, totals


def test_text_rules_are_right_on_the_real_reports():
    results = score()
    found, right, expected, precision, recall = totals(results)
    assert precision >= 0.95, [(r.name, r.found) for r in results if r.right < len(r.found)]
    assert recall == 1.0, [m for r in results for m in r.missed]
    assert expected >= 8 and len(results) >= 8
    assert len({r.name.split(' ')[0] for r in results}) >= 10  # distinct published reports


_INNER = str.maketrans("“”", "‘’")


def test_every_text_finding_on_the_corpus_quotes_its_passage():
    from disclosure_report.checks import run_checks
    from text_corpus import corpus_reports

    for _, report, _ in corpus_reports():
        for finding in run_checks(report):
            if finding.rule in ("text.figure", "text.parts_sum"):
                quoted = report.text[finding.span.section][finding.span.start:finding.span.end]
                assert quoted[:6].translate(_INNER) in finding.message  # its own “” shown as ‘’ inside the quotation
