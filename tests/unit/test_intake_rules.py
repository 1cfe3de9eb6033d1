"""Which mails must never get an automatic reply: each rule of mailbot/intake/rules.py on its
own, with the near-misses that must still reach a person."""

from __future__ import annotations

import pytest

from mailbot.intake import rules
from mailbot.intake.rules import MailFacts, machine_mail_reason
from mailbot.mime.parse import parse_mail
from mailbot.mime.types import Attachment, ParsedMail

OWN = frozenset({"hsm-documents@mailbot.example"})
PDF = Attachment(filename="cv.pdf", content_type="application/pdf", data=b"%PDF-1.4")


def mail(sender: str = "maria.santos@example.com", *, name: str = "", subject: str = "Documents",
         text: str = "", attachments: tuple[Attachment, ...] = (), **headers: str) -> ParsedMail:
    return ParsedMail(
        message_id="<m@example.com>", from_address=sender, from_name=name, to_addresses=(),
        subject=subject, date=None, in_reply_to=None, references=(),
        headers=tuple((key.replace("_", "-").lower(), value) for key, value in headers.items()),
        text=text, attachments=attachments,
    )


def hit(rule: rules.Rule, given: ParsedMail) -> str | None:
    return rule.check(MailFacts(given, None, OWN))


def raw_facts(raw: str) -> MailFacts:
    data = raw.replace("\n", "\r\n").encode()
    from mailbot.intake import IntakePolicy, facts_of
    return facts_of(parse_mail(data), data, IntakePolicy(own_addresses=OWN))


def test_a_person_writing_gets_a_reply() -> None:
    assert machine_mail_reason(mail(auto_submitted="no"), OWN) is None


@pytest.mark.parametrize(("rule", "given"), [
    (rules.FromOurselves(), mail(sender="hsm-documents@mailbot.example")),
    (rules.AutoSubmitted(), mail(auto_submitted="auto-replied")),
    (rules.AutoSubmitted(), mail(auto_submitted="auto-generated; owner-email=x@y")),
    (rules.AutoSubmitted(), mail(auto_submitted="auto-notified")),
    (rules.BulkPrecedence(), mail(precedence="bulk")),
    (rules.BulkPrecedence(), mail(precedence="junk")),
    (rules.BulkPrecedence(), mail(precedence="list")),
    (rules.BulkPrecedence(), mail(precedence="auto_reply")),
    (rules.MailingList(), mail(list_id="<jobs.example>")),
    (rules.MailingList(), mail(list_unsubscribe="<mailto:u@example>")),
    (rules.MailingList(), mail(mailing_list="contact dev-help@apache.example; run by ezmlm")),
    (rules.MailingList(), mail(x_ml_name="staff")),
    (rules.MailingList(), mail(x_mlserver="fml [fml 8.0]")),
    (rules.MailingList(), mail(x_beenthere="expats@lists.example")),
    (rules.MailingList(), mail(x_loop="helpdesk@uni.example")),
    (rules.NullReturnPath(), mail(return_path="<>")),
    (rules.NullReturnPath(), mail(return_path="<MAILER-DAEMON@mx.example.net>")),
    (rules.NullReturnPath(), mail(return_path="<postmaster@mx.example.net>")),
    (rules.BounceHandlerSender(), mail(return_path="<expats-bounces+x=y@lists.example>")),
    (rules.BounceHandlerSender(), mail(errors_to="owner-research-l@listserv.example")),
    (rules.BounceHandlerSender(), mail(Sender="expats-request@lists.example")),
    (rules.BounceHandlerSender(), mail(Sender="owner-RESEARCH-L@LISTSERV.UNI.EXAMPLE")),
    (rules.MachineSender(), mail(sender="mailer-daemon@mx.example.net")),
    (rules.MachineSender(), mail(sender="postmaster@example.com")),
    (rules.MachineSender(), mail(sender="post.master@example.com")),
    (rules.MachineSender(), mail(sender="no-reply@example.com")),
    (rules.MachineSender(), mail(sender="alerts-noreply@bank.example")),
    (rules.MachineSender(), mail(sender="portal_no_reply@ind.example")),
    (rules.MachineSender(), mail(sender="DoNotReply.Workday@company.example")),
    (rules.MachineSender(), mail(sender="bounces+123@em.example.com")),
    (rules.MachineSender(), mail(sender="expats-request@lists.example.com")),
    (rules.MachineSender(), mail(sender="microsoftexchange329e71ec88ae4615bb@c.example")),
    (rules.MachineSender(), mail(sender="relay@mx.example", name="Mail Delivery Subsystem")),
    (rules.MachineSender(), mail(sender="", From="MAILER-DAEMON (Mail Delivery Subsystem)")),
    (rules.AutoReplyHeaders(), mail(x_autoreply="yes")),
    (rules.AutoReplyHeaders(), mail(x_autorespond="Thanks")),
    (rules.AutoReplyHeaders(), mail(x_auto_reply_from="x@y")),
    (rules.AutoReplyHeaders(), mail(x_apple_action="vacation")),
    (rules.AutoReplyHeaders(), mail(x_failed_recipients="k@example.co.uk")),
    (rules.AutoReplyHeaders(), mail(x_mailer="vacation 1.2.7")),
    (rules.SuppressAutoResponse(), mail(x_auto_response_suppress="OOF, AutoReply")),
    (rules.ChallengeResponse(), mail(x_delivery_agent="TMDA/1.1.12 (Macallan)")),
    (rules.ChallengeResponse(), mail(x_boxbe_challenge="1")),
    (rules.ReportStructure(), mail(content_type="multipart/report; report-type=delivery-status")),
    (rules.ReportStructure(), mail(content_type="multipart/report; report-type=feedback-report")),
])
def test_each_rule_sees_its_signal(rule: rules.Rule, given: ParsedMail) -> None:
    assert hit(rule, given) is not None
    assert machine_mail_reason(given, OWN) is not None


@pytest.mark.parametrize(("rule", "given"), [
    (rules.AutoSubmitted(), mail(auto_submitted="no")),
    (rules.MachineSender(), mail(sender="replyanne.okafor@example.ng")),
    (rules.MachineSender(), mail(sender="reply@smith-family.example")),
    (rules.MachineSender(), mail(sender="daemonia.lopes@example.br")),
    (rules.MachineSender(), mail(sender="owner@bakery.example")),
    (rules.MachineSender(), mail(sender="", From="Maria <maria at example.es>")),
    (rules.BounceHandlerSender(), mail(return_path="<prvs=0123abcd4e=s.kim@example.kr>")),
    (rules.BounceHandlerSender(), mail(return_path="<maria.santos@example.com>")),
    (rules.NullReturnPath(), mail(return_path="<maria.santos@example.com>")),
    (rules.AutoReplyHeaders(), mail(x_autoreply="no")),
    (rules.AutoReplyHeaders(), mail(x_mailer="Microsoft Outlook 16.0")),
    (rules.BulkPrecedence(), mail(precedence="first-class")),
])
def test_near_misses_do_not_trip_the_rule(rule: rules.Rule, given: ParsedMail) -> None:
    assert hit(rule, given) is None


@pytest.mark.parametrize("subject", [
    "Automatic reply: Re: HSM documents", "AUTO: Pieter is out of the office", "Out of Office",
    "Automatisch antwoord: HSM", "Afwezig", "Automatische Antwort: HSM", "Abwesenheitsnotiz",
    "Réponse automatique : HSM", "Respuesta automática: HSM", "Fuera de la oficina",
    "Resposta automática: HSM", "Ausência", "[EXT] Automatic reply: HSM",
    "[Auto-Reply] Re: HSM", "(Automatic reply) HSM", "Autoresponder: HSM", "Abwesenheit: HSM",
])
def test_autoreply_subjects_in_six_languages(subject: str) -> None:
    rule = next(r for r in rules.HEURISTIC_RULES if r.name == "autoreply-subject")
    assert hit(rule, mail(subject=subject)) is not None


@pytest.mark.parametrize("subject", [
    "Undeliverable: Re: HSM", "Undelivered Mail Returned to Sender", "Returned mail: see",
    "failure notice", "Mail delivery failed: returning message to sender",
    "Delivery Status Notification (Failure)", "DELIVERY FAILURE: User not listed",
    "Onbestelbaar: HSM", "Unzustellbar: HSM", "Non remis : HSM", "No se puede entregar: HSM",
    "Não é possível entregar: HSM", "Mail loop detected",
])
def test_delivery_failure_subjects_in_six_languages(subject: str) -> None:
    rule = next(r for r in rules.HEURISTIC_RULES if r.name == "delivery-failure-subject")
    assert hit(rule, mail(subject=subject)) is not None


@pytest.mark.parametrize("subject", [
    "Re: Automatic reply: HSM documents",   # a person answering an auto-reply
    "Re: Undeliverable: my last mail",      # a person asking about a bounce
    "Documents: undeliverable.pdf and passport",
    "My absence certificate",
    "Question about the delivery of my documents",
])
def test_subjects_a_person_writes_are_not_machine_subjects(subject: str) -> None:
    assert machine_mail_reason(mail(subject=subject), OWN) is None


@pytest.mark.parametrize("text", [
    "This is the mail system at host mx.example.net.\n\nI'm sorry ...",
    "This message was created automatically by mail delivery software.",
    "Hi. This is the qmail-send program at mail.example.biz.",
    "Delivery has failed to these recipients or groups:",
    "Your message to k@example.com couldn't be delivered.",
    "Die Zustellung an folgende Empfänger oder Gruppen ist fehlgeschlagen:",
    "La remise à ces destinataires ou groupes a échoué :",
    "Error al entregar el mensaje a estos destinatarios o grupos:",
    "Falha na entrega para estes destinatários ou grupos:",
    "Uw bericht kon niet worden bezorgd bij k@example.nl.",
])
def test_delivery_failure_first_lines(text: str) -> None:
    assert hit(rules.DeliveryFailureText(), mail(text=text)) is not None


@pytest.mark.parametrize("text", [
    "I am out of the office until 30 November with limited access to email.",
    "This is an automatic reply. I am away.",
    "Ik ben afwezig tot en met 4 december. In dringende gevallen: bel mijn collega.",
    "Ich bin bis einschließlich 4. Dezember nicht im Büro. In dringenden Fällen ...",
    "Je suis absente jusqu'au 4 décembre.",
    "Estoy de vacaciones hasta el 4 de diciembre.",
    "Estou de férias até 4 de dezembro.",
])
def test_out_of_office_first_lines(text: str) -> None:
    assert hit(rules.AutoReplyText(), mail(text=text)) is not None


def test_a_reply_quoting_an_out_of_office_text_is_a_person() -> None:
    text = ("Sorry, I was away. I will send the passport scan tomorrow.\n\n"
            "On Mon, 16 Nov 2026 at 10:00, Priya <p@example.in> wrote:\n"
            "> I am out of the office until 20 November with limited access to email.\n"
            "> This is an automatic reply.\n")
    assert machine_mail_reason(mail(subject="Re: Automatic reply: HSM", text=text), OWN) is None


def test_a_person_saying_they_are_away_with_a_document_or_a_question_is_a_person() -> None:
    away = "I am away from 1 December until 10 December. Please contact me if needed."
    assert hit(rules.AutoReplyText(), mail(text=away, attachments=(PDF,))) is None
    asking = "I am away until 10 December. Do you need the TB form before then?"
    assert hit(rules.AutoReplyText(), mail(text=asking)) is None


def test_a_pdf_named_undeliverable_is_a_document_not_a_bounce() -> None:
    named = Attachment(filename="undeliverable.pdf", content_type="application/pdf",
                       data=b"%PDF-1.4")
    given = mail(subject="My documents", text="Attached my CV.", attachments=(named,))
    assert machine_mail_reason(given, OWN) is None


def test_bulk_needs_two_signals() -> None:
    one = mail(sender="info@mensah-consulting.example", text="I will send my documents.")
    assert hit(rules.BulkMail(), one) is None
    two = mail(sender="news@weekly.example", text="Tips.\n\nUnsubscribe here.")
    assert hit(rules.BulkMail(), two) is not None
    esp = mail(sender="anna@weekly.example", text="Tips. Manage your email preferences.",
               feedback_id="1.eu-west-1.abc:AmazonSES")
    assert hit(rules.BulkMail(), esp) is not None
    assert hit(rules.BulkMail(), mail(x_github_reason="subscribed")) is not None


def test_old_style_feedback_report_fields() -> None:
    text = "Report.\n\nFeedback-Type: abuse\nSource-IP: 198.51.100.1\n"
    assert hit(rules.FeedbackReportText(), mail(text=text)) is not None
    assert hit(rules.FeedbackReportText(), mail(text="My feedback: thanks!")) is None


def test_report_parts_found_below_the_top_level() -> None:
    facts = raw_facts("""From: Someone <a@example.org>
Subject: hi
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: text/plain

see below
--b
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org
--b--
""")
    assert rules.ReportStructure().check(facts) == "message/delivery-status"


def test_the_bounce_parser_reads_a_non_standard_bounce() -> None:
    facts = raw_facts("""From: relay@mail.example.biz
Subject: hello
Message-ID: <q@mail.example.biz>

Hi. This is the qmail-send program at mail.example.biz.
I'm afraid I wasn't able to deliver your message to the following addresses.

<k.novak@example.biz>:
Sorry, no mailbox here by that name. (#5.1.1)
""")
    assert rules.BounceParser().check(facts) is not None


def test_the_bounce_parser_ignores_a_bounce_forwarded_as_an_attachment() -> None:
    facts = raw_facts("""From: Maria <maria.santos@example.com>
Subject: why did this bounce?
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: text/plain

My mail to you came back, see attached.
--b
Content-Type: message/rfc822

From: MAILER-DAEMON@mx.example.net
Subject: failure notice
Content-Type: multipart/report; report-type=delivery-status; boundary="c"

--c
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; k.novak@example.net
Action: failed
Status: 5.1.1
--c--
--b--
""")
    assert rules.BounceParser().check(facts) is None
    assert rules.judge(facts) is None


def test_heuristic_rules_are_marked_uncertain_and_header_rules_certain() -> None:
    assert all(rule.certain for rule in rules.CERTAIN_RULES)
    assert not any(rule.certain for rule in rules.HEURISTIC_RULES)
    names = [rule.name for rule in rules.RULES]
    assert len(names) == len(set(names))


def test_a_part_in_an_unknown_charset_does_not_stop_the_judgement() -> None:
    facts = raw_facts("""From: Ana <ana@example.org>
Subject: documents
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: text/plain; charset="undefined"
Content-Transfer-Encoding: 8bit

caf\u00e9
--b--
""")
    assert rules.judge(facts) is None


def heuristics(given: ParsedMail) -> rules.HeuristicJudgement:
    return rules.heuristic_judgement(MailFacts(given, None, OWN))


@pytest.mark.parametrize("given", [
    # a person's own words that one heuristic reads as a machine's, with their documents
    mail(subject="Ausência de certidão de antecedentes", attachments=(PDF,)),
    mail(subject="On leave until 5 December - documents attached", attachments=(PDF,)),
    mail(subject="Returned mail - sending my passport again", attachments=(PDF,)),
    mail(text="Thanks for the automatic reply. Here is the TB form.", attachments=(PDF,)),
    mail(text="Case number: 20260012. My passport is attached.", attachments=(PDF,)),
    mail(text="We received your message; what is still missing?"),
    mail(x_auto_response_suppress="All", text="Which forms do you need?"),
])
def test_a_lone_signal_is_outweighed_by_person_evidence(given: ParsedMail) -> None:
    weighed = heuristics(given)
    assert weighed.verdict is not None and not weighed.corroborated
    assert weighed.person is not None


@pytest.mark.parametrize("given", [
    mail(subject="Automatic reply: HSM", x_auto_response_suppress="All"),
    mail(subject="Please verify that you are a human sender",
         text="I protect my inbox against spam. Click the link below once."),
    mail(subject="Abuse report", text="This is an abuse report for a message from you."),
    mail(sender="support@gemeente.example", text="Wij hebben uw e-mail ontvangen."),
    mail(subject="Out of office", text="This is an automatic reply. I am away."),
])
def test_two_signals_make_a_machine_even_with_a_question_or_documents(given: ParsedMail) -> None:
    weighed = heuristics(given)
    assert weighed.verdict is not None and weighed.corroborated


def test_a_self_declared_automatic_mail_needs_no_second_signal() -> None:
    for text in ("This is an automatically generated message. Please do not reply.",
                 "Diese E-Mail wurde automatisch erstellt.",
                 "Ce message a été envoyé automatiquement.",
                 "Esta mensagem foi gerada automaticamente."):
        weighed = heuristics(mail(text=text))
        assert weighed.verdict is not None and weighed.corroborated, text


def test_x_auto_response_suppress_is_a_hint_not_a_certain_signal() -> None:
    rule = rules.SuppressAutoResponse()
    assert not rule.certain and rule in rules.HEURISTIC_RULES
    assert rule.name in rules.LONE_SIGNAL_RULES
    assert hit(rule, mail(x_auto_response_suppress="DR, RN, NRN, OOF, AutoReply")) is not None
    assert hit(rule, mail(x_auto_response_suppress="None")) is None
    assert heuristics(mail(x_auto_response_suppress="All", attachments=(PDF,))).person


@pytest.mark.parametrize(("rule", "given"), [
    (rules.MachineSender(), mail(sender="portal@ind.example", name="IND Portal (no-reply)")),
    (rules.MachineSender(), mail(sender="service@bank.example", name="Do Not Reply - Bank")),
    (rules.MachineSender(), mail(sender="bericht@gemeente.example",
                                 name="Gemeente | niet beantwoorden")),
    (rules.MailingList(), mail(list_unsubscribe_post="List-Unsubscribe=One-Click")),
    (rules.ReportStructure(), mail(x_arf="Yes")),
    (rules.ReportStructure(), mail(x_hmxmroriginalrecipient="k@outlook.example")),
])
def test_more_real_formats_are_certain(rule: rules.Rule, given: ParsedMail) -> None:
    assert hit(rule, given) is not None


@pytest.mark.parametrize("given", [
    mail(sender="news@shop.example", x_msfbl="abc|def", text="Our deals."),
    mail(sender="anna@shop.example", x_mailin_campid="1234", text="Unsubscribe here."),
    mail(sender="anna@shop.example", x_roving_id="1102.77", text="Opt out any time."),
    mail(sender="anna@shop.example", x_mc_user="8e5d", text="Manage your preferences."),
])
def test_esp_markers_count_as_bulk_signals(given: ParsedMail) -> None:
    assert hit(rules.BulkMail(), given) is not None


@pytest.mark.parametrize("given", [
    # receiving-side filters and personal providers put these on people's mail
    mail(sender="info@bakery.example", x_mc_unique="xyz-1", text="My CV, thanks."),
    mail(sender="info@bakery.example", x_cmae_analysis="v=2.4", text="My CV, thanks."),
    mail(sender="li.wei@163.example", x_cm_transid="AQAAf", x_cm_senderinfo="x",
         text="Please find my passport. We can adopt outright the plan."),
    mail(sender="ana@proton.example", x_pm_message_id="<abc>", x_pm_origin="internal",
         text="Here is my TB form."),
])
def test_people_s_provider_headers_are_not_bulk(given: ParsedMail) -> None:
    assert hit(rules.BulkMail(), given) is None
    assert rules.judge(MailFacts(given, None, OWN)) is None


def test_an_automated_footer_is_a_lone_signal_and_a_second_one_makes_it_a_machine() -> None:
    footer = ("Your payslip for November is ready in the portal.\n\n" + "Details.\n" * 40
              + "Diese E-Mail wurde automatisch erstellt. Bitte antworten Sie nicht.")
    alone = heuristics(mail(sender="lohn@firma.example", text=footer))
    assert alone.verdict is not None and alone.verdict.rule == "automated-footer"
    assert not alone.corroborated
    with_sender = heuristics(mail(sender="notifications@firma.example", text=footer))
    assert with_sender.corroborated


def test_a_reply_quoting_our_own_automatic_reply_under_french_outlook_is_a_person() -> None:
    text = ("Bonjour, voici mon passeport. Merci!\n\n"
            "De : HSM Documents <hsm-documents@mailbot.example>\n"
            "Envoyé : lundi 23 novembre 2026 09:00\n\n"
            "We still need your TB form.\n"
            "(reference HSM-0012; this message was sent automatically)\n")
    given = mail(subject="RE: Your documents [HSM-0012]", text=text, attachments=(PDF,))
    assert rules.judge(MailFacts(given, None, OWN)) is None


def test_an_old_style_yahoo_abuse_report_is_a_machine() -> None:
    given = mail(sender="feedback@yahoo.example", subject="Abuse Message Report",
                 text="This is an abuse report for a message received from 198.51.100.7.")
    assert heuristics(given).corroborated


@pytest.mark.parametrize("given", [
    mail(sender="dmarchelp@yahooinc.example",
         subject="Report Domain: itsync.example Submitter: yahoo.example Report-ID: <17>"),
    mail(sender="dmarcreport@microsoft.example"),
    mail(sender="tlsrpt@mail.example", tls_report_domain="itsync.example"),
])
def test_dmarc_and_tls_reports_are_machines(given: ParsedMail) -> None:
    assert machine_mail_reason(given, OWN) is not None


def test_a_person_named_marcus_is_not_a_dmarc_robot() -> None:
    assert hit(rules.MachineSender(), mail(sender="ed.marcus@example.com")) is None
    assert hit(rules.MachineSender(), mail(sender="edmarcus@example.com")) is None


@pytest.mark.parametrize("given", [
    mail(sender="anna@shop.example", return_path="<0102018c.a1@eu-west-1.amazonses.com>",
         text="Our deals. Unsubscribe here."),
    mail(sender="anna@shop.example", dkim_signature="v=1; a=rsa-sha256; d=mcsv.net; s=k1",
         text="Manage your email preferences."),
    mail(sender="anna@shop.example", x_mailer="Sailthru", text="View this email in your browser"),
])
def test_esp_infrastructure_and_mailers_are_bulk_signals(given: ParsedMail) -> None:
    assert hit(rules.BulkMail(), given) is not None


def test_a_person_s_own_dkim_and_return_path_are_no_bulk_signal() -> None:
    given = mail(sender="anna@example.com", return_path="<anna@example.com>",
                 dkim_signature="v=1; a=rsa-sha256; d=example.com; s=google",
                 text="Please unsubscribe me from the old list; here is my CV.")
    assert hit(rules.BulkMail(), given) is None


def test_a_newsletter_s_browser_line_and_unsubscribe_link_are_two_signals() -> None:
    text = "View this email in your browser\n\nOur tips.\n\nUnsubscribe from this list."
    assert hit(rules.BulkMail(), mail(sender="lena@relocate.example", text=text)) is not None


def test_a_portal_notification_from_a_plain_address_is_bulk() -> None:
    text = "You have a new message in your portal. Log in to view it."
    given = mail(sender="mijnportaal@gemeente.example", x_php_originating_script="1001:send.php",
                 text=text)
    assert hit(rules.BulkMail(), given) is not None


def test_a_person_forwarding_a_newsletter_is_not_bulk() -> None:
    text = ("Is this event useful for me?\n\n---------- Forwarded message ---------\n"
            "From: Expat news <news@expat.example>\n\nView this email in your browser\n"
            "Unsubscribe")
    given = mail(subject="Fwd: events", text=text)
    assert hit(rules.BulkMail(), given) is None
    assert rules.judge(MailFacts(given, None, OWN)) is None


def test_a_person_asking_to_log_in_is_one_signal_only() -> None:
    given = mail(text="I cannot log in to view the portal, so here is my passport.",
                 attachments=(PDF,))
    assert hit(rules.BulkMail(), given) is None
