"""disclosure-report --self-test: one Chinese line per step, exit 0 only if all passed."""

import os
import sys
import types

import pytest

from disclosure_report import files, jsonfile, selftest
from disclosure_report.cli import main
from disclosure_report.errors import ReportFileError
from disclosure_report.resources import sample_path as selftest_sample
from disclosure_report.selftest import EXPORTS

REAL_WORKER_STEP = selftest._export_pdf_in_worker  # the fixture below puts a stand-in in its place

# A one-page PDF, enough for the page count (text is not checked without pdftotext).
ONE_PAGE_PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
                b"trailer << /Root 1 0 R >>\n%%EOF\n")


def _run(capsys, *argv):
    code = main(["--self-test", *argv])
    return code, capsys.readouterr().out.splitlines()


def _line(lines, fmt):
    return next(line for line in lines if f"导出并读回 {fmt}" in line)


@pytest.fixture
def fake_office(monkeypatch):
    """DOCX/XLSX stand-ins that store the report as JSON, and a stand-in PDF writer."""
    module = types.ModuleType("fake_office")
    module.write = jsonfile.write_report
    module.read = jsonfile.read_report
    module.write_pdf = lambda report, path: path.write_bytes(ONE_PAGE_PDF)
    monkeypatch.setitem(sys.modules, "fake_office", module)
    monkeypatch.setattr(selftest, "_export_pdf_in_worker", lambda report, folder: "1 页，由程序另起的进程写出")
    for suffix in (".docx", ".xlsx"):
        monkeypatch.setitem(files.WRITERS, suffix, "fake_office:write")
        monkeypatch.setitem(files.READERS, suffix, "fake_office:read")
    monkeypatch.setitem(files.WRITERS, ".pdf", "fake_office:write_pdf")
    # the stand-in PDF has no text: reading it back gives the sample, as a real PDF of it reads
    module.read_pdf = lambda path: jsonfile.read_report(selftest_sample())
    monkeypatch.setitem(files.READERS, ".pdf", "fake_office:read_pdf")
    monkeypatch.setattr(selftest.shutil, "which", lambda name: None)
    return module


@pytest.mark.chinese_font
def test_the_installed_exports_pass_and_a_missing_one_is_named(capsys):
    code, lines = _run(capsys)
    assert lines[1] == "通过  打开内置示例：鄄城县2023年政府信息公开工作年度报告"
    assert lines[2].startswith("通过  核对示例：无错误")
    for suffix in EXPORTS:
        line = _line(lines, suffix[1:].upper())
        if suffix in files.WRITERS:
            assert line.startswith("通过"), line
        else:
            assert line == f"失败  导出并读回 {suffix[1:].upper()}：未包含 {suffix} 导出"
    assert (code == 0) == all(s in files.WRITERS for s in EXPORTS)
    worker = next(line for line in lines if selftest.WORKER_STEP in line)  # the window's way, a real process
    assert worker.startswith("通过") and worker.endswith("由程序另起的进程写出"), worker


def test_a_pdf_worker_that_cannot_start_is_a_failed_step_with_its_reason(capsys, fake_office, monkeypatch):
    from disclosure_report.printing import pdf_process

    monkeypatch.setattr(selftest, "_export_pdf_in_worker", REAL_WORKER_STEP)

    def refused(report, target, options=None):
        raise ReportFileError(f"无法写入 {target.name}：磁盘已满")

    monkeypatch.setattr(pdf_process, "start", refused)
    code, lines = _run(capsys)
    assert code == 1
    assert f"失败  {selftest.WORKER_STEP}：无法写入 示例（后台进程）.pdf：磁盘已满" in lines
    assert lines[-1] == "自检未通过：6 项中 1 项失败"


def test_a_pdf_worker_that_never_ends_is_stopped_and_named(capsys, fake_office, monkeypatch):
    from disclosure_report.printing import pdf_process

    monkeypatch.setattr(selftest, "_export_pdf_in_worker", REAL_WORKER_STEP)
    monkeypatch.setattr(selftest, "WORKER_TIMEOUT_S", -1)
    stopped = []

    class Hanging:
        def wait(self, step):
            try:
                step()  # what Worker.wait calls while it polls; it kills the worker on what this raises
            except BaseException:
                stopped.append(True)
                raise

    monkeypatch.setattr(pdf_process, "start", lambda report, target, options=None: Hanging())
    code, lines = _run(capsys)
    assert code == 1 and stopped == [True]
    assert f"失败  {selftest.WORKER_STEP}：后台进程 -1 秒内未写出 PDF（已结束该进程）" in lines


def test_all_steps_passing_exits_0(capsys, fake_office):
    code, lines = _run(capsys)
    assert code == 0
    assert _line(lines, "DOCX").startswith("通过  导出并读回 DOCX：200 个单元格读回一致")
    assert _line(lines, "PDF").startswith("通过  导出并读回 PDF：1 页（本机没有 pdftotext，未核对文字），200 个单元格读回一致")
    assert lines[-1] == "自检通过：6 项全部通过"


def test_a_missing_writer_is_a_failure_not_a_crash(capsys, fake_office, monkeypatch):
    monkeypatch.delitem(files.WRITERS, ".pdf")
    code, lines = _run(capsys)
    assert code == 1
    assert _line(lines, "PDF") == "失败  导出并读回 PDF：未包含 .pdf 导出"
    assert _line(lines, "XLSX").startswith("通过")
    assert lines[-1] == "自检未通过：6 项中 1 项失败"


def test_a_value_lost_on_reading_back_names_the_cell(capsys, fake_office):
    def lossy_read(path):
        report = jsonfile.read_report(path)
        report.values["applications.new.natural"] = 999
        return report

    fake_office.read = lossy_read
    code, lines = _run(capsys)
    assert code == 1
    line = _line(lines, "DOCX")
    assert line.startswith("失败  导出并读回 DOCX：读回后 1 个单元格与示例不同，如表三“一、本年新收政府信息公开申请数量”行“自然人”列")
    assert line.endswith("读回 999")


def test_a_writer_that_raises_is_reported_with_its_message(capsys, fake_office):
    def broken(report, path):
        raise RuntimeError("没有字体")

    fake_office.write = broken
    code, lines = _run(capsys)
    assert code == 1
    assert _line(lines, "XLSX") == "失败  导出并读回 XLSX：RuntimeError: 没有字体"


def test_a_pdf_read_back_with_a_value_lost_names_the_cell(capsys, fake_office):
    def lossy_read(path):
        report = jsonfile.read_report(selftest_sample())
        report.values["appeals.review.total"] = 7
        return report

    fake_office.read_pdf = lossy_read
    code, lines = _run(capsys)
    assert code == 1
    assert _line(lines, "PDF").startswith("失败  导出并读回 PDF：读回后 1 个单元格与示例不同，如表四")


def test_a_file_that_is_not_a_pdf_fails(capsys, fake_office):
    fake_office.write_pdf = lambda report, path: path.write_bytes(b"<html>")
    code, lines = _run(capsys)
    assert code == 1
    assert _line(lines, "PDF") == "失败  导出并读回 PDF：示例.pdf 不是 PDF 文件"


def test_a_sample_with_table_errors_fails_the_check(capsys, fake_office, monkeypatch, tmp_path, sample):
    sample.manual_totals = True
    sample.values["applications.new.total"] += 1
    broken = tmp_path / "broken.json"
    jsonfile.write_report(sample, broken)
    monkeypatch.setattr("disclosure_report.resources.sample_path", lambda: broken)
    code, lines = _run(capsys)
    assert code == 1
    assert lines[2].startswith("失败  核对示例：示例报告本应无错误，却查出")


def test_qt_is_forced_offscreen(capsys, fake_office, monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    _run(capsys)
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"
