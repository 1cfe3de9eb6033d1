"""The command line: the contract operators and HR scripts depend on. Keep it stable."""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
from collections.abc import Callable
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Column, Table

from mailbot.config import Settings, load_settings
from mailbot.errors import ConfigError, TransientError

app = typer.Typer(help="Collects the documents a Highly Skilled Migrant visa needs, by email.",
                  no_args_is_help=True, add_completion=False)
case_app = typer.Typer(help="One case: show, add, link an alias, pause or resume reminders.",
                       no_args_is_help=True)
app.add_typer(case_app, name="case")
review_app = typer.Typer(
    help="Files the classifier was unsure about: list the queue, accept or reject one.",
    invoke_without_command=True)
app.add_typer(review_app, name="review")
person_app = typer.Typer(help="The persons of a case: the candidate and the dependants (spouse, "
                              "partner, children) who come along.", no_args_is_help=True)
case_app.add_typer(person_app, name="person")
user_app = typer.Typer(help="HR's accounts of the web dashboard (`mailbot web`).",
                       no_args_is_help=True)
app.add_typer(user_app, name="user")

# Piped output (CI logs, `| less`) gets a wide table instead of rich's 80-column default.
console = Console(width=None if sys.stdout.isatty() else 200)
errors = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])


def friendly(function: F) -> F:
    """Configuration and connection problems end in one clear line, not a traceback."""

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except (ConfigError, TransientError) as exc:
            errors.print(f"mailbot: {exc}", markup=False, highlight=False)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def settings() -> Settings:
    return load_settings()


CaseKey = Annotated[str, typer.Argument(help="HSM-0042 or the candidate's address")]
RelationOption = Annotated[str, typer.Option(help="spouse, partner or child")]
PartnershipOption = Annotated[str | None, typer.Option(
    help="spouse or partner: marriage, registered or unmarried")]


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=None) + "\n")


# ---------------------------------------------------------------------------- run


@app.command()
@friendly
def run(
    once: Annotated[bool, typer.Option("--once", help="One full cycle, then exit.")] = False,
    source: Annotated[Path | None, typer.Option(
        help="Read mail from a Maildir or a folder of .eml files instead of IMAP.",
        exists=True, file_okay=False)] = None,
    outbox: Annotated[Path | None, typer.Option(
        help="Write replies and HR mails as .eml files into this folder instead of SMTP.")] = None,
    idle: Annotated[bool | None, typer.Option(
        "--idle/--no-idle", help="Also use IMAP IDLE to answer within seconds.")] = None,
    summary: Annotated[bool, typer.Option(help="Print a summary per candidate (with --once).")]
    = True,
) -> None:
    """Run the worker: poll, process, reply. `--once` runs one cycle and exits 0."""
    stop_requested = threading.Event()
    if not once:
        # Start-up (imports, migrations, the document model) takes a moment; a SIGTERM in that
        # time must still mean "stop cleanly", not death by signal. run_forever takes over.
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop_requested.set())
    from mailbot.boot import build_worker, configure_logging

    configure_logging()
    config = settings()
    if idle is not None:
        config = config.model_copy(update={"imap_idle": idle})
    worker = build_worker(config, source=source, outbox=outbox)
    if once:
        report = worker.run_cycle()
        try:
            worker.source.close()
            worker.delivery.close()
        finally:
            if summary:
                _print_cycle(report, worker)
        return
    from mailbot.scheduler import run_forever

    run_forever(worker, stop=stop_requested)


def _print_cycle(report: Any, worker: Any) -> None:
    from mailbot.views import all_cases

    outcomes = ", ".join(f"{count} {name}" for name, count in sorted(report.outcomes.items()))
    console.print(f"Cycle: {report.fetched} new mail(s) ({outcomes or 'nothing to process'}); "
                  f"{report.replies_queued} replies queued, {report.sent} mail(s) sent.",
                  highlight=False)
    _print_cases_table(all_cases(worker.engine))


# ---------------------------------------------------------------------------- classify


@app.command()
@friendly
def classify(
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False, readable=True)],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Classify files directly: passport, antecedents, tb_declaration or other."""
    from classifiers.ocr import OcrUnavailable as OcrMissing
    from mailbot.boot import build_reader
    from mailbot.errors import OcrUnavailable

    read = build_reader(settings())

    def verdicts() -> Any:
        for path in files:
            try:
                yield path, read(path.read_bytes(), path.name)
            except OcrMissing as exc:  # our installation, not the file: one line, exit 2
                raise OcrUnavailable(f"{exc}; cannot read {path.name}") from exc

    if as_json:
        for path, verdict in verdicts():
            _print_json(verdict.to_json(str(path)))
        return
    table = Table("file", "kind", "confidence", "filled", "passport", "why")
    from rich.progress import track

    stream = track(verdicts(), total=len(files), description="classifying",
                   console=errors, disable=len(files) < 3)
    for path, verdict in stream:
        passport = verdict.passport
        table.add_row(
            str(path), verdict.kind.value if not verdict.error else f"other ({verdict.error})",
            f"{verdict.confidence:.2f}",
            "" if verdict.filled is None else ("yes" if verdict.filled else "NO (blank)"),
            "" if passport is None else
            f"{passport.nationality} until {passport.expiry_date} "
            f"{'✓' if passport.checks_ok else '✗ checks'}"
            + "".join(f" (not sure: {t.field.replace('_', ' ')})" for t in passport.trust
                      if not t.trusted),
            "; ".join(verdict.reasons[:3]),
        )
    console.print(table)


# ---------------------------------------------------------------------------- cases


def _print_cases_table(cases: list[dict[str, Any]]) -> None:
    from classifiers.types import Kind

    # Names and addresses are never cut: HR copies them from here.
    table = Table("case", Column("candidate", overflow="fold", min_width=30), "status",
                  "received", "missing", "in review", "problems",
                  Column("last activity", min_width=16))
    for case in cases:
        received = ", ".join(sorted({doc["kind"] for doc in case["received"]
                                     if doc["kind"] != Kind.OTHER}))
        problems = list(case["problems"]) + (["needs a human answer"] if case["needs_human"]
                                             else [])
        table.add_row(
            case["case_id"], f"{case['name']}\n{case['email']}",
            "[green]complete[/]" if case["status"] == "complete" else "incomplete",
            received or "-", ", ".join(case["missing"]) or "-",
            ", ".join(case["in_review"]) or "-", ", ".join(problems) or "-",
            case["last_activity"][:16].replace("T", " "),
        )
    console.print(table)


@app.command()
@friendly
def cases(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """All cases: status, received, missing, problems, last activity."""
    from mailbot.boot import database
    from mailbot.views import all_cases, rules_of

    configured = settings()
    found = all_cases(database(configured), rules_of(configured))
    if as_json:
        _print_json(found)
    else:
        _print_cases_table(found)


@case_app.command("show")
@friendly
def case_show(key: CaseKey,
              as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """One case in detail: every document, its verdict, confidence and why."""
    from mailbot.boot import database
    from mailbot.views import one_case, rules_of

    configured = settings()
    found = one_case(database(configured), key, rules_of(configured))
    if found is None:
        errors.print(f"mailbot: no case {key!r}; `mailbot cases` lists them", markup=False)
        raise typer.Exit(1)
    if as_json:
        _print_json(found)
        return
    console.print(f"[bold]{found['case_id']}[/] {found['name']} <{found['email']}> — "
                  f"{found['status']}", highlight=False)
    console.print(f"nationality {found['nationality'] or '?'}, TB exempt "
                  f"{found['tb_exempt']}, passport until {found['passport_expiry'] or '?'}; "
                  f"missing: {', '.join(found['missing']) or 'nothing'}; "
                  f"in review: {', '.join(found['in_review']) or 'nothing'}; "
                  f"problems: {', '.join(found['problems']) or 'none'}", highlight=False)
    persons = found["persons"]
    if len(persons) == 1:  # the candidate alone: one table, as ever
        _print_documents(found["received"])
    else:
        shown: set[int] = set()
        for person in persons:
            _print_person(person)
            _print_documents(person["received"])
            shown.update(doc["document"] for doc in person["received"])
        rest = [doc for doc in found["received"] if doc["document"] not in shown]
        if rest:
            console.print("[bold]Whose it is waits for HR[/] (mailbot review accept DOC KIND "
                          "--person ID):", highlight=False)
            _print_documents(rest)
    for mail in found["mails"]:
        console.print(f"mail #{mail['mail']} {mail['sent_at'] or ''} {mail['state']}: "
                      f"{mail['subject']} {('— ' + mail['note']) if mail['note'] else ''}",
                      highlight=False, markup=False)


def _print_person(person: dict[str, Any]) -> None:
    who = person["relation"] or "proposed (confirm: mailbot case person confirm REF ID " \
                                 "--relation R)"
    born = f", born {person['birth_date']}" if person["birth_date"] else ""
    console.print(
        f"[bold]{who} #{person['id']}[/] {person['name'] or '?'}{born}, nationality "
        f"{person['nationality'] or '?'}: "
        + ("complete" if person["complete"] else
           f"missing {', '.join(person['missing']) or 'nothing'}; in review "
           f"{', '.join(person['in_review']) or 'nothing'}")
        + (f"; problems: {', '.join(person['problems'])}" if person["problems"] else ""),
        highlight=False)


def _print_documents(documents: list[dict[str, Any]]) -> None:
    table = Table("doc", "mail", "file", "kind", "conf.", "filled", "review", "why")
    for doc in documents:
        kind = doc["kind"] + (" (held)" if doc["held"] else "")
        why = doc["error_detail"] if doc["error"] else "; ".join(doc["reasons"][:4])
        table.add_row(str(doc["document"]), str(doc["mail"]), doc["filename"], kind,
                      f"{doc['confidence']:.2f}",
                      "" if doc["filled"] is None else str(doc["filled"]),
                      _review_cell(doc["review"]), why)
    console.print(table)


def _review_cell(review: dict[str, Any] | None) -> str:
    if review is None:
        return ""
    if review["state"] == "pending":
        return "waits for HR"
    said = f" as {review['kind']}" if review["kind"] else ""
    why = f": {review['reason']}" if review["reason"] else ""
    return f"{review['state']}{said} by {review['by']} {(review['at'] or '')[:16]}{why}"


# ---------------------------------------------------------------------------- review


def _os_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return f"uid {os.getuid()}"


ByOption = Annotated[str | None, typer.Option(
    "--by", help="Who decides (for the record); default: your login name.")]


@review_app.callback()
@friendly
def review(ctx: typer.Context,
           as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """The files waiting for HR, oldest first (passport numbers masked)."""
    if ctx.invoked_subcommand is not None:
        return
    from classifiers.types import Kind
    from mailbot.boot import database
    from mailbot.views import review_queue

    queue = review_queue(database(settings()))
    if as_json:
        _print_json(queue)
        return
    if not queue:
        console.print("nothing waits for review", highlight=False)
        return
    table = Table("doc", "case", Column("file", overflow="fold"), "best guess", "conf.",
                  "received", Column("why", overflow="fold"))
    for item in queue:
        table.add_row(str(item["document"]), item["case_id"] or "-", item["filename"],
                      item["kind"] + (" (held)" if item["held"] else ""),
                      f"{item['confidence']:.2f}", item["received_at"][:16].replace("T", " "),
                      "; ".join(item["reasons"][:4]))
    console.print(table)
    console.print("Settle one: mailbot review accept DOC KIND | mailbot review reject DOC "
                  "--reason TEXT [--as-kind KIND]", highlight=False, markup=False)
    if any(item["kind"] == Kind.PASSPORT for item in queue):
        console.print("A passport the bot could not read: mailbot review accept DOC passport "
                      "--nationality CODE --expires YYYY-MM-DD (as the page prints them)",
                      highlight=False, markup=False)


@review_app.command("accept")
@friendly
def review_accept(
    document: Annotated[int, typer.Argument(help="The document id (`mailbot review`)")],
    kind: Annotated[str, typer.Argument(
        help="What it counts as: passport, antecedents, tb_declaration or other; in a case "
             "with dependants also marriage_certificate, partnership_certificate, "
             "birth_certificate, unmarried_status, relationship_declaration, "
             "parental_consent")],
    nationality: Annotated[str | None, typer.Option(
        help="passport: the nationality code the page prints (NGA, IND, D …), when the bot "
             "could not read it; it decides on the TB declaration")] = None,
    expires: Annotated[str | None, typer.Option(
        help="passport: the expiry date the page prints, YYYY-MM-DD")] = None,
    person: Annotated[int | None, typer.Option(
        help="Whose document it is: a person's id from `mailbot case person list`")] = None,
    by: ByOption = None,
) -> None:
    """HR checked the file: it counts as KIND (also overrules a confident verdict)."""
    from mailbot.store.models import ReviewDecision

    _decide(document, ReviewDecision.ACCEPTED, by, kind=kind, reason=None,
            nationality=nationality, expires=_day(expires, "--expires") if expires else None,
            person=person)


@review_app.command("reject")
@friendly
def review_reject(
    document: Annotated[int, typer.Argument(help="The document id (`mailbot review`)")],
    reason: Annotated[str, typer.Option(help="Why it does not count; the candidate reads it.")],
    as_kind: Annotated[str | None, typer.Option(
        "--as-kind", help="What the file really is, for training (e.g. other).")] = None,
    by: ByOption = None,
) -> None:
    """HR checked the file: it does not count, and the candidate is told why."""
    from mailbot.store.models import ReviewDecision

    _decide(document, ReviewDecision.REJECTED, by, kind=as_kind, reason=reason)


def _day(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{option} {value!r}: write the date as YYYY-MM-DD") from None


def _decide(document: int, decision: Any, by: str | None, *, kind: str | None,
            reason: str | None, nationality: str | None = None,
            expires: date | None = None, person: int | None = None) -> None:
    from mailbot.boot import build_admin_services
    from mailbot.review import Decision, decide, parse_kind

    outcome = decide(build_admin_services(settings()),
                     Decision(document, decision, by or _os_user(), kind=parse_kind(kind),
                              reason=reason, nationality=nationality, expires=expires,
                              person_id=person))
    what = (f"document {outcome.document_id} ({outcome.reference}, {outcome.filename})")
    if not outcome.changed:
        console.print(f"{what}: already decided so; nothing changed, nothing sent",
                      highlight=False, markup=False)
        return
    state = outcome.status
    if outcome.missing:
        state += f", missing {', '.join(outcome.missing)}"
    if outcome.in_review:
        state += f", in review {', '.join(outcome.in_review)}"
    console.print(f"{what}: {decision}; {outcome.reference} is {state}; "
                  + ("one reply to the candidate is queued (the worker sends it)"
                     if outcome.reply_queued else "no reply needed (nothing changed for the "
                                                  "candidate)")
                  + (f"; training example {outcome.exported}" if outcome.exported else ""),
                  highlight=False, markup=False)


def main() -> None:  # pragma: no cover - console entry point
    app()


@case_app.command("add")
@friendly
def case_add(email: Annotated[str, typer.Argument(help="The candidate's address")],
             name: Annotated[str, typer.Option(help="The candidate's full name")] = "") -> None:
    """Open a case ahead of time, so the first mail finds it."""
    from mailbot.admin import add_case
    from mailbot.boot import database

    reference = add_case(database(settings()), email, name)
    console.print(f"{reference} opened for {email}", highlight=False)


@case_app.command("import")
@friendly
def case_import(file: Annotated[Path, typer.Argument(
        help="A TOML file of [[case]] entries with their [[case.person]]s", exists=True,
        dir_okay=False, readable=True)]) -> None:
    """Open the cases and declare the families of HR's file; what is already there stays."""
    from mailbot.admin import declare
    from mailbot.boot import build_admin_services
    from mailbot.declarations import parse_declarations

    cases = parse_declarations(file.read_text(encoding="utf-8"), str(file))
    for line in declare(build_admin_services(settings()), cases, by=_os_user()):
        console.print(line, highlight=False, markup=False)


@case_app.command("link")
@friendly
def case_link(key: CaseKey,
              address: Annotated[str, typer.Argument(help="Another address of the candidate")],
              ) -> None:
    """Accept another address for a case; documents held from it now count."""
    from mailbot.admin import link_address
    from mailbot.boot import build_admin_services

    released = link_address(build_admin_services(settings()), key, address, by=_os_user())
    console.print(f"{address} linked to {key}; {released} held document(s) now count",
                  highlight=False)


@case_app.command("resend")
@friendly
def case_resend(key: CaseKey) -> None:
    """Send the last reply to the candidate again (the running worker sends it)."""
    from mailbot.admin import resend_last_reply
    from mailbot.boot import build_admin_services

    console.print(resend_last_reply(build_admin_services(settings()), key, by=_os_user()),
                  highlight=False)


@case_app.command("resolve")
@friendly
def case_resolve(key: CaseKey) -> None:
    """Clear 'needs a human answer' once HR has answered the candidate."""
    from mailbot.admin import resolve_case

    _change_case(resolve_case, key, f"{key}: no longer waiting for a human answer", audited=True)


@case_app.command("close")
@friendly
def case_close(key: CaseKey) -> None:
    """Close a case (its documents become eligible for `mailbot purge`)."""
    from mailbot.admin import close_case

    _change_case(close_case, key, f"{key} closed", audited=True)


@case_app.command("reopen")
@friendly
def case_reopen(key: CaseKey) -> None:
    """Open a closed case again."""
    from mailbot.admin import reopen_case

    _change_case(reopen_case, key, f"{key} reopened", audited=True)


@case_app.command("pause")
@friendly
def case_pause(key: CaseKey) -> None:
    """Stop reminders to the candidate until `case resume`."""
    from mailbot.admin import pause_reminders

    _change_case(pause_reminders, key, f"{key}: reminders paused")


@case_app.command("resume")
@friendly
def case_resume(key: CaseKey) -> None:
    """Reminders go on, counted from now (also after a bounce or a mark for HR)."""
    from mailbot.admin import resume_reminders

    _change_case(resume_reminders, key, f"{key}: reminders resumed; the next counts from now")


# ---------------------------------------------------------------------------- persons


@person_app.command("add")
@friendly
def person_add(
    key: CaseKey,
    relation: RelationOption,
    name: Annotated[str, typer.Option(help="The name as the passport prints it")],
    birth_date: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    nationality: Annotated[str | None, typer.Option(
        help="The nationality code (until their passport is read)")] = None,
    other_parent_stays: Annotated[bool, typer.Option(
        "--other-parent-stays", help="child: the other parent stays behind (consent needed)",
    )] = False,
    partnership: PartnershipOption = None,
) -> None:
    """Declare a dependant who comes along: their checklist joins the case's."""
    from mailbot.admin import NewPerson, add_person
    from mailbot.boot import build_admin_services

    added = add_person(build_admin_services(settings()), key, NewPerson(
        relation, name, _day(birth_date, "--birth-date") if birth_date else None,
        nationality, other_parent_stays, partnership), by=_os_user())
    console.print(f"{key}: person {added['id']} added ({added['relation']} {added['name']})",
                  highlight=False, markup=False)


@person_app.command("list")
@friendly
def person_list(key: CaseKey,
                as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """The persons of a case, the candidate first; proposed ones wait for `confirm`."""
    from mailbot.admin import list_persons
    from mailbot.boot import database

    persons = list_persons(database(settings()), key)
    if as_json:
        _print_json(persons)
        return
    table = Table("id", "relation", Column("name", overflow="fold"), "birth date", "confirmed")
    for person in persons:
        table.add_row(str(person["id"]), person["relation"] or "? (proposed)", person["name"],
                      person["birth_date"] or "-", "yes" if person["confirmed"] else "no")
    console.print(table)


@person_app.command("remove")
@friendly
def person_remove(key: CaseKey,
                  person: Annotated[int, typer.Argument(help="The person's id (`list`)")],
                  ) -> None:
    """A dependant who does not come along, or a proposal that is no one of the family."""
    from mailbot.admin import remove_person
    from mailbot.boot import build_admin_services

    remove_person(build_admin_services(settings()), key, person, by=_os_user())
    console.print(f"{key}: person {person} removed", highlight=False, markup=False)


@person_app.command("confirm")
@friendly
def person_confirm(
    key: CaseKey,
    person: Annotated[int, typer.Argument(help="The person's id (`list`)")],
    relation: RelationOption,
    other_parent_stays: Annotated[bool | None, typer.Option(
        "--other-parent-stays/--other-parent-comes",
        help="child: whether the other parent stays behind")] = None,
    partnership: PartnershipOption = None,
) -> None:
    """Say who a proposed dependant is (a passport of theirs arrived): they now count."""
    from mailbot.admin import confirm_person
    from mailbot.boot import build_admin_services

    done = confirm_person(build_admin_services(settings()), key, person, relation,
                          other_parent_stays=other_parent_stays, partnership=partnership,
                          by=_os_user())
    console.print(f"{key}: person {person} confirmed as {done['relation']} ({done['name']})",
                  highlight=False, markup=False)


@app.command()
@friendly
def web() -> None:
    """HR's dashboard on MAILBOT_WEB_HOST:MAILBOT_WEB_PORT (127.0.0.1:8080 by default)."""
    import uvicorn

    from mailbot.boot import build_web, configure_logging

    config = settings()
    configure_logging()
    # Behind a reverse proxy on this host, X-Forwarded-For from loopback names the client the
    # login throttle counts (uvicorn's default). With single sign-on the proxy itself must stay
    # the peer: the user header is believed only from loopback, and the proxy does the login.
    single_sign_on = bool(config.web_trusted_user_header.strip())
    application: Any = build_web(config)
    uvicorn.run(application, host=config.web_host, port=config.web_port, log_level="info",
                access_log=False, server_header=False, proxy_headers=not single_sign_on)


@user_app.command("add")
@friendly
def user_add(email: Annotated[str, typer.Argument(help="HR's e-mail address (the login)")],
             ) -> None:
    """Create a dashboard account, or set a new password for one. The password is asked for,
    or read from standard input when that is not a terminal (one line)."""
    from getpass import getpass

    from mailbot.boot import database
    from mailbot.store.models import utcnow
    from mailbot.users import add_user

    if sys.stdin.isatty():
        password = getpass("Password: ")
        if getpass("Again: ") != password:
            raise ConfigError("the two passwords differ")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    created = add_user(database(settings()), email, password, utcnow())
    console.print(f"{email}: {'account created' if created else 'password changed'}",
                  highlight=False, markup=False)


@user_app.command("list")
@friendly
def user_list(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """The dashboard accounts, with their last login."""
    from mailbot.boot import database
    from mailbot.users import list_users

    users = list_users(database(settings()))
    if as_json:
        _print_json(users)
        return
    for user in users:
        console.print(f"{user['email']}  created {user['created_at']}  last login "
                      f"{user['last_login_at'] or 'never'}", highlight=False, markup=False)


@user_app.command("remove")
@friendly
def user_remove(email: Annotated[str, typer.Argument(help="The account's address")]) -> None:
    """Remove a dashboard account (its open sessions end at their next request)."""
    from mailbot.boot import database
    from mailbot.users import remove_user

    if not remove_user(database(settings()), email):
        errors.print(f"mailbot: no account {email!r}", markup=False)
        raise typer.Exit(1)
    console.print(f"{email}: account removed", highlight=False, markup=False)


def _change_case(change: Callable[..., None], key: str, done: str, *,
                 audited: bool = False) -> None:
    """`audited`: the change is written to the audit trail with the login name."""
    from mailbot.boot import database

    if audited:
        change(database(settings()), key, by=_os_user())
    else:
        change(database(settings()), key)
    console.print(done, highlight=False)


@app.command()
@friendly
def digest(
    send: Annotated[bool, typer.Option("--send", help="Mail it to MAILBOT_HR_ADDRESS.")] = False,
    outbox: Annotated[Path | None, typer.Option(
        help="With --send: write the mail into this folder instead of SMTP.")] = None,
) -> None:
    """The HR summary since the last digest: new documents, completed, waiting, problems."""
    from mailbot.boot import build_admin_services
    from mailbot.digest import build_digest, send_digest
    from mailbot.replies.hr import compose_digest

    config = settings()
    if not send:
        subject, text = compose_digest(build_digest(build_admin_services(config)))
        console.print(subject, highlight=False, markup=False)
        console.print(text.text, highlight=False, markup=False)
        return
    data = send_digest(build_admin_services(config, outbox=outbox, send=True))
    console.print(f"digest sent to {config.hr_address} ({len(data.new_documents)} case(s) with "
                  "new documents)", highlight=False)


@app.command()
@friendly
def reminders(
    at: Annotated[str | None, typer.Option(
        "--at", help="YYYY-MM-DD: what would be due that day if nobody writes until then.")]
    = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Preview the reminders due now (or on --at), per case; sends nothing."""
    from datetime import date, datetime

    from mailbot.boot import build_admin_services
    from mailbot.steps.remind import preview

    try:
        day = date.fromisoformat(at) if at is not None else None
    except ValueError:
        raise ConfigError(f"--at: {at!r} is not a date YYYY-MM-DD") from None
    config = settings()
    rows = preview(build_admin_services(config), day)
    if as_json:
        _print_json(rows)
        return
    when = f"on {day}" if day else "now"
    if not rows:
        console.print(f"no reminders due {when}", highlight=False)
        return
    zone = config.reminder_schedule().timezone
    table = Table("case", Column("candidate", overflow="fold", min_width=30),
                  f"due ({zone.key})", "what", "missing")
    for row in rows:
        what = (f"reminder {row['reminder']} of {row['of']}" if row["action"] == "remind"
                else f"mark for HR: no answer after {row['reminder']} reminder(s)")
        table.add_row(row["case_id"], f"{row['name']}\n{row['email']}",
                      datetime.fromisoformat(row["due_at"]).astimezone(zone)
                      .strftime("%a %Y-%m-%d %H:%M") if row["due_at"] else "", what,
                      ", ".join(row["missing"]) or "-")
    console.print(table)
    console.print(f"reminders due {when} (nothing was sent; the worker sends them)",
                  highlight=False)


@app.command()
@friendly
def purge(older_than: Annotated[int, typer.Option(
    "--older-than", help="Days since the last activity of a closed case.", min=0)],
          dry_run: Annotated[bool, typer.Option("--dry-run")] = False) -> None:
    """GDPR retention: delete the documents and mails of closed cases, and say what went."""
    from mailbot.admin import purge_closed
    from mailbot.boot import database

    for line in purge_closed(database(settings()), older_than, dry_run=dry_run):
        console.print(line, highlight=False, markup=False)


@app.command()
def status(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Is the worker well? Exit 0 healthy, 1 degraded, 2 failing (cron, systemd, Docker)."""
    from datetime import UTC, datetime

    from mailbot.monitor import status as health_status

    try:
        config = settings()
    except ConfigError as exc:
        errors.print(f"mailbot: {exc}", markup=False, highlight=False)
        raise typer.Exit(2) from None
    from mailbot.boot import prepare_data_dir

    prepare_data_dir(config)
    level, report = health_status(config, datetime.now(UTC))
    if as_json:
        _print_json(report)
    else:
        _print_status(report)
    raise typer.Exit(int(level))


def _print_status(report: dict[str, Any]) -> None:
    def line(text: str) -> None:
        console.print(text, highlight=False, markup=False)

    line(f"mailbot is {report['status'].upper()} (checked {report['checked_at']})")
    for mailbox in report["mailboxes"]:
        trouble = (f"; failing since {mailbox['failing_since']}: {mailbox['last_error']}"
                   if mailbox["failing_since"] else "")
        line(f"  mailbox {mailbox['name']}: last poll {mailbox['last_poll'] or 'never'}{trouble}")
    for delivery in report["deliveries"]:
        trouble = (f"; failing since {delivery['failing_since']}: {delivery['last_error']}"
                   if delivery["failing_since"] else "")
        line(f"  sending {delivery['name']}: last send {delivery['last_send'] or 'never'}"
             f"{trouble}")
    line(f"  mails waiting {report['mails_waiting']} (oldest "
         f"{report['oldest_unprocessed'] or '-'}), set aside {report['mails_set_aside']}, held "
         f"{report['mails_held']}; documents in review {report['documents_in_review']}")
    line(f"  outbox queued {report['outbox_queued']}, unconfirmed sends "
         f"{report['unconfirmed_sends']}, refused {report['failed_sends']}")
    database, tesseract, disk = report["database"], report["tesseract"], report["disk"]
    full = " (nearly full)" if disk["nearly_full"] else ""
    line(f"  database {'reachable' if database['reachable'] else 'NOT reachable'}; "
         f"tesseract {'ok' if tesseract['reachable'] else 'NOT ok'}; disk "
         f"{disk['free_bytes'] // 1024**2} MiB free{full}")
    for condition in report["conditions"]:
        line(f"  {condition['level'].upper()}: {condition['title']} since {condition['since']}"
             f" — {condition['detail']}")
    for incident in report["incidents"]:
        told = (f"alerted {incident['alerted_at']}" if incident["alerted_at"]
                else "alert held back (at most one per hour)")
        line(f"  open incident {incident['key']}: {incident['title']} ({told}, to "
             f"{report['alert_address']})")
    for note in report["notes"]:
        line(f"  note: {note}")


@app.command()
@friendly
def migrate() -> None:
    """Create or upgrade the database schema (also done automatically on start)."""
    from mailbot.boot import database

    database(settings())
    console.print("database schema is up to date")
