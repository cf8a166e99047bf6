"""Notification texts by kind and language (zh-CN and en): a subject line and a short body."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domain.locales import DEFAULT_LOCALE, locale_of


@dataclass(frozen=True)
class Rendered:
    """A notification's text in one language."""

    subject: str
    body: str


# kind -> locale -> (subject, body); placeholders are filled from the notification's params.
TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "order.proposed": {
        "zh-CN": (
            "【{store}】新的配货单 {order} 待确认",
            "您的配货师为{store}准备了配货单 {order}：共 {units} 件，金额 {total}。"
            "请在 {expires} 前查看并确认，可按需调整。",
        ),
        "en": (
            "[{store}] New order proposal {order} to confirm",
            "Your merchandiser has prepared order {order} for {store}: {units} units, {total}. "
            "Please review and confirm it before {expires}; you may adjust it first.",
        ),
    },
    "order.confirmed": {
        "zh-CN": (
            "【{store}】配货单 {order} 已确认",
            "{store}已确认配货单 {order}（{units} 件，{total}）。",
        ),
        "en": (
            "[{store}] Order {order} confirmed",
            "{store} confirmed order {order} ({units} units, {total}).",
        ),
    },
    "order.rejected": {
        "zh-CN": (
            "【{store}】配货单 {order} 被拒绝",
            "{store}拒绝了配货单 {order}。原因：{reason}",
        ),
        "en": (
            "[{store}] Order {order} rejected",
            "{store} rejected order {order}. Reason: {reason}",
        ),
    },
    "order.expired": {
        "zh-CN": (
            "【{store}】配货单 {order} 已过期",
            "配货单 {order} 在仓库截单前未被确认，已过期。",
        ),
        "en": (
            "[{store}] Order {order} expired",
            "Order {order} was not confirmed before the warehouse cut-off and has expired.",
        ),
    },
    "order.cancelled": {
        "zh-CN": ("【{store}】配货单 {order} 已取消", "配货单 {order} 已取消。{reason}"),
        "en": ("[{store}] Order {order} cancelled", "Order {order} has been cancelled. {reason}"),
    },
    "order.shipped": {
        "zh-CN": (
            "【{store}】配货单 {order} 已发货",
            "配货单 {order} 已从总仓发出，预计 {eta} 送达。{tracking}",
        ),
        "en": (
            "[{store}] Order {order} has shipped",
            "Order {order} has left the head-office warehouse and is due on {eta}. {tracking}",
        ),
    },
    "order.delivered": {
        "zh-CN": ("【{store}】配货单 {order} 已送达", "配货单 {order} 已送达{store}。"),
        "en": ("[{store}] Order {order} delivered", "Order {order} has been delivered to {store}."),
    },
    "shipment.in_transit": {
        "zh-CN": (
            "【{store}】配货单 {order} 运输中",
            "配货单 {order} 正在运输途中，预计 {eta} 送达。{tracking}",
        ),
        "en": (
            "[{store}] Order {order} in transit",
            "Order {order} is on its way, due on {eta}. {tracking}",
        ),
    },
    "shipment.out_for_delivery": {
        "zh-CN": (
            "【{store}】配货单 {order} 今日送达",
            "配货单 {order} 正在派送，今天将送到{store}。",
        ),
        "en": (
            "[{store}] Order {order} out for delivery",
            "Order {order} is out for delivery and will reach {store} today.",
        ),
    },
    "shipment.delivered": {
        "zh-CN": ("【{store}】配货单 {order} 已签收", "配货单 {order} 的货物已签收。{tracking}"),
        "en": (
            "[{store}] Order {order} received",
            "The goods of order {order} have been signed for. {tracking}",
        ),
    },
    "shipment.exception": {
        "zh-CN": (
            "【{store}】配货单 {order} 运输异常",
            "配货单 {order} 运输出现异常，我们正在处理。{tracking} {reason}",
        ),
        "en": (
            "[{store}] Delivery problem with order {order}",
            "There is a problem with the delivery of order {order}; we are on it. {tracking} {reason}",
        ),
    },
    "survey.requested": {
        "zh-CN": (
            "【{store}】请为配货单 {order} 打分",
            "配货单 {order} 已送达，请花一分钟评价配货准确度、及时性、商品质量和性价比：{link}",
        ),
        "en": (
            "[{store}] How was order {order}?",
            "Order {order} has arrived. Please take a minute to rate pick accuracy, timeliness, "
            "goods quality and value for money: {link}",
        ),
    },
    "survey.low_rating": {
        "zh-CN": (
            "【{store}】配货单 {order} 评分偏低：{overall}/5",
            "{store}给配货单 {order} 打了 {overall}/5 分（{scores}）。{comment}",
        ),
        "en": (
            "[{store}] Low rating for order {order}: {overall}/5",
            "{store} rated order {order} {overall}/5 ({scores}). {comment}",
        ),
    },
    "approval.requested": {
        "zh-CN": (
            "【{store}】配货单 {order} 需要总部审批",
            "配货单 {order}（{total}，预算 {budget}）超出配货师权限，请审批。{reason}",
        ),
        "en": (
            "[{store}] Order {order} needs HQ approval",
            "Order {order} ({total}, budget {budget}) is beyond the merchandiser's limit. "
            "Please approve or decline. {reason}",
        ),
    },
    "approval.decided": {
        "zh-CN": (
            "【{store}】配货单 {order} 审批结果",
            "总部已处理配货单 {order} 的审批：{reason}",
        ),
        "en": (
            "[{store}] Approval decided for order {order}",
            "HQ has decided on order {order}: {reason}",
        ),
    },
    "reminder.unviewed": {
        "zh-CN": (
            "【{store}】提醒：配货单 {order} 尚未查看",
            "配货单 {order} 已等待 {hours} 小时，请在 {expires} 前查看并确认。",
        ),
        "en": (
            "[{store}] Reminder: order {order} not yet opened",
            "Order {order} has been waiting {hours} hours. Please review and confirm it before "
            "{expires}.",
        ),
    },
    "reminder.unconfirmed": {
        "zh-CN": (
            "【{store}】提醒：配货单 {order} 尚未确认",
            "您已查看配货单 {order}，但尚未确认（已等待 {hours} 小时）。请在 {expires} 前确认。",
        ),
        "en": (
            "[{store}] Reminder: order {order} awaits your confirmation",
            "You have opened order {order} but not confirmed it ({hours} hours so far). "
            "Please confirm before {expires}.",
        ),
    },
    "escalation.merchandiser": {
        "zh-CN": (
            "【升级】{store} 的配货单 {order} {hours} 小时未确认",
            "{store}的配货单 {order} 已等待 {hours} 小时仍未确认（状态：{status}），请联系加盟商。"
            "截单时间 {expires}。",
        ),
        "en": (
            "[Escalation] Order {order} of {store} unconfirmed for {hours} hours",
            "Order {order} of {store} has waited {hours} hours without confirmation "
            "(status: {status}). Please contact the franchisee. Cut-off: {expires}.",
        ),
    },
    "escalation.manager": {
        "zh-CN": (
            "【升级至大区】{store} 的配货单 {order} {hours} 小时未确认",
            "{store}的配货单 {order} 已等待 {hours} 小时，配货师 {merchandiser} 跟进后仍未确认。"
            "截单时间 {expires}。",
        ),
        "en": (
            "[Escalation to region] Order {order} of {store} unconfirmed for {hours} hours",
            "Order {order} of {store} has waited {hours} hours and is still unconfirmed after "
            "merchandiser {merchandiser} was alerted. Cut-off: {expires}.",
        ),
    },
    "message.received": {
        "zh-CN": ("【{store}】{author} 发来新消息", "{author}：{excerpt}"),
        "en": ("[{store}] New message from {author}", "{author}: {excerpt}"),
    },
    "complaint.filed": {
        "zh-CN": (
            "【{store}】新投诉（{severity}）：{category}",
            "{store}有新投诉（{severity}），请在 {due} 前处理：{excerpt}",
        ),
        "en": (
            "[{store}] New {severity} complaint: {category}",
            "{store} has a new {severity} complaint to handle before {due}: {excerpt}",
        ),
    },
    "complaint.assigned": {
        "zh-CN": (
            "【{store}】投诉 #{complaint} 已分配给您",
            "投诉 #{complaint}（{severity}，{category}）已分配给您，请在 {due} 前处理：{excerpt}",
        ),
        "en": (
            "[{store}] Complaint #{complaint} assigned to you",
            "Complaint #{complaint} ({severity}, {category}) is yours; due {due}: {excerpt}",
        ),
    },
    "complaint.escalated": {
        "zh-CN": (
            "【升级】{store} 的投诉 #{complaint} 已超时",
            "投诉 #{complaint}（{severity}，{category}）已于 {due} 超时未解决，现升级处理。"
            "负责人：{assignee}。{excerpt}",
        ),
        "en": (
            "[Escalation] Complaint #{complaint} of {store} is overdue",
            "Complaint #{complaint} ({severity}, {category}) was due {due} and is unresolved; "
            "it is escalated to you. Assignee: {assignee}. {excerpt}",
        ),
    },
    "complaint.resolved": {
        "zh-CN": ("【{store}】您的投诉 #{complaint} 已处理", "处理结果：{resolution}"),
        "en": (
            "[{store}] Your complaint #{complaint} is resolved",
            "Resolution: {resolution}",
        ),
    },
    "complaint.accepted": {
        "zh-CN": (
            "【{store}】投诉 #{complaint} 的处理结果已被接受",
            "{store}接受了投诉 #{complaint} 的处理结果，投诉已关闭。",
        ),
        "en": (
            "[{store}] Resolution of complaint #{complaint} accepted",
            "{store} accepted the resolution of complaint #{complaint}; it is closed.",
        ),
    },
    "complaint.reopened": {
        "zh-CN": (
            "【{store}】投诉 #{complaint} 被重新打开",
            "{store}重新打开了投诉 #{complaint}，请在 {due} 前处理。原因：{reason}",
        ),
        "en": (
            "[{store}] Complaint #{complaint} reopened",
            "{store} reopened complaint #{complaint}; please handle it before {due}. "
            "Reason: {reason}",
        ),
    },
    "digest": {
        "zh-CN": ("【{store}】今日汇总：{count} 条通知", "以下是昨天未单独发送的通知：\n{items}"),
        "en": (
            "[{store}] Daily digest: {count} notifications",
            "These notifications were held back yesterday:\n{items}",
        ),
    },
}


class _Params(dict[str, Any]):
    """Placeholders without a value render as empty rather than failing a notification."""

    def __missing__(self, key: str) -> str:
        return ""


def render(kind: str, locale: str, params: dict[str, Any]) -> Rendered:
    """The subject and body of a notification of `kind` in `locale`."""
    texts = TEMPLATES[kind]
    subject, body = texts.get(locale_of(locale)) or texts[DEFAULT_LOCALE]
    values = _Params(params)
    return Rendered(subject.format_map(values).strip(), body.format_map(values).strip())
