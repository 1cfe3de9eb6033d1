"""Operator incidents: a part of our installation or a server we depend on keeps failing.

What the worker sees of each part (a mailbox, the outgoing mail server, `tesseract`, the disk)
is a `ComponentHealth` row (`record_component`). `mailbot/health.py` judges those rows; a
condition that lasts longer than `MAILBOT_ALERT_AFTER_SECONDS` is an incident: one alert mail
to `MAILBOT_OPS_ADDRESS` (default: the HR address) when it opens, one "recovered" mail when
it clears, never more than one alert per incident per hour (`health.plan_incidents`). The
`Incident` row is written in the same transaction as its mail in the outbox, so restarts and
several workers send each mail once.

A mail that needs a broken tool (`OperatorFault`: tesseract missing) waits in `fetched` with no
attempt counted and nothing recorded against the candidate; it keeps the tool's component
failing until it goes through (`wait_for_operator`, `operator_fault_cleared`).
"""

from __future__ import annotations

import logging
import socket
from datetime import datetime

from sqlmodel import Session

from mailbot.errors import OcrUnavailable, OperatorFault
from mailbot.health import Action, Component, ErrorKind, Role, Verdict, observe
from mailbot.outbox import Outbox
from mailbot.replies.hr import AlertNotice, compose_alert
from mailbot.store import repo
from mailbot.store.models import ComponentHealth, InboundMessage, Incident, OutboundKind

log = logging.getLogger("mailbot")

# `InboundMessage.error` of a mail that waits for the operator (it is not a failed attempt).
WAITING = "waiting for the operator: "

# Per operator fault: the component it breaks, and how the operator repairs it.
_OPERATOR_REMEDY: dict[type[OperatorFault], tuple[str, str]] = {
    OcrUnavailable: ("tesseract", "install or repair tesseract and its language data (eng, "
                                  "nld, osd; `make system` does it)"),
    OperatorFault: ("installation", "repair the installation named in the error"),
}


def fault_component(fault_name: str) -> str:
    """`OcrUnavailable` -> `tesseract`: the component (and incident) an operator fault breaks."""
    for fault, (component, _) in _OPERATOR_REMEDY.items():
        if fault.__name__ == fault_name:
            return component
    return fault_name


def waited_for(error: str | None) -> str | None:
    """The operator fault a mail waited for (from its `error`), or None."""
    if error is None or not error.startswith(WAITING):
        return None
    return error.removeprefix(WAITING).partition(":")[0]


# ---------------------------------------------------------------- observations


def as_component(row: ComponentHealth) -> Component:
    return Component(row.key, Role(row.role), row.last_ok_at, row.failing_since,
                     row.last_error_at, row.last_error,
                     ErrorKind(row.error_kind) if row.error_kind else None)


def record_component(session: Session, key: str, role: Role, now: datetime, *,
                     error: str | None = None, kind: ErrorKind | None = None) -> Component:
    """One more observation of a component, kept durably (a success clears its failure)."""
    row = repo.component_for_update(session, key)
    seen = observe(as_component(row) if row else None, key, role, now, error=error, kind=kind)
    if row is None:
        row = ComponentHealth(key=key, role=role.value)
    row.last_ok_at, row.failing_since = seen.last_ok_at, seen.failing_since
    row.last_error_at, row.last_error = seen.last_error_at, seen.last_error
    row.error_kind = seen.error_kind.value if seen.error_kind else None
    repo.save_component(session, row)
    return seen


def wait_for_operator(session: Session, inbound: InboundMessage, fault: OperatorFault,
                      now: datetime) -> None:
    """Leave the mail in `fetched` (no attempt counted); the tool's component fails, and the
    health step alerts the operators once it lasts (one incident, however many mails wait)."""
    name = type(fault).__name__
    inbound.error = f"{WAITING}{name}: {fault}"[:1000]
    component, remedy = _OPERATOR_REMEDY.get(type(fault), _OPERATOR_REMEDY[OperatorFault])
    before = repo.component_for_update(session, component)
    was_failing = before is not None and before.failing_since is not None
    record_component(session, component, Role.TOOL, now, error=f"{name}: {fault}; {remedy}",
                     kind=ErrorKind.MISSING)
    if not was_failing:  # once per failure, not per mail
        log.error("%s: %s. Mail #%d and every other mail that needs it wait unprocessed, "
                  "nothing counted; %s", name, fault, inbound.id, remedy)


def operator_fault_cleared(session: Session, fault_name: str, now: datetime) -> None:
    """A mail that waited for the tool went through: the tool works again."""
    component = fault_component(fault_name)
    row = repo.component_for_update(session, component)
    if row is not None and row.failing_since is not None:
        log.warning("%s is over: a mail that waited for it went through", fault_name)
    record_component(session, component, Role.TOOL, now)


# ---------------------------------------------------------------- incidents


def apply_incident_plan(session: Session, outbox: Outbox, verdict: Verdict,
                        plan: list[tuple[str, Action]], now: datetime, *,
                        waiting_for_operator: int = 0) -> list[str]:
    """Open and close the incidents as planned (rows locked), queueing their mails in the same
    transaction. Returns one line per mail queued, for the log."""
    conditions = {condition.key: condition for condition in verdict.conditions}
    stored = {incident.key: incident for incident in repo.incidents_for_update(session)}
    queued: list[str] = []
    for key, action in plan:
        incident = stored.get(key)
        if action in (Action.ALERT, Action.HOLD):
            condition = conditions[key]
            if incident is None:
                incident = Incident(key=key)
                repo.add_incident(session, incident)
                stored[key] = incident
            if not incident.is_open:
                incident.is_open, incident.opened_at, incident.closed_at = True, now, None
                incident.alerted_at = None
            incident.title, incident.detail = condition.title, condition.detail[:2000]
            if action is Action.HOLD:
                continue
            waiting = waiting_for_operator if condition.key == "tesseract" else 0
            _mail(session, outbox, AlertNotice(
                title=condition.title, detail=condition.detail,
                since=condition.since.isoformat(timespec="seconds"),
                now=now.isoformat(timespec="seconds"), host=socket.gethostname(),
                waiting_for_operator=waiting), OutboundKind.ALERT)
            incident.alerted_at = incident.last_alert_at = now
            log.error("alert queued to the operators: %s (%s)", condition.title, condition.detail)
            queued.append(f"alert: {condition.title}")
        elif incident is not None and incident.is_open:
            if action is Action.RECOVER:
                _mail(session, outbox, AlertNotice(
                    title=incident.title, detail=incident.detail,
                    since=_when(incident.opened_at), now=now.isoformat(timespec="seconds"),
                    host=socket.gethostname(), recovered=True,
                    alerted_at=_when(incident.alerted_at)), OutboundKind.RECOVERED)
                log.warning("recovered: %s; the operators are told", incident.title)
                queued.append(f"recovered: {incident.title}")
            incident.is_open, incident.closed_at = False, now
    return queued


def _when(moment: datetime | None) -> str:
    return moment.isoformat(timespec="seconds") if moment else "-"


def _mail(session: Session, outbox: Outbox, notice: AlertNotice, kind: OutboundKind) -> None:
    subject, text = compose_alert(notice)
    outbox.queue(session, kind, None, (outbox.settings.alert_address,), subject, text)
