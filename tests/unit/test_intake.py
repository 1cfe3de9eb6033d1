"""The intake decision (mailbot/intake/decision.py): answer, ignore, hold for HR or set aside."""

from __future__ import annotations

import pytest

from mailbot.config import DEFAULT_SPAM_VERDICT_HEADERS, Settings, parse_spam_verdict_headers
from mailbot.intake import Action, IntakePolicy, decide, reply_thread
from mailbot.mime.parse import parse_mail
from mailbot.replies.message import thread_header

BOT = "hsm-documents@mailbot.example"
FORWARDER = "hr-forward@itsync.example"
POLICY = IntakePolicy(own_addresses=frozenset({BOT}), forwarders=frozenset({FORWARDER}),
                      spam_verdicts=parse_spam_verdict_headers(DEFAULT_SPAM_VERDICT_HEADERS))
PDF_PART = """--b
Content-Type: application/pdf; name="cv.pdf"
Content-Disposition: attachment; filename="cv.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQK
--b--
"""


def decision(raw: str, policy: IntakePolicy = POLICY) -> tuple[Action, str, str]:
    data = raw.replace("\n", "\r\n").encode()
    intake = decide(parse_mail(data), data, policy)
    return intake.action, intake.sender, intake.reason


def with_pdf(headers: str, text: str = "Hello, my CV.") -> str:
    return (headers + '\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n'
            f"--b\nContent-Type: text/plain\n\n{text}\n" + PDF_PART)


def test_a_person_is_answered() -> None:
    action, sender, _ = decision("From: Ana <ana@example.org>\nSubject: hi\n\nHello")
    assert (action, sender) == (Action.ANSWER, "ana@example.org")


def test_an_unparseable_sender_is_set_aside_not_blamed_on_a_mailer_daemon() -> None:
    action, sender, reason = decision(with_pdf("From: Ana <ana at example.org>\nSubject: cv"))
    assert (action, sender) == (Action.SET_ASIDE, "")
    assert reason.startswith("no-usable-sender") and "daemon" not in reason.lower()


def test_a_machine_with_no_sender_is_still_a_machine() -> None:
    action, _, reason = decision("From: MAILER-DAEMON\nReturn-Path: <>\nSubject: x\n\nfail")
    assert action is Action.IGNORE and reason.startswith("null-return-path")


def test_spam_is_ignored_or_held_when_it_carries_documents() -> None:
    plain = "From: w@lottery.example\nX-Spam-Flag: YES\nSubject: won\n\nClaim"
    assert decision(plain)[0] is Action.IGNORE
    assert decision(with_pdf("From: w@lottery.example\nX-Spam-Status: Yes, score=9"))[0] \
        is Action.HOLD
    no_verdicts = IntakePolicy(own_addresses=frozenset({BOT}))
    assert decision(with_pdf("From: w@lottery.example\nX-Spam-Flag: YES"), no_verdicts)[0] \
        is Action.ANSWER


def test_a_lone_uncertain_signal_with_the_person_s_own_documents_is_answered() -> None:
    raw = with_pdf("From: Ana <ana@example.org>\nSubject: Automatic reply: my documents")
    assert decision(raw)[0] is Action.ANSWER
    asks = "From: Ana <ana@example.org>\nSubject: Ausência de documento\n\nWhat now?"
    assert decision(asks)[0] is Action.ANSWER


def test_a_lone_uncertain_signal_without_person_evidence_is_held_for_hr_not_dropped() -> None:
    action, _, reason = decision("From: Ana <ana@example.org>\nSubject: Automatic reply: x"
                                 "\n\nAway")
    assert action is Action.HOLD and "single uncertain signal" in reason


def test_two_uncertain_signals_are_a_machine_held_only_for_its_documents() -> None:
    outlook = ("From: Ana <ana@example.org>\nX-Auto-Response-Suppress: All\n"
               "Subject: Automatic reply: my documents")
    assert decision(with_pdf(outlook))[0] is Action.HOLD
    assert decision(outlook + "\n\nThanks.")[0] is Action.IGNORE
    ooo = ("From: Ana <ana@example.org>\nSubject: Out of office\n\nI am out of the office "
           "until 30 November with limited access to email.")
    assert decision(ooo)[0] is Action.IGNORE


def test_x_auto_response_suppress_alone_is_a_person_s_outlook_mail() -> None:
    # Outlook and Exchange write it on mail people send; it asks, it does not tell.
    headers = "From: Ana <ana@example.org>\nX-Auto-Response-Suppress: All\nSubject: CV"
    assert decision(with_pdf(headers))[0] is Action.ANSWER
    assert decision(headers + "\n\nWhich documents do you need?")[0] is Action.ANSWER
    assert decision(headers + "\n\nHere is the link.")[0] is Action.HOLD


def test_a_certain_machine_verdict_is_never_answered_and_its_own_files_go_to_hr() -> None:
    raw = with_pdf("From: Ana <ana@example.org>\nList-Id: <expats.example>\nSubject: cv")
    assert decision(raw)[0] is Action.HOLD
    portal = with_pdf("From: Jobs <noreply@portal.example>\nSubject: New application")
    assert decision(portal)[0] is Action.HOLD
    assert decision("From: Ana <ana@example.org>\nList-Id: <e.example>\n\nhi")[0] \
        is Action.IGNORE


def test_files_inside_a_returned_mail_are_not_the_bounce_s_own() -> None:
    raw = ("From: MAILER-DAEMON@mx.example.net\nReturn-Path: <>\nSubject: failure notice\n"
           'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="o"\n\n'
           "--o\nContent-Type: text/plain\n\nfailed\n--o\nContent-Type: message/rfc822\n\n"
           + with_pdf(f"From: {BOT}\nSubject: complete") + "--o--\n")
    assert decision(raw)[0] is Action.IGNORE


def test_a_forward_from_an_allowed_forwarder_is_for_the_original_sender() -> None:
    raw = (f"From: HR rule <{FORWARDER}>\nSubject: FW: cv\nAuto-Submitted: auto-generated\n"
           'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="o"\n\n'
           "--o\nContent-Type: text/plain\n\nForwarded.\n--o\nContent-Type: message/rfc822\n\n"
           + with_pdf("From: Ivan <ivan.petrov@example.bg>\nSubject: cv") + "--o--\n")
    action, sender, _ = decision(raw)
    assert (action, sender) == (Action.ANSWER, "ivan.petrov@example.bg")


def test_an_inline_forward_names_the_original_sender() -> None:
    raw = (f"From: {FORWARDER}\nSubject: FW: q\nAuto-Submitted: auto-generated\n\n"
           "________________________________\nFrom: Aisha Bello <aisha.bello@example.ng>\n"
           "Sent: Sunday\nSubject: q\n\nWhich documents?\n")
    assert decision(raw)[:2] == (Action.ANSWER, "aisha.bello@example.ng")


def test_a_forward_without_an_original_sender_is_set_aside() -> None:
    raw = f"From: {FORWARDER}\nSubject: FW: q\nAuto-Submitted: auto-generated\n\nno header\n"
    assert decision(raw)[0] is Action.SET_ASIDE


def test_a_forwarded_machine_mail_is_ignored() -> None:
    raw = (f"From: {FORWARDER}\nSubject: FW: x\n\n-----Original Message-----\n"
           "From: MAILER-DAEMON@mx.example.net\nSubject: failure notice\n\nfailed\n")
    assert decision(raw)[0] is Action.IGNORE


def test_the_same_auto_generated_mail_from_anyone_else_is_a_machine() -> None:
    raw = ("From: someone@itsync.example\nSubject: FW: q\nAuto-Submitted: auto-generated\n\n"
           "From: Aisha Bello <aisha.bello@example.ng>\n\nWhich documents?\n")
    assert decision(raw)[0] is Action.IGNORE


def test_a_redirect_keeps_the_candidate_as_sender() -> None:
    raw = (f"From: Ana <ana@example.org>\nResent-From: {FORWARDER}\n"
           "Auto-Submitted: auto-generated\nSubject: cv\n\nHello, here is my question?")
    assert decision(raw)[:2] == (Action.ANSWER, "ana@example.org")
    # The forwarding rule's own X-Auto-Response-Suppress says nothing about Ana either.
    statement = (f"From: Ana <ana@example.org>\nResent-From: {FORWARDER}\n"
                 "X-Auto-Response-Suppress: All\nSubject: cv\n\nHello, my CV follows.")
    assert decision(statement)[:2] == (Action.ANSWER, "ana@example.org")


def test_settings_parse_forwarders_and_spam_headers() -> None:
    settings = Settings(forwarders=f"{FORWARDER}, @forward.itsync.example",
                        spam_verdict_headers="X-Spam-Flag:yes,X-Rspamd-Action:reject|add header")
    policy = IntakePolicy.from_settings(settings)
    assert policy.is_forwarder(FORWARDER) and policy.is_forwarder("x@forward.itsync.example")
    assert not policy.is_forwarder("x@itsync.example")
    assert policy.spam_verdicts == (("x-spam-flag", ("yes",)),
                                    ("x-rspamd-action", ("reject", "add header")))
    with pytest.raises(ValueError, match="MAILBOT_SPAM_VERDICT_HEADERS"):
        Settings(spam_verdict_headers="X-Spam-Flag")
    with pytest.raises(ValueError, match="MAILBOT_FORWARDERS"):
        Settings(forwarders="not an address")


def test_thread_headers_are_plain_ids_folded_between_ids() -> None:
    long_id = "<" + "a" * 110 + "@example.org>"
    header = thread_header("References", ["<1@x>", long_id, "<2@x>", "not an id", "<a b@x>"])
    assert header == f"References: <1@x>\r\n {long_id}\r\n <2@x>\r\n".encode()
    assert thread_header("In-Reply-To", ["garbage"]) == b""


@pytest.mark.parametrize(("name", "raw"), [
    ("a subject of stars", b"From: a@b.example\r\nSubject: " + b"*" * 990 + b"x\r\n\r\nhi"),
    ("blank lines to a forwarder", f"From: {FORWARDER}\r\nSubject: x\r\n\r\n".encode()
     + b" \r\n" * 200_000),
    ("one long line of words", b"From: a@b.example\r\nSubject: x\r\n\r\n" + b"I am " * 200_000),
    ("addresses everywhere", b"From: a@b.example\r\nReturn-Path: " + b"a@" * 5000
     + b"\r\nSubject: x\r\n\r\n" + b"@a" * 500_000),
])
def test_the_judgement_stays_fast_on_hostile_text(name: str, raw: bytes) -> None:
    import time

    parsed = parse_mail(raw)
    started = time.perf_counter()
    decide(parsed, raw, POLICY)
    assert time.perf_counter() - started < 5.0, name  # ~0.3-0.9 s here; quadratic would be hours


def test_the_intake_judges_the_tree_parse_mail_built_without_parsing_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    raw = (b"From: MAILER-DAEMON@mx.example.net\r\nSubject: hello\r\nMessage-ID: <b@mx>\r\n"
           b"Content-Type: multipart/report; report-type=delivery-status; boundary=\"c\"\r\n\r\n"
           b"--c\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx\r\n"
           b"--c--\r\n")
    parsed = parse_mail(raw)
    assert parsed.tree is not None
    import email.parser

    def no_second_parse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the mail was parsed a second time")

    monkeypatch.setattr(email.parser.BytesParser, "parsebytes", no_second_parse)
    monkeypatch.setattr(email.parser.BytesHeaderParser, "parsebytes", no_second_parse)
    verdict = decide(parsed, raw, IntakePolicy())
    assert verdict.action is Action.IGNORE


def test_a_reply_to_an_attached_forward_threads_on_the_original_message_id() -> None:
    inner = ("From: Ivan <ivan@example.bg>\nSubject: CV\nMessage-ID: <ivan.1@example.bg>\n"
             "References: <root@example.bg>\n\nmy CV")
    raw = (f"From: {FORWARDER}\nSubject: FW: CV\nMessage-ID: <fwd.1@itsync.example>\n"
           "References: <hr.thread@itsync.example>\n"
           'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n'
           f"--b\nContent-Type: text/plain\n\nFW\n--b\nContent-Type: message/rfc822\n\n{inner}\n"
           "--b--\n").replace("\n", "\r\n").encode()
    assert reply_thread(raw, "<fwd.1@itsync.example>", POLICY) == (
        "<ivan.1@example.bg>", ["<root@example.bg>"])
    # not an allowed forwarder: the mail itself is the parent
    assert reply_thread(raw, "<fwd.1@itsync.example>", IntakePolicy()) == (
        "<fwd.1@itsync.example>", ["<hr.thread@itsync.example>"])
    without_id = raw.replace(b"Message-ID: <ivan.1@example.bg>\r\n", b"")
    assert reply_thread(without_id, "<fwd.1@itsync.example>", POLICY)[0] == \
        "<fwd.1@itsync.example>"
