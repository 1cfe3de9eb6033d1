"""Issue 11's last misses, rule by rule: newsletters and notifications that carry few list
headers (tracking, token text parts, VERP, no-reply sentences, calendar invitations), the
people whose mail looks a little like them, and mail a relay sent in its own name."""

from __future__ import annotations

import pytest

from mailbot.intake import Action, IntakePolicy, decide, facts_of, rules
from mailbot.intake.relay import relayed_author
from mailbot.intake.rules import MailFacts
from mailbot.mime.parse import parse_mail

BOT = "hsm-documents@mailbot.example"
POLICY = IntakePolicy(own_addresses=frozenset({BOT}))
LOGO = '<img src="https://shop.example/logo.png" width="120" height="30" alt="Shop" />'
PIXEL = '<img src="https://t.shop.example/o.gif" width="1" height="1" alt="" border="0" />'
CLICK = '<a href="https://url123.shop.example/ls/click?upn=abc">Shop now</a>'
PLAIN_LINK = '<a href="https://shop.example/winter">Shop now</a>'


def facts(raw: str) -> MailFacts:
    data = raw.replace("\n", "\r\n").encode()
    return facts_of(parse_mail(data), data, POLICY)


def decision(raw: str) -> tuple[Action, str, str]:
    data = raw.replace("\n", "\r\n").encode()
    intake = decide(parse_mail(data), data, POLICY)
    return intake.action, intake.sender, intake.reason


def alternative(text: str, html: str, headers: str = "") -> str:
    head = f"From: Shop <anna@shop.example>\nTo: {BOT}\nSubject: Winter\n{headers}".rstrip()
    return (f'{head}\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary="a"\n\n'
            f'--a\nContent-Type: text/plain; charset="utf-8"\n\n{text}\n'
            f'--a\nContent-Type: text/html; charset="utf-8"\n\n{html}\n--a--\n')


def plain(body: str, headers: str) -> str:
    return f"{headers}\nTo: {BOT}\nContent-Type: text/plain; charset=\"utf-8\"\n\n{body}"


WORDS = " ".join(f"word{i}" for i in range(60))


# --- what the HTML gives away ----------------------------------------------------------------


def test_an_open_tracking_image_is_a_signal_and_a_logo_is_not() -> None:
    text = f"Our winter sale. {WORDS}"
    tracked = rules.html_signals(facts(alternative(text, f"<p>{text}</p>{PIXEL}")),
                                 f"<p>{text}</p>{PIXEL}")
    assert tracked == ["open-tracking image"]
    logo = f"<p>{text}</p>{LOGO}"
    assert rules.html_signals(facts(alternative(text, logo)), logo) == []


def test_click_tracking_links_are_a_signal_and_plain_links_are_not() -> None:
    text = f"Our winter sale. {WORDS}"
    assert rules.html_signals(facts(alternative(text, CLICK)), f"{text} {CLICK}") \
        == ["click-tracking links"]
    assert rules.html_signals(facts(alternative(text, PLAIN_LINK)), f"{text} {PLAIN_LINK}") == []


def test_a_token_text_part_beside_a_big_html_part_is_a_signal() -> None:
    html = f"<p>{WORDS}</p>"
    token = facts(alternative("Please use an HTML e-mail client.", html))
    assert any("text part beside" in s for s in rules.html_signals(token, html))
    # a person's client writes the same words in both parts, however bloated its HTML
    outlook = "<style>" + "p.MsoNormal{margin:0cm;}" * 200 + f"</style><p>{WORDS}</p>"
    same = facts(alternative(WORDS, outlook))
    assert rules.html_signals(same, outlook) == []


def test_unsubscribe_wording_only_in_the_html_counts_with_the_tracking() -> None:
    html = (f"<p>Our winter sale.</p>{CLICK}<p><a href='https://shop.example/u'>Unsubscribe</a>"
            "</p>")
    verdict = rules.BulkMail().check(facts(alternative("Our winter sale.", html)))
    assert verdict is not None and "Unsubscribe" in verdict and "click-tracking" in verdict


def test_a_newsletter_quoted_in_a_gmail_reply_gives_nothing_away() -> None:
    html = (f'<div dir="ltr">Did you send this? My passport follows.</div><div class="gmail_'
            f'quote"><blockquote class="gmail_quote">{PIXEL}{CLICK}<a href="https://x.example'
            f'/unsubscribe">Unsubscribe</a></blockquote></div>')
    given = facts(alternative("Did you send this? My passport follows.\n\n> Unsubscribe", html,
                              ).replace("Shop <anna@shop.example>", "Lucia <lucia@example.es>"))
    assert rules.own_html(given).startswith('<div dir="ltr">Did you send this?')
    assert rules.bulk_signals(given) == []
    assert rules.judge(given) is None


def test_an_outlook_reply_s_quoted_html_is_not_the_sender_s() -> None:
    html = (f'<p>Here is my new address.</p><div id="divRplyFwdMsg"><b>From:</b> Shop</div>'
            f"{PIXEL}{CLICK}")
    given = facts(alternative("Here is my new address.", html))
    assert rules.html_signals(given, rules.own_html(given)) == []


# --- the envelope ----------------------------------------------------------------------------


def test_a_per_recipient_envelope_sender_is_a_signal() -> None:
    given = facts(plain("Our news.", "From: Campus <events@campus.example>\nReturn-Path: "
                        "<events+hsm-documents=mailbot.example@mail.campus.example>"))
    assert any(s.startswith("per-recipient envelope") for s in rules.bulk_signals(given))


@pytest.mark.parametrize("return_path", [
    "<anna@example.com>",
    "<prvs=0123abcd=anna@example.com>",                   # BATV: the sender's own address
    "<SRS0=HHH=TT=example.com=anna@forwarder.example>",   # SRS: the sender's, not ours
])
def test_a_person_s_envelope_is_no_verp(return_path: str) -> None:
    given = facts(plain("My passport.", f"From: Anna <anna@example.com>\nReturn-Path: "
                        f"{return_path}"))
    assert rules.bulk_signals(given) == []


# --- "do not reply to this e-mail" -----------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "This mailbox is not monitored.",
    "Replies to this email will not be read.",
    "This is a system generated email. Please do not reply to this message.",
    "Deze mailbox wordt niet gelezen. Reageer niet op deze e-mail.",
    "Dit is een automatisch verzonden e-mail. U kunt deze e-mail niet beantwoorden.",
    "Antworten auf diese E-Mail werden nicht gelesen.",
    "Merci de ne pas répondre à ce message.",
    "Por favor, no respondas a este correo.",
    "Esta mensagem foi enviada automaticamente, por favor não responda.",
    "Si prega di non rispondere a questa e-mail.",
])
def test_no_reply_sentences_in_seven_languages_are_an_automated_footer(sentence: str) -> None:
    given = facts(plain(f"Your payslip is ready.\n\n{sentence}\n",
                        "From: Loon <loon@firma.example>"))
    assert rules.AutomatedFooter().check(given) is not None


@pytest.mark.parametrize("body", [
    "Please reply to my private address from now on; my work mailbox closes on Friday.\n",
    # the sentence is in the quoted notification, not in the sender's words
    "See the portal mail below, what does it mean?\n\n-----Original Message-----\nFrom: Portal"
    "\n\nThis mailbox is not monitored. Please do not reply to this e-mail.\n",
])
def test_a_person_writing_about_replies_is_no_automated_footer(body: str) -> None:
    given = facts(plain(body, "From: Anna <anna@example.com>\nSubject: my address"))
    assert rules.AutomatedFooter().check(given) is None
    assert rules.judge(given) is None


@pytest.mark.parametrize("text", [
    "Je hebt een nieuwe taak in het HR-portaal. Log in op het portaal.",
    "Sie haben eine neue Aufgabe in SAP SuccessFactors.",
    "Vous avez une nouvelle tâche dans le portail.",
    "Tienes una nueva tarea pendiente.",
    "Você tem uma nova mensagem no portal.",
    "Hai un nuovo messaggio nel portale.",
    "Acme HR sent you a document to review and sign.",
])
def test_portal_notification_wording_in_seven_languages(text: str) -> None:
    given = facts(plain(text, "From: Portal <hrportaal@werkgever.example>"))
    assert any(s.startswith("wording") for s in rules.bulk_signals(given))


# --- calendar invitations --------------------------------------------------------------------


def test_a_calendar_invitation_is_a_machine_and_its_ics_no_document() -> None:
    raw = (f"From: Scheduler <scheduler@careers.acme.example>\nTo: {BOT}\nSubject: Briefing\n"
           'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="m"\n\n--m\n'
           "Content-Type: text/plain\n\nYour briefing is on Thursday.\n--m\n"
           'Content-Type: text/calendar; charset="utf-8"\n'
           'Content-Disposition: attachment; filename="invite.ics"\n\n'
           "BEGIN:VCALENDAR\nMETHOD:REQUEST\nEND:VCALENDAR\n--m--\n")
    given = facts(raw)
    assert rules.CalendarInvitation().check(given) == "calendar invitation (method REQUEST)"
    assert rules.own_documents(given.parsed) == 0
    assert decision(raw)[0] is Action.IGNORE


def test_outlook_s_calendar_content_class_is_an_invitation() -> None:
    given = facts(plain("Briefing", "From: Lisa <lisa@acme.example>\n"
                        "Content-class: urn:content-classes:calendarmessage"))
    assert rules.CalendarInvitation().check(given) is not None
    assert rules.CalendarInvitation().check(facts(plain("My passport.", "From: A <a@b.example>"))) \
        is None


# --- people whose mail looks like an auto-reply ----------------------------------------------


@pytest.mark.parametrize(("subject", "body"), [
    ("On leave from my current employer - documents follow",
     "Dear HR team,\n\nMy wife sends her documents separately.\n\nKind regards,\nSven Olsen\n"),
    ("Afwezigheid geboorteakte",
     "Beste HR,\n\nMijn geboorteakte moet nog gelegaliseerd worden.\n\nGroet,\nSven\n"),
    ("Out of office next week", "Hello,\n\nThe rest follows when I am back.\n\nSven\n"),
])
def test_a_signed_letter_with_an_auto_reply_subject_is_answered(subject: str, body: str) -> None:
    raw = plain(body, f"From: Sven Olsen <sven.olsen@example.no>\nSubject: {subject}")
    assert rules.person_evidence(facts(raw)) is not None
    assert decision(raw)[:2] == (Action.ANSWER, "sven.olsen@example.no")


@pytest.mark.parametrize("body", [
    "The rest follows.\n",                                       # no greeting, no name
    "Hello,\n\nThe rest follows.\n\nThe team\n",                 # not signed by the sender
    "Hello,\n\nI am on vacation.\n\nSven\n",                     # says it is an absence
    # an out-of-office text that only says when mail will be read
    "Hello,\n\nThank you for your message. I will respond upon my return.\n\nRegards,\n"
    "Sven Olsen\n",
])
def test_an_unsigned_or_absent_mail_with_an_auto_reply_subject_is_held(body: str) -> None:
    raw = plain(body, "From: Sven Olsen <sven.olsen@example.no>\nSubject: Out of office")
    assert decision(raw)[0] is Action.HOLD


def test_an_out_of_office_text_that_greets_and_signs_is_still_an_auto_reply() -> None:
    raw = plain("Hello,\n\nI am out of the office until 7 December with limited access to "
                "e-mail.\n\nKind regards,\nSven Olsen\n",
                "From: Sven Olsen <sven.olsen@example.no>\nSubject: Out of office")
    assert decision(raw)[0] is Action.IGNORE


@pytest.mark.parametrize("subject", [
    "Re: Automatic reply: HSM application documents [HSM-0012]",
    "Fwd: Out of Office: reference letter",
    "AW: Abwesenheitsnotiz: Unterlagen",
])
def test_a_person_answering_or_forwarding_an_auto_reply_is_answered(subject: str) -> None:
    raw = plain("My recruiter is away, so I send my documents here. They follow today.\n\n"
                "> I am out of the office until 30 November.\n",
                f"From: Kim <kim@example.vn>\nSubject: {subject}")
    assert decision(raw)[:2] == (Action.ANSWER, "kim@example.vn")


def test_a_question_mark_inside_a_link_is_no_question() -> None:
    assert rules.asks("Which documents do you need?")
    assert rules.asks("Is this right? Thanks")
    assert not rules.asks("Open https://portal.example/start.aspx?a=1&b=2 to sign.")


# --- relays: whose mail is it? ---------------------------------------------------------------


def test_x_original_from_names_the_writer() -> None:
    found = relayed_author(facts(plain("Documents follow.", (
        'From: "Anna Jansen via Acme Careers" <careers@acme.example>\n'
        "X-Original-From: Anna Jansen <anna.jansen@gmail.example>"))))
    assert found is not None and found.address == "anna.jansen@gmail.example"
    assert found.name == "Anna Jansen"


def test_via_with_one_reply_to_names_the_writer() -> None:
    found = relayed_author(facts(plain("Which documents?", (
        'From: "Chen Wei via Acme Website" <website@acme.example>\n'
        "Reply-To: Chen Wei <chen.wei@example.cn>"))))
    assert found is not None and found.address == "chen.wei@example.cn"


def test_a_rewritten_from_names_the_writer_with_or_without_via() -> None:
    for name in ("Bram Peeters via Relay", "Bram Peeters"):
        found = relayed_author(facts(plain("My diploma.", (
            f'From: "{name}" <bram.peeters=telenet.example@relay.example>'))))
        assert found is not None and found.address == "bram.peeters@telenet.example"


@pytest.mark.parametrize("reply_to", [
    "",                                                                  # nothing to go on
    "Reply-To: relocation-team@acme.example\n",                          # the relay itself
    "Reply-To: a@example.com, b@example.com\n",                          # two: whose?
    "Reply-To: noreply@acme.example\n",                                  # a machine
    f"Reply-To: {BOT}\n",                                                # ourselves
])
def test_a_relay_whose_writer_cannot_be_told_is_set_aside(reply_to: str) -> None:
    raw = plain("I send my documents this week.",
                f'From: "Dana Cohen via Relocation Team" <relocation-team@acme.example>\n'
                f"{reply_to}Subject: visa")
    found = relayed_author(facts(raw))
    assert found is not None and found.address == ""
    action, sender, reason = decision(raw)
    assert (action, sender) == (Action.SET_ASIDE, "")
    assert "relayed" in reason and "relocation-team@acme.example" in reason


@pytest.mark.parametrize("headers", [
    # a plain mail, a Sender "on behalf of", a Reply-To to someone else: the From is the
    # author and the case's own address; Reply-To is never followed to a stranger
    "From: Erik Lund <erik.lund@example.se>",
    "From: Erik Lund <erik.lund@example.se>\nSender: Office <secretary@lund-law.example>",
    "From: Erik Lund <erik.lund@example.se>\nReply-To: Stranger <someone@else.example>",
    # "Via" as a surname, her own mailbox
    "From: Maria Via Lopez <maria.vialopez@example.es>",
    # a no-reply platform "via" is a notification, judged by its own rules
    'From: "Ravi (via Google Drive)" <drive-shares-dm-noreply@google.example>\n'
    "Reply-To: ravi@example.in",
])
def test_mail_from_the_writer_s_own_mailbox_is_no_relay(headers: str) -> None:
    assert relayed_author(facts(plain("His passport follows.", headers))) is None


def test_a_relayed_person_is_answered_at_their_own_address_only() -> None:
    action, sender, reason = decision(plain("Documents follow.", (
        'From: "Anna Jansen via Acme Careers" <careers@acme.example>\n'
        "Reply-To: Anna Jansen <anna.jansen@gmail.example>\nSubject: HSM")))
    assert (action, sender) == (Action.ANSWER, "anna.jansen@gmail.example")
    assert "relayed" in reason


def test_a_notification_sent_via_a_platform_stays_a_notification() -> None:
    action, sender, _ = decision(plain(
        "Acme HR sent you a document to review and sign.\n\nThis message was sent to you by "
        "Acme HR who is using the Electronic Signature Service.",
        'From: Acme HR via DocuSign <dse_NA3@docusign.example>\nReply-To: Acme HR '
        "<hr@acme.example>\nSubject: Please DocuSign: contract"))
    # filed under the platform's From: an unauthenticated Reply-To names no case
    assert (action, sender) == (Action.IGNORE, "dse_na3@docusign.example")


# --- sending platforms -----------------------------------------------------------------------


@pytest.mark.parametrize("header", [
    "X-SES-Outgoing: 2026.11.23-54.240.8.11", "X-SG-EID: u001.abc", "X-Mailgun-Sid: WyI3",
    "X-PM-RCPT: |bTB8MjE4|", "X-MC-User: 3f1c0a", "X-Mailjet-Campaign: 12",
    "X-SFMC-Stack: 50", "X-Campaign-ID: 2027",
])
def test_a_sending_platform_s_api_header_alone_makes_bulk(header: str) -> None:
    given = facts(plain("Your code is 482913.", f"From: Ride <ride@ride.example>\n{header}"))
    assert rules.BulkMail().check(given) is not None


@pytest.mark.parametrize("header", [
    "X-Pm-Message-ID: <a@proton.example>",          # ProtonMail, on people's mail
    "Feedback-ID: 1234567:user:proton",             # a provider's complaint key
    "X-MS-Exchange-Organization-AuthAs: Internal",  # Exchange, on everyone's mail
])
def test_a_person_s_provider_header_is_no_sending_platform(header: str) -> None:
    given = facts(plain("Hello,\n\nMy passport follows.\n\nYusuf",
                        f"From: Yusuf <yusuf@proton.example>\n{header}"))
    assert rules.BulkMail().check(given) is None
    assert rules.judge(given) is None


def test_an_envelope_at_a_bounce_domain_is_a_signal_and_a_person_s_is_not() -> None:
    bulk = facts(plain("Rooms this week.", "From: Housing <redactie@housing.example>\n"
                       "Return-Path: <n1.a7f3@bounce.news.housing.example>"))
    assert any("bounce domain" in s for s in rules.bulk_signals(bulk))
    person = facts(plain("My CV.", "From: Bo <bo@bouncecastle.example>\n"
                         "Return-Path: <bo@mail.bouncecastle.example>"))
    assert rules.bulk_signals(person) == []


def test_an_html_part_in_an_unknown_charset_is_read_as_utf8() -> None:
    raw = alternative("Sale.", f"<p>Sale {WORDS}</p>{PIXEL}").replace(
        'Content-Type: text/html; charset="utf-8"', 'Content-Type: text/html; charset="x-nope"')
    given = facts(raw)
    assert "Sale word0" in rules.own_html(given)
    assert "open-tracking image" in rules.bulk_signals(given)


# --- a newsletter's footer alone -------------------------------------------------------------


@pytest.mark.parametrize("footer", [
    "You are receiving this because you authored the thread.",
    "View this email in your browser",
    "Manage: https://janedoe.example/sendy/unsubscribe/a7f3b2c1",
    "Vous recevez cet e-mail car vous êtes inscrit.",
])
def test_a_mailing_footer_alone_is_held_and_with_a_second_signal_a_machine(footer: str) -> None:
    alone = plain(f"Raised to 20 MB.\n\n{footer}\n", "From: Octo <octo@devtools.example>")
    assert rules.MailingFooter().check(facts(alone)) is not None
    assert decision(alone)[0] is Action.HOLD
    seconded = plain(f"Raised to 20 MB.\n\n{footer}\n",
                     "From: Octo <octo@devtools.example>\nX-SES-Outgoing: 2026.11.23")
    assert decision(seconded)[0] is Action.IGNORE


def test_a_mailing_footer_is_not_its_own_second_signal() -> None:
    given = facts(plain("Raised.\n\nhttps://x.example/unsubscribe/1\n", "From: O <o@d.example>"))
    weighed = rules.heuristic_judgement(given)
    assert weighed.verdict is not None and weighed.verdict.rule == "mailing-footer"
    assert not weighed.corroborated


@pytest.mark.parametrize("body", [
    # a signed letter whose signature links a newsletter's unsubscribe page
    "Buongiorno,\n\nthe rest follows on Friday.\n\nMarco Rossi\nRossi Studio | unsubscribe: "
    "https://rossi-studio.example/unsubscribe\n",
    # the footer is in the quoted newsletter, not in the sender's words
    "Did you send me this?\n\n> View this email in your browser\n> You are receiving this "
    "because you subscribed.\n",
])
def test_a_person_near_a_mailing_footer_is_answered(body: str) -> None:
    raw = plain(body, "From: Marco Rossi <marco@rossi-studio.example>\nSubject: Documents")
    assert decision(raw)[:2] == (Action.ANSWER, "marco@rossi-studio.example")
