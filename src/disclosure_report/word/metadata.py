"""What the page does not show but a round trip needs: organ, year, contact.

Kept as custom document properties (docProps/custom.xml; Word shows them
under 文件 › 属性 › 自定义). They are trusted on import only while the
visible title is still the one they were written with, so a document edited
by hand is read from what it shows.
"""

from __future__ import annotations

from typing import Dict, Optional
from xml.sax.saxutils import escape

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from disclosure_report.model import Report
from disclosure_report.word.typography import xml_safe

_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
PREFIX = "DisclosureReport."
MAX_BYTES = 64 * 1024


def properties(report: Report) -> Dict[str, str]:
    fields = {
        "Title": report.display_title(),  # as shown: the import trusts these only while it is unchanged
        "OwnTitle": report.title,  # empty: the standard title from organ and year
        "Organ": report.organ,
        "Year": str(report.year or ""),
        "Address": report.contact.address,
        "Phone": report.contact.phone,
        "Website": report.contact.website,
    }
    return {name: xml_safe(value) for name, value in fields.items()}


def write(doc, report: Report) -> None:
    items = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{PREFIX}{name}"><vt:lpwstr>{escape(value)}</vt:lpwstr></property>'
        for pid, (name, value) in enumerate(properties(report).items(), start=2)
    )
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="{_NS}" xmlns:vt="{_VT}">{items}</Properties>'
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # a picture of python-docx's blank template, not of this report
            package.rels.pop(rel_id)
    part = Part(PackURI("/docProps/custom.xml"), _CONTENT_TYPE, xml.encode("utf-8"), package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)
    core = doc.core_properties
    core.title = xml_safe(report.display_title())
    core.author = core.last_modified_by = xml_safe(report.organ)
    core.language = "zh-CN"


def read(doc) -> Optional[Dict[str, str]]:
    """The properties this program wrote, or None for any other document."""
    from docx.oxml import parse_xml  # python-docx's parser: no entities, no network

    for rel in doc.part.package.rels.values():
        if rel.reltype != RT.CUSTOM_PROPERTIES or rel.is_external:
            continue
        blob = rel.target_part.blob
        if len(blob) > MAX_BYTES:
            return None
        try:
            root = parse_xml(blob)
        except Exception:  # a damaged property part is no reason to refuse the report
            return None
        found = {}
        for prop in root.iter(f"{{{_NS}}}property"):
            name = prop.get("name", "")
            if name.startswith(PREFIX):
                found[name[len(PREFIX):]] = "".join(prop.itertext())
        return found or None
    return None
