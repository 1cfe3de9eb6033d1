"""Operator incidents: our installation is broken (tesseract missing, ...), not a mail.

A mail that needs the broken tool waits in `fetched` with no attempt counted, and HR/ops get
one notice per incident. The incident is a `ServiceState` row written in the same transaction
as the notice in the outbox: across restarts and workers there is exactly one notice per
incident, and a new one only after the tool recovered (a waiting mail went through) and failed
again.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlmodel import Session

from mailbot.errors import OcrUnavailable, OperatorFault
from mailbot.outbox import Outbox
from mailbot.store import repo
from mailbot.store.models import InboundMessage

log = logging.getLogger("mailbot")

# `InboundMessage.error` of a mail that waits for the operator (it is not a failed attempt).
WAITING = "waiting for the operator: "

# Per operator fault: what the host cannot do, and how the operator repairs it.
_OPERATOR_REMEDY: dict[type[OperatorFault], tuple[str, str]] = {
    OcrUnavailable: ("run OCR", "install or repair tesseract and its language data (eng, nld, "
                     "osd; `make system` does it)"),
    OperatorFault: ("do its work", "repair the installation named in the error"),
}


def _incident_key(fault_name: str) -> str:
    return f"incident:{fault_name}"


def waited_for(error: str | None) -> str | None:
    """The operator fault a mail waited for (from its `error`), or None."""
    if error is None or not error.startswith(WAITING):
        return None
    return error.removeprefix(WAITING).partition(":")[0]


def wait_for_operator(session: Session, outbox: Outbox, inbound: InboundMessage,
                      fault: OperatorFault, now: datetime) -> None:
    """Leave the mail in `fetched` (no attempt counted) and tell HR/ops once per incident."""
    name = type(fault).__name__
    inbound.error = f"{WAITING}{name}: {fault}"[:1000]
    key = _incident_key(name)
    incident = repo.service_state_for_update(session, key)
    if incident is not None and incident.value.startswith("open"):
        return
    repo.set_service_state(session, key, f"open since {now.isoformat()} (mail #{inbound.id})",
                           existing=incident)
    what, remedy = _OPERATOR_REMEDY.get(type(fault), _OPERATOR_REMEDY[OperatorFault])
    log.error("%s: %s. Mail #%d and every other mail that needs it wait unprocessed, "
              "nothing counted; %s", name, fault, inbound.id, remedy)
    outbox.ask_hr(session, None, inbound, what_happened=(
        f"The mailbot host cannot {what} ({name}: {fault}). Mail #{inbound.id} and "
        "any other mail that needs it wait unprocessed. Nothing was counted against "
        "the candidates and no candidate was told anything."),
        what_to_do=(f"{remedy[0].upper()}{remedy[1:]}. The waiting mails are then "
                    "processed by themselves; you get a new notice only if it breaks "
                    "again after recovering."))


def close_incident(session: Session, fault_name: str) -> None:
    incident = repo.service_state_for_update(session, _incident_key(fault_name))
    if incident is not None and incident.value.startswith("open"):
        log.warning("%s is over: a mail that waited for it went through", fault_name)
        incident.value = "closed"
