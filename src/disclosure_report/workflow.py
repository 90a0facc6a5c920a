"""The status of a report: 起草中 → 送审中 → 已签发, and which changes are allowed.

送审中 may go back to 起草中 (returned for changes); a signed version is
frozen, and only “开始新版本” (a new version in 起草中) leaves it. The library
stores the status; the window and printing read it from here (no storage, no Qt).
"""

from __future__ import annotations

STATUS_DRAFTING = "起草中"
STATUS_REVIEW = "送审中"
STATUS_SIGNED = "已签发"
STATUSES = (STATUS_DRAFTING, STATUS_REVIEW, STATUS_SIGNED)
_TRANSITIONS = {
    STATUS_DRAFTING: {STATUS_REVIEW},
    STATUS_REVIEW: {STATUS_DRAFTING, STATUS_SIGNED},  # returned for changes, or signed
    STATUS_SIGNED: set(),  # only a new version leaves it
}
FROZEN_MESSAGE = "该版本已签发，不能修改；如需修改请先“开始新版本”"


def transition_refusal(current: str, wanted: str) -> str:
    """Why the status cannot change from current to wanted; empty when it can."""
    if wanted not in STATUSES:
        return f"不认识的状态“{wanted}”：只能是{'、'.join(STATUSES)}。"
    if wanted == current or wanted in _TRANSITIONS[current]:
        return ""
    if current == STATUS_SIGNED:
        return FROZEN_MESSAGE
    if wanted == STATUS_SIGNED:
        return f"“{current}”的报告不能直接签发：请先改为“{STATUS_REVIEW}”（送审），审核通过后再签发。"
    return f"报告状态不能从“{current}”改为“{wanted}”。"


def new_version_refusal(current: str) -> str:
    """Why no new version can be started from this status; empty when it can (only from 已签发)."""
    if current == STATUS_SIGNED:
        return ""
    return f"这份报告处于“{current}”状态，可以直接修改；只有已签发的版本才需要“开始新版本”。"
