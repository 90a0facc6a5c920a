"""The ``disclosure-report`` command: check, import and export reports.

With no arguments it opens the window. Every error is one Chinese line on
stderr; exit status 0 (no error found), 1 (errors found), 2 (a file could
not be read or written), as the help says (EXIT_CODES_HELP).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Dict, Optional, Sequence

from disclosure_report import __version__
from disclosure_report.errors import ReportFileError

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
EXIT_CODES_HELP = ("退出状态：0 未发现错误（或已完成）；1 发现错误，或有单位未计入汇总；"
                   "2 文件无法读取或写入、参数有误")

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
        epilog=EXIT_CODES_HELP,
    )
    # the version action's help is fixed when argparse is imported, before _zh: given here
    parser.add_argument("--version", action="version", help="显示版本号并退出",
                        version=f"政府信息公开工作年度报告编制工具（disclosure-report）版本 {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="自检：打开内置示例、核对、导出 DOCX/XLSX/PDF 并读回（无需屏幕和网络）")
    commands = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    check = commands.add_parser("check", epilog=EXIT_CODES_HELP, help="核对报告的表格勾稽关系与跨年度衔接",
                                description="核对一份或多份报告。同一机关上一年度的报告也在其中时，自动核对跨年度衔接。")
    check.add_argument("files", nargs="*", metavar="文件", help="报告文件（.docx、.json 等，可用 *.docx 一次核对整个文件夹）")
    check.add_argument("--previous", metavar="上年报告", help="上一年度的报告，用于核对上年结转等")
    check.add_argument("--json", action="store_true", help="以 JSON 输出核对结果")
    check.add_argument("--list-rules", action="store_true", help="列出全部核对规则（编号、级别、要求）后退出")
    check.add_argument("--select", nargs="+", default=(), metavar="规则",
                       help="只报告这些规则的结果（规则编号或类别，如 text、applications.balance）")
    check.add_argument("--ignore", nargs="+", default=(), metavar="规则", help="不报告这些规则的结果")

    imp = commands.add_parser("import", epilog=EXIT_CODES_HELP, help="读取报告并输出交换格式 JSON")
    imp.add_argument("file", metavar="文件", help="报告文件（.docx、.xlsx、.json 等）")
    imp.add_argument("-o", "--output", metavar="输出.json", help="写入此文件（缺省输出到屏幕）")

    exp = commands.add_parser("export", epilog=EXIT_CODES_HELP, help="把报告导出为输出文件扩展名所指的格式")
    exp.add_argument("file", metavar="文件", help="要导出的报告文件")
    exp.add_argument("-o", "--output", metavar="输出文件", required=True,
                     help="导出到此文件：.docx、.xlsx、.pdf、.json 等，按扩展名决定格式")
    exp.add_argument("--values", action="store_true",
                     help="导出 .xlsx 时只含各表数值（供统计人员使用），而不是给下级单位的填报表")
    exp.add_argument("--watermark", choices=("草稿", "送审稿", "征求意见稿", "无"),
                     help="导出 .pdf 时每页的斜向水印（缺省：草稿；公开发布的定稿用“无”）")
    exp.add_argument("--blank", action="store_true", help="导出 .pdf 时只印三张统计表，各格为空，供纸上填报")
    exp.add_argument("--local-fonts", action="store_true",
                     help="导出 .docx 时用本机字体（仿宋、楷体、黑体），代替普通 Windows 电脑没有的"
                          "仿宋_GB2312、楷体_GB2312、方正小标宋简体")

    con = commands.add_parser("consolidate", epilog=EXIT_CODES_HELP, help="把各单位报来的报表汇总为本级报告",
                              description="逐项相加各单位的报表（填报表 .xlsx、报告 .docx/.json）。另一年度的、"
                                          "同一单位重复的、自身核对有错误的单位不计入，并说明原因。")
    con.add_argument("files", nargs="+", metavar="文件", help="各单位报来的文件")
    con.add_argument("-o", "--output", metavar="输出文件", required=True, help="汇总结果，按扩展名导出")
    con.add_argument("--breakdown", metavar="明细.xlsx", help="另存各单位明细：每个数字由哪些单位构成")
    con.add_argument("--include-failing", action="store_true", help="自身核对有错误的单位也计入（请先核实）")
    con.add_argument("--organ", metavar="机关名称", default="", help="汇总报告的机关名称")
    con.add_argument("--against", metavar="上报的汇总报告",
                     help="与已有的汇总报告（如全县报告）逐格对照，列出与各单位之和不一致的格及各单位所占份额")
    con.add_argument("--year", type=_year_argument, metavar="年度", help="汇总年度（缺省按多数单位的年度）")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    from disclosure_report.console import make_output_readable

    make_output_readable()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        from disclosure_report.ui.app import run_app

        return run_app()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "check" and not (args.files or args.list_rules):
        parser.error("缺少参数：文件")
    if args.self_test:
        from disclosure_report.selftest import run_self_test

        return run_self_test()
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "import":
            return _import(args.file, args.output)
        if args.command == "export":
            return _export(args.file, args.output, args.values, args.watermark, args.blank, args.local_fonts)
        if args.command == "consolidate":
            return _consolidate(args)
    except ReportFileError as e:
        _fail(str(e))
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        _fail("已取消")
        return EXIT_UNREADABLE
    except Exception as e:  # never a traceback for a clerk: it goes to the log file
        from disclosure_report import errorlog

        errorlog.record(f"命令行 {args.command}")
        _fail(f"程序内部错误（{type(e).__name__}: {e}）；请把出错的文件和这行信息发给技术支持")
        return EXIT_UNREADABLE
    build_parser().print_help()
    return EXIT_OK


def _fail(message: str) -> None:
    print(f"错误：{message}", file=sys.stderr)


def _import(file: str, output: Optional[str]) -> int:
    from disclosure_report.files import read_report_naming_it
    from disclosure_report.jsonfile import dumps, write_report

    report = read_report_naming_it(file)
    if output:
        write_report(report, output)
    else:
        sys.stdout.write(dumps(report))
    return EXIT_OK


def _export(file: str, output: str, values_only: bool = False, watermark: Optional[str] = None,
            blank: bool = False, local_fonts: bool = False) -> int:
    from disclosure_report.files import read_report_naming_it, write_report

    if values_only and Path(output).suffix.lower() != ".xlsx":
        raise ReportFileError(f"--values 只用于导出 .xlsx，{Path(output).name} 不是 .xlsx 文件")
    if (watermark or blank) and Path(output).suffix.lower() != ".pdf":
        raise ReportFileError(f"--watermark 和 --blank 只用于导出 .pdf，{Path(output).name} 不是 .pdf 文件")
    if local_fonts and Path(output).suffix.lower() != ".docx":
        raise ReportFileError(f"--local-fonts 只用于导出 .docx，{Path(output).name} 不是 .docx 文件")
    report = read_report_naming_it(file)
    if local_fonts:
        from disclosure_report.word.export import write_report as write_docx
        from disclosure_report.word.typography import LOCAL_FACES

        write_docx(report, output, LOCAL_FACES)
    elif values_only:
        from disclosure_report.excel.values import write_values

        write_values(report, output)
    elif watermark or blank:
        from disclosure_report.printing.marking import FINAL, PrintOptions, blank_form_options
        from disclosure_report.printing.pdf import write_pdf

        settings: Dict[str, Any] = {} if watermark is None else {"watermark": FINAL if watermark == "无" else watermark}
        write_pdf(report, output, blank_form_options(**settings) if blank else PrintOptions(**settings))
    else:
        write_report(report, output)
    print(f"已导出：{Path(output).resolve()}")
    return EXIT_OK


def _year_argument(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"“{text}”不是四位数年份，如 2024")
    return int(text)


def _consolidate(args) -> int:
    from disclosure_report.consolidate import consolidate, read_units
    from disclosure_report.files import WRITERS, naming_file, write_report

    if Path(args.output).suffix.lower() not in WRITERS:
        raise ReportFileError(f"无法导出为 {Path(args.output).name}：可导出为 {'、'.join(sorted(WRITERS))}")
    if args.breakdown and Path(args.breakdown).suffix.lower() != ".xlsx":
        raise ReportFileError(f"明细只能存为 .xlsx，{Path(args.breakdown).name} 不是 .xlsx 文件")

    def progress(done: int, total: int, source: str) -> None:
        print(f"\r读取 {done}/{total}", end="\n" if done == total else "", file=sys.stderr, flush=True)

    units = read_units(args.files, progress if sys.stderr.isatty() else None)
    result = consolidate(units, args.organ, args.year, args.include_failing)
    for note in result.notes:
        print(f"提示：{note}")
    for unit, came_in in zip(result.units, units):
        if came_in.report is None:  # the reader's refusal says why, naming the file once
            print(f"未计入  {naming_file(came_in.error or '无法读取', unit.source)}")
            continue
        reason = f"：{unit.reason}" if unit.reason else ""
        print(f"{'计入' if unit.included else '未计入'}  {unit.source}（{unit.organ or '未填单位名称'}）{reason}")
    if not result.included:
        raise ReportFileError("没有可以计入汇总的单位，未写出文件")
    write_report(result.report, args.output)
    if args.breakdown:
        from disclosure_report.excel.breakdown import write_breakdown

        try:
            write_breakdown(result, args.breakdown)
        except Exception as e:  # say that the main output is written, whatever went wrong after it
            if not isinstance(e, ReportFileError):
                from disclosure_report import errorlog

                errorlog.record("命令行 consolidate --breakdown")
            raise ReportFileError(f"汇总结果已写入 {args.output}，但明细 {args.breakdown} 未能写出（{e}）") from None
    from disclosure_report.checks import ERROR, run_checks

    errors = [f for f in run_checks(result.report) if f.severity == ERROR]
    print(f"已汇总 {len(result.included)} 个单位（共 {len(result.units)} 份），写入 {args.output}"
          + (f"；汇总结果核对有 {len(errors)} 个错误" if errors else ""))
    differing = _against(result, args.against) if args.against else []
    if any(unit.report is None for unit in units):
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if result.left_out or errors or differing else EXIT_OK


def _against(result, parent_file: str) -> list:
    from disclosure_report.against import describe, differences, parent_name, verdict, year_note
    from disclosure_report.files import read_report_naming_it

    parent = read_report_naming_it(parent_file)
    name = parent_name(parent, parent_file)
    found = differences(result, parent)
    print(verdict(found, parent_file))
    note = year_note(result, parent)
    if note:
        print(f"  {note}")
    for difference in found:
        print(f"  {describe(difference, name)}")
    return found


def _check(args) -> int:
    from disclosure_report.checks.rules import UnknownRule, rules_table, selected

    if args.list_rules:
        sys.stdout.write(rules_table())
        return EXIT_OK
    try:
        selected([], args.select, args.ignore)
    except UnknownRule as e:
        raise ReportFileError(str(e)) from None
    from disclosure_report.batch import check_files

    results = check_files([Path(f) for f in args.files], Path(args.previous) if args.previous else None)
    for result in results:
        result.findings = selected(result.findings, args.select, args.ignore)
    as_json = args.json
    if as_json:
        json.dump([r.to_json() for r in results], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for result in results:
            sys.stdout.write(result.summary())
    if any(r.error for r in results):
        return EXIT_UNREADABLE
    if any(f.severity == "error" and not f.settled for r in results for f in r.findings):
        return EXIT_FINDINGS
    return EXIT_OK
