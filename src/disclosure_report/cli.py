"""The ``disclosure-report`` command: check, import and export reports.

With no arguments it opens the window. Every error is one Chinese line on
stderr; exit status 0 (no error found), 1 (errors found), 2 (a file could
not be read or written).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import List, Optional, Sequence

from disclosure_report import __version__
from disclosure_report.errors import ReportFileError

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2

# argparse looks its messages up through the module-level ``_`` at call time;
# these are the ones a clerk can meet.
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少参数：%s",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "expected one argument": "后面缺少一个值",
    "invalid choice: %(value)r (choose from %(choices)s)": "不认识的命令 %(value)r（可用：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "show program's version number and exit": "显示版本号并退出",
}


def _zh(message: str) -> str:
    return _ARGPARSE_ZH.get(message, message)


argparse._ = _zh  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one Chinese line, no usage dump
        self.exit(EXIT_UNREADABLE, f"参数有误：{message}。用法见 disclosure-report --help\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="disclosure-report",
        description="政府信息公开工作年度报告：填写、核对、导出。不带参数运行时打开窗口。",
    )
    parser.add_argument("--version", action="version", version=f"disclosure-report {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="自检：打开内置示例、核对、导出 DOCX/XLSX/PDF 并读回（无需屏幕和网络）")
    commands = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    check = commands.add_parser("check", help="核对报告的表格勾稽关系与跨年度衔接",
                                description="核对一份或多份报告。同一机关上一年度的报告也在其中时，自动核对跨年度衔接。")
    check.add_argument("files", nargs="+", metavar="文件", help="报告文件（.json）")
    check.add_argument("--previous", metavar="上年报告", help="上一年度的报告，用于核对上年结转等")
    check.add_argument("--json", action="store_true", help="以 JSON 输出核对结果")

    imp = commands.add_parser("import", help="读取报告并输出交换格式 JSON")
    imp.add_argument("file", metavar="文件")
    imp.add_argument("-o", "--output", metavar="输出.json", help="写入此文件（缺省输出到屏幕）")

    exp = commands.add_parser("export", help="把报告导出为输出文件扩展名所指的格式")
    exp.add_argument("file", metavar="文件")
    exp.add_argument("-o", "--output", metavar="输出文件", required=True)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        from disclosure_report.ui.app import run_app

        return run_app()
    args = build_parser().parse_args(argv)
    if args.self_test:
        from disclosure_report.selftest import run_self_test

        return run_self_test()
    try:
        if args.command == "check":
            return _check(args.files, args.previous, args.json)
        if args.command == "import":
            return _import(args.file, args.output)
        if args.command == "export":
            return _export(args.file, args.output)
    except ReportFileError as e:
        _fail(str(e))
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        _fail("已取消")
        return EXIT_UNREADABLE
    except Exception as e:  # never a traceback for a clerk
        _fail(f"程序内部错误（{type(e).__name__}: {e}）。文件未被修改；请把出错的文件和这行信息发给技术支持")
        return EXIT_UNREADABLE
    build_parser().print_help()
    return EXIT_OK


def _fail(message: str) -> None:
    print(f"错误：{message}", file=sys.stderr)


def _import(file: str, output: Optional[str]) -> int:
    from disclosure_report.files import read_report
    from disclosure_report.jsonfile import dumps, write_report

    report = read_report(file)
    if output:
        write_report(report, output)
    else:
        sys.stdout.write(dumps(report))
    return EXIT_OK


def _export(file: str, output: str) -> int:
    from disclosure_report.files import read_report, write_report

    report = read_report(file)
    write_report(report, output)
    return EXIT_OK


def _check(files: List[str], previous_file: Optional[str], as_json: bool) -> int:
    from disclosure_report.batch import check_files

    results = check_files([Path(f) for f in files], Path(previous_file) if previous_file else None)
    if as_json:
        json.dump([r.to_json() for r in results], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for result in results:
            sys.stdout.write(result.summary())
    if any(r.error for r in results):
        return EXIT_UNREADABLE
    if any(f.severity == "error" for r in results for f in r.findings):
        return EXIT_FINDINGS
    return EXIT_OK
