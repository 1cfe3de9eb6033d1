"""`mailbot web`: HR's dashboard over the worker's store, server-rendered (Starlette + Jinja2).

Every decision goes through the services the CLI uses (mailbot/review.py, mailbot/admin.py);
this module only reads forms, checks the session and CSRF token, and renders. No route takes
a path: documents are named by id and page number, cases by reference.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import jinja2
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from classifiers.types import mask_document_number
from mailbot import admin, views
from mailbot.errors import ConfigError
from mailbot.mime.parse import parse_mail
from mailbot.replies.compose import describe_in_review, describe_missing
from mailbot.review import Decision, decide, kinds_for, parse_kind
from mailbot.services import Services
from mailbot.store import repo
from mailbot.store.db import session_scope
from mailbot.store.models import AuditEntry, Document, ReviewDecision
from mailbot.users import authenticate
from mailbot.web.security import (
    SECURITY_HEADERS,
    LoginThrottle,
    csrf_matches,
    is_loopback,
    new_csrf_token,
)
from mailbot.web.thumbnails import thumbnail

log = logging.getLogger("mailbot.web")
HERE = Path(__file__).parent
PAGE_SIZE = 50
SESSION_SECONDS = 8 * 3600


class SecurityHeaders:
    """Adds the headers of `SECURITY_HEADERS` to every response, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.extend((name.encode(), value.encode())
                               for name, value in SECURITY_HEADERS.items())
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def session_secret(services: Services) -> str:
    """The key signing session cookies: from MAILBOT_WEB_SECRET_FILE, else made once and
    kept owner-only in the data folder (restarts keep HR logged in; deleting it logs all out)."""
    configured = services.settings.web_secret_file
    if configured is not None:
        return configured.read_text(encoding="utf-8").strip()
    path = services.settings.data_dir / "web-secret"
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text(encoding="utf-8").strip()


def create_app(services: Services, *, secure_cookie: bool | None = None,
               throttle: LoginThrottle | None = None) -> Starlette:
    """`secure_cookie`: None = Secure unless the dashboard listens on loopback only."""
    settings = services.settings
    # Autoescaped, always: names, subjects and mail text come from strangers' mails.
    templates = Jinja2Templates(env=jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True))
    throttle = throttle or LoginThrottle()
    if secure_cookie is None:
        secure_cookie = not is_loopback(settings.web_host)

    trusted_header = (settings.web_trusted_user_header or "").strip().lower()

    def user_of(request: Request) -> str | None:
        email = request.session.get("user")
        if trusted_header:
            # Single sign-on: the reverse proxy on this host says who logged in. Believed only
            # from a loopback peer (the proxy) and only for an account that exists here.
            peer = request.client.host if request.client else ""
            said = request.headers.get(trusted_header, "").strip().lower()
            if said and is_loopback(peer):
                if email != said:
                    request.session.clear()
                    request.session.update(user=said, csrf=new_csrf_token())
                email = said
        if not email:
            return None
        with Session(services.engine) as session:
            if repo.web_user(session, email) is None:  # removed: its sessions end now
                request.session.clear()
                return None
        return str(email)

    def csrf_token(request: Request) -> str:
        token = request.session.get("csrf")
        if not token:
            token = request.session["csrf"] = new_csrf_token()
        return str(token)

    def render(request: Request, name: str, context: dict[str, Any],
               status_code: int = 200) -> Response:
        context = {"user": request.session.get("user"), "csrf": csrf_token(request),
                   **context}
        return templates.TemplateResponse(request, name, context, status_code=status_code)

    async def checked_form(request: Request) -> FormData:
        form = await request.form()
        if not csrf_matches(request.session.get("csrf"), str(form.get("csrf") or "")):
            raise HTTPException(403, "the form's security token is missing or stale; "
                                     "reload the page")
        return form

    def require_user(request: Request) -> str:
        user = user_of(request)
        if user is None:
            raise _LoginNeeded
        return user

    # --- login -------------------------------------------------------------------------

    async def login_page(request: Request) -> Response:
        return render(request, "login.html", {"error": None})

    async def login(request: Request) -> Response:
        form = await checked_form(request)
        email = str(form.get("email") or "")
        password = str(form.get("password") or "")
        client = request.client.host if request.client else "?"
        now = time.monotonic()
        if not throttle.allowed(client, email, now):
            return render(request, "login.html",
                          {"error": "Too many failed attempts; try again in 15 minutes."},
                          status_code=429)
        # Hashing and the database off the event loop: one login never stalls the others.
        user = await run_in_threadpool(authenticate, services.engine, email, password,
                                       services.clock())
        if user is None:
            throttle.failed(client, email, now)
            log.info("dashboard: failed login from %s", client)
            return render(request, "login.html", {"error": "Wrong e-mail or password."},
                          status_code=401)
        request.session.clear()  # a new session on login: no fixation
        request.session.update(user=user, csrf=new_csrf_token())
        return RedirectResponse("/", status_code=303)

    async def logout(request: Request) -> Response:
        await checked_form(request)
        request.session.clear()
        return RedirectResponse("/login", status_code=303)

    # --- cases ---------------------------------------------------------------------------

    async def case_list(request: Request) -> Response:
        require_user(request)
        params = request.query_params
        show = params.get("show", "all")
        if show not in repo.CASE_FILTERS:
            show = "all"
        days = _int(params.get("days"), 7, low=0, high=3650)
        page = _int(params.get("page"), 1, low=1, high=100000)
        sort = params.get("sort", "activity")
        if sort not in repo.CASE_SORTS:
            sort = "activity"
        descending = params.get("order", "desc") != "asc"
        text = params.get("q", "")[:200]
        with Session(services.engine) as session:
            found, total = repo.search_cases(
                session, text=text, show=show,
                waiting_since=services.clock() - timedelta(days=days), sort=sort,
                descending=descending, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
            counts = repo.queue_counts(session)
            # The same rows `mailbot status` judges; the full judgement is on /health.
            seen = repo.components(session)
        last_ok = {role: max((row.last_ok_at for row in seen
                              if row.role == role and row.last_ok_at), default=None)
                   for role in ("mailbox", "delivery")}
        return render(request, "cases.html", {
            "cases": found, "total": total, "page": page,
            "pages": max(1, -(-total // PAGE_SIZE)), "show": show, "days": days,
            "sort": sort, "order": "desc" if descending else "asc", "q": text,
            "filters": repo.CASE_FILTERS, "sorts": tuple(repo.CASE_SORTS), "counts": counts,
            "last_poll": last_ok["mailbox"], "last_send": last_ok["delivery"],
        })

    def case_page(request: Request, reference: str, *, revealed: int | None = None,
                  error: str | None = None, status_code: int = 200) -> Response:
        with Session(services.engine) as session:
            case = repo.case_by_reference_or_email(session, reference)
            if case is None:
                raise HTTPException(404)
            assert case.id is not None
            view = views.case_view(session, case, detail=True, rules=views.Rules(
                services.cases.tb_list, services.cases.family_rules, services.clock().date()))
            standing = services.cases.checklist(session, case.id)
            outbound = repo.outbound_of_case(session, case.id)
            number = None
            if revealed is not None:
                document = session.get(Document, revealed)
                if document is not None and document.case_id == case.id:
                    number = (document.passport or {}).get("document_number")
        timeline = sorted(
            [{"at": mail["sent_at"] or "", "direction": "in", "id": mail["mail"],
              "subject": mail["subject"],
              "who": mail["sender"], "state": mail["state"], "note": mail["note"]}
             for mail in view["mails"]]
            + [{"at": out.created_at.isoformat(), "direction": "out", "id": out.id,
                "subject": out.subject,
                "who": ", ".join(out.recipients), "state": out.state, "note": out.kind}
               for out in outbound],
            key=lambda item: item["at"])
        return render(request, "case.html", {
            "case": view, "timeline": timeline, "kinds": kinds_for(len(view["persons"]) > 1),
            "revealed": revealed,
            "revealed_number": number, "error": error,
            # The checklist in the reply's own words (the composer's functions, not a copy).
            "complete": standing.complete,
            "missing_lines": [describe_missing(item) for item in standing.items if item.missing],
            "review_lines": [describe_in_review(item) for item in standing.items
                             if item.in_review],
        }, status_code=status_code)

    async def one_case(request: Request) -> Response:
        require_user(request)
        return case_page(request, _reference(request))

    async def one_mail(request: Request) -> Response:
        """A mail of the case's timeline, as text (never its HTML), passport numbers masked."""
        require_user(request)
        reference = _reference(request)
        direction = request.path_params["direction"]
        mail_id = request.path_params["mail"]
        with Session(services.engine) as session:
            case = repo.case_by_reference_or_email(session, reference)
            if case is None or case.id is None or direction not in ("in", "out"):
                raise HTTPException(404)
            row = (repo.inbound_of_case(session, case.id, mail_id) if direction == "in"
                   else repo.outbound_of_case_by_id(session, case.id, mail_id))
            if row is None:
                raise HTTPException(404)
            numbers = {str((doc.passport or {}).get("document_number") or "")
                       for doc in repo.documents_of(session, case.id)}
            raw = row.raw
            state = row.state
        parsed = parse_mail(raw)
        text = parsed.text
        for number in sorted(numbers - {""}, key=len, reverse=True):
            if len(number) >= 5:
                text = text.replace(number, mask_document_number(number))
        return render(request, "mail.html", {
            "reference": reference, "direction": direction, "mail": parsed, "text": text,
            "state": state,
            "attachments": [attachment.filename for attachment in parsed.attachments]})

    async def reveal(request: Request) -> Response:
        user = require_user(request)
        await checked_form(request)
        reference = _reference(request)
        document_id = request.path_params["document"]
        with session_scope(services.engine) as session:
            case = repo.case_by_reference_or_email(session, reference)
            document = session.get(Document, document_id)
            if case is None or document is None or document.case_id != case.id:
                raise HTTPException(404)
            # Who saw a passport number, and when: the audit trail answers it.
            repo.record_audit(session, AuditEntry(
                at=services.clock(), actor=user, action="passport.reveal", case_id=case.id,
                document_id=document.id, detail={"via": "dashboard"}))
        return case_page(request, reference, revealed=document_id)

    # --- decisions -------------------------------------------------------------------------

    async def review_decision(request: Request) -> Response:
        user = require_user(request)
        form = await checked_form(request)
        reference = _reference(request)
        document_id = request.path_params["document"]
        _document_in_case(services, reference, document_id)
        action = request.path_params["action"]
        try:
            if action == "accept":
                expires = str(form.get("expires") or "").strip()
                decision = Decision(
                    document_id, ReviewDecision.ACCEPTED, user,
                    kind=parse_kind(str(form.get("kind") or "") or None),
                    nationality=str(form.get("nationality") or "").strip() or None,
                    expires=_day(expires) if expires else None,
                    person_id=_person_id(str(form.get("person") or "").strip()))
            else:
                as_kind = str(form.get("as_kind") or "").strip()
                decision = Decision(document_id, ReviewDecision.REJECTED, user,
                                    kind=parse_kind(as_kind or None),
                                    reason=str(form.get("reason") or ""))
            # Off the event loop: deciding may read the file again (OCR) for training.
            await run_in_threadpool(decide, services, decision)
        except ConfigError as error:
            return case_page(request, reference, error=str(error), status_code=400)
        return RedirectResponse(f"/cases/{reference}", status_code=303)

    async def case_action(request: Request) -> Response:
        user = require_user(request)
        form = await checked_form(request)
        reference = _reference(request)
        action = request.path_params["action"]
        try:
            if action == "link":
                address = str(form.get("address") or "").strip()
                if "@" not in address:
                    raise ConfigError(f"{address!r} is not an e-mail address")
                await run_in_threadpool(admin.link_address, services, reference, address,
                                        by=user)
            elif action == "resolve":
                await run_in_threadpool(admin.resolve_case, services.engine, reference,
                                        services.clock(), by=user)
            elif action == "close":
                await run_in_threadpool(admin.close_case, services.engine, reference, by=user)
            elif action == "reopen":
                await run_in_threadpool(admin.reopen_case, services.engine, reference, by=user)
            elif action == "resend":
                await run_in_threadpool(admin.resend_last_reply, services, reference, by=user)
            else:
                raise HTTPException(404)
        except ConfigError as error:
            return case_page(request, reference, error=str(error), status_code=400)
        return RedirectResponse(f"/cases/{reference}", status_code=303)

    def render_thumbnail(document_id: int, page: int) -> bytes | None:
        """Rendering a page takes a fraction of a second: run in a worker thread."""
        with Session(services.engine) as session:
            document = session.get(Document, document_id)
            if document is None or document.case_id is None:
                return None
            return thumbnail(session, settings.data_dir, document, page,
                             services.document_limits)

    async def page_thumbnail(request: Request) -> Response:
        require_user(request)
        document_id = request.path_params["document"]
        page = request.path_params["page"]
        png = await run_in_threadpool(render_thumbnail, document_id, page)
        if png is None:
            raise HTTPException(404)
        return Response(png, media_type="image/png",
                        headers={"cache-control": "private, max-age=3600"})

    async def health(request: Request) -> Response:
        require_user(request)
        from mailbot.monitor import status

        # `status` probes tesseract and the disk: in a worker thread, like `mailbot status`.
        level, report = await run_in_threadpool(status, settings, services.clock(),
                                                lambda _url: services.engine)
        return render(request, "health.html", {"level": level, "report": report})

    async def login_needed(request: Request, _exc: Exception) -> Response:
        if request.method == "GET" and "text/html" in request.headers.get("accept", ""):
            return RedirectResponse("/login", status_code=303)
        return Response("login required", status_code=401, media_type="text/plain")

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return Response(exc.detail, status_code=exc.status_code, media_type="text/plain")

    routes = [
        Route("/login", login_page, methods=["GET"]),
        Route("/login", login, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/", case_list, methods=["GET"]),
        Route("/health", health, methods=["GET"]),
        Route("/cases/{reference}", one_case, methods=["GET"]),
        Route("/cases/{reference}/mails/{direction:str}/{mail:int}", one_mail,
              methods=["GET"]),
        Route("/cases/{reference}/documents/{document:int}/reveal", reveal, methods=["POST"]),
        Route("/cases/{reference}/documents/{document:int}/{action:str}", review_decision,
              methods=["POST"]),
        Route("/cases/{reference}/{action:str}", case_action, methods=["POST"]),
        Route("/documents/{document:int}/pages/{page:int}.png", page_thumbnail,
              methods=["GET"]),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(SessionMiddleware, secret_key=session_secret(services),
                   session_cookie="mailbot_session", max_age=SESSION_SECONDS,
                   same_site="strict", https_only=secure_cookie),
    ]
    return Starlette(routes=routes, middleware=middleware, exception_handlers={
        _LoginNeeded: login_needed, HTTPException: http_error})


class _LoginNeeded(Exception):
    """No (valid) session: a browser is sent to the login page, anything else gets 401."""


_REFERENCE = re.compile(r"HSM-\d{1,9}")


def _reference(request: Request) -> str:
    """Cases are named by their reference in URLs (never by address: no e-mail in logs or
    a browser's history); anything else is no page."""
    reference = str(request.path_params["reference"])
    if not _REFERENCE.fullmatch(reference):
        raise HTTPException(404)
    return reference


def _document_in_case(services: Services, reference: str, document_id: int) -> None:
    with Session(services.engine) as session:
        case = repo.case_by_reference_or_email(session, reference)
        document = session.get(Document, document_id)
        if case is None or document is None or document.case_id != case.id:
            raise HTTPException(404)


def _int(value: str | None, default: int, *, low: int, high: int) -> int:
    try:
        return min(max(int(value or default), low), high)
    except ValueError:
        return default


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{value!r}: write the date as YYYY-MM-DD") from None



def _person_id(value: str) -> int | None:
    """The person a document is accepted for; empty: where it is placed already."""
    if not value:
        return None
    if not value.isdigit():
        raise ConfigError(f"{value!r}: not a person of the case")
    return int(value)
