"""Whole reports written the way county and department reports are, tables and text consistent.

Used by the text-rule tests: each one's text states dozens of table figures
(and many that only look like them), and none of them may be flagged.
"""

from decimal import Decimal

from disclosure_report.model import Report, apply_values

APPLICANTS = ("natural", "commercial", "research", "nonprofit", "legal", "other")


def _zero_tables(report: Report) -> None:
    for path in report.values:
        report.values[path] = Decimal(0) if report.format.cells[path].kind == "amount" else 0


COUNTY_OVERVIEW = """2023年，鄄城县人民政府坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《中华人民共和国政府信息公开条例》，持续深化政务公开，现将有关情况报告如下：
（一）主动公开
2023年，通过县政府门户网站主动公开政府信息5500余条，其中政策文件近百件。全县42个政务新媒体定时更新，县新闻中心发布新闻1711篇，视频新闻254篇。全年制发行政规范性文件4件，废止3件，截至2023年12月31日现行有效行政规范性文件470件，均在门户网站规范性文件专栏集中公开。公开行政许可信息34187条、行政处罚信息190929条、行政强制信息1559条。2023年行政事业性收费15156.9万元。组织业务培训4次，参训人员约200人。领导信箱留言已答复1200件。
（二）依申请公开
2023年，共收到政府信息公开申请80件，同比增长25%，其中自然人申请78件，法人或其他组织申请2件；上年结转政府信息公开申请3件。全年办结81件，其中予以公开21件，占25.93%；部分公开38件，不予公开2件，无法提供11件，不予处理1件，其他处理8件；结转下年度继续办理2件。2022年共收到申请64件。其中县自然资源和规划局收到申请28件。全县各部门共收到政府信息公开申请300件。因政府信息公开工作被申请行政复议2件，其中结果维持1件，尚未审结1件；被提起行政诉讼1件，结果维持1件。
（三）政府信息管理
修订完善政府信息公开制度3项，开展政府信息公开保密审查，确保公开内容准确。
（四）政府信息公开平台建设
县政府门户网站全年发布信息6000余条，政务新媒体42个，全部纳入统一管理平台。
（五）监督保障
县政府作为复议机关全年办理行政复议案件120件。将政务公开纳入年度考核，开展专项检查2次，通报问题15个。"""

COUNTY_PROBLEMS = """2023年，我县政府信息公开工作取得了一定成效，但也存在一些不足：一是部分单位对政策解读的重视程度不够，解读形式较为单一；二是基层政务公开标准化规范化建设推进不平衡。
下一步，我县将围绕群众关切加大政策图解、视频解读力度，每季度开展一次业务培训，并将基层政务公开纳入年度考核，推动各镇街专栏内容及时更新。"""

COUNTY_OTHER = """（一）收取政府信息公开信息处理费情况
2023年未收取信息处理费。
（二）人大代表建议和政协提案办理结果公开情况
2023年，县政府共承办县人大代表建议41件、政协提案165件，已全部办复，办复率100%，办理结果均已公开。
（三）年报数据统计需要说明的事项
表三中“其他处理”8件均为申请人主动撤回申请。"""


def county_report():
    """鄄城县人民政府 2023 with last year's report (2022)."""
    report = Report(organ="鄄城县人民政府", year=2023)
    _zero_tables(report)
    apply_values(report, {
        "applications.new.natural": 78, "applications.new.commercial": 2,
        "applications.carried_in.natural": 3,
        "applications.granted.natural": 21,
        "applications.partial.natural": 36, "applications.partial.commercial": 2,
        "applications.withheld.internal_affairs.natural": 2,
        "applications.unable.not_held.natural": 11,
        "applications.rejected.repeated.natural": 1,
        "applications.other.other.natural": 8,
        "applications.carried_out.natural": 2,
        "appeals.review.upheld": 1, "appeals.review.pending": 1,
        "appeals.suit_direct.upheld": 1,
        "active.normative_documents.issued": 4, "active.normative_documents.repealed": 3,
        "active.normative_documents.in_force": 470,
        "active.licensing.decisions": 34187, "active.penalty.decisions": 190929,
        "active.coercion.decisions": 1559, "active.fees.amount": Decimal("15156.9"),
    })
    report.text.update(preamble=PREAMBLE, overview=COUNTY_OVERVIEW, problems=COUNTY_PROBLEMS,
                       other=COUNTY_OTHER)
    previous = Report(organ="鄄城县人民政府", year=2022)
    _zero_tables(previous)
    apply_values(previous, {
        "applications.new.natural": 64, "applications.granted.natural": 61,
        "applications.carried_out.natural": 3,
        "appeals.review.upheld": 1,
        "active.normative_documents.in_force": 469,
    })
    previous.text.update(problems=PREVIOUS_PROBLEMS, other="2022年未收取信息处理费。")
    return report, previous


PREAMBLE = """根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，编制本报告。本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"""

PREVIOUS_PROBLEMS = """2022年，我县政府信息公开工作虽取得一定成效，但仍存在以下问题：一是政策解读形式单一，图解、视频解读数量偏少；二是个别单位信息更新不及时。
2023年，我县将加强业务培训，建立常态化检查机制，督促各单位及时更新栏目内容。"""


BUREAU_OVERVIEW = """2023年，鄄城县市场监督管理局认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。
（一）主动公开
我局在县政府门户网站主动公开各类信息860条。全年作出行政处罚决定326件，行政强制决定12件，行政许可决定1,250件，均按规定在“双公示”平台公开。全县市场监管系统共办理投诉举报1200余件。本年度制发规范性文件0件。
（二）依申请公开
2023年，我局共收到政府信息公开申请五件，上年结转0件；办结5件，其中予以公开3件、无法提供2件，结转下年度继续办理0件。其中县局机关收到申请3件。本年度未发生因政府信息公开被申请行政复议、提起行政诉讼的情况。
（三）政府信息管理
严格落实信息发布审核制度，全年未发生泄密事件。
（四）政府信息公开平台建设
持续做好政府网站专栏维护，微信公众号发布信息260条。
（五）监督保障
将政务公开工作纳入股室年度考核，开展培训2次。"""

BUREAU_OTHER = """本年度我局未收取政府信息公开信息处理费。
无其他需要报告的事项。"""


def bureau_report():
    report = Report(organ="鄄城县市场监督管理局", year=2023)
    _zero_tables(report)
    apply_values(report, {
        "applications.new.natural": 4, "applications.new.commercial": 1,
        "applications.granted.natural": 3,
        "applications.unable.not_held.natural": 1, "applications.unable.not_held.commercial": 1,
        "active.penalty.decisions": 326, "active.coercion.decisions": 12,
        "active.licensing.decisions": 1250,
    })
    report.text.update(preamble=PREAMBLE, overview=BUREAU_OVERVIEW,
                       problems="一是信息公开队伍力量薄弱；二是公开内容的针对性有待增强。下一步将加强培训，提升公开质量。",
                       other=BUREAU_OTHER)
    return report
