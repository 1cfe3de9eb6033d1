"""Score mailbot on the blind sets in `blind/`, written by separate authors who never saw the code.

    .venv/bin/python -m bench.blind documents   # kinds, review share, look-alikes, blank forms
    .venv/bin/python -m bench.blind mails       # the blind candidates' mails end to end
    .venv/bin/python -m bench.blind passports   # all MRZ fields exact, wrong-but-validated, time
    .venv/bin/python -m bench.blind machine     # real-world-shaped machine and people mail
    .venv/bin/python -m bench.blind dependants  # a family's documents: kinds, who they are about
    .venv/bin/python -m bench.blind families    # the families' mails end to end, per person
    .venv/bin/python -m bench.blind all

Why this file exists: the blind sets are frozen before tuning and read only as scores. So this
prints numbers and per-shape or per-category counts, never a document's text, a file name of a
miss or a passport number — nothing to tune against. Each set's labels.json is the only truth.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.passports import TRUST_COVERS
from classifiers.people import name_key

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from mailbot.store.models import Document

ROOT = Path(__file__).resolve().parent.parent
BLIND = ROOT / "blind"
WANTED = ("passport", "antecedents", "tb_declaration")
KINDS = (*WANTED, "other")
PASSPORT_FIELDS = ("issuing_country", "surname", "given_names", "document_number",
                   "nationality", "birth_date", "sex", "expiry_date")


def _labels(name: str) -> dict[str, Any]:
    path = BLIND / name / "labels.json"
    if not path.exists():
        raise SystemExit(f"no blind set at {path}")
    return json.loads(path.read_text())


def _classify_file(path: str) -> tuple[dict[str, Any], float]:
    from classifiers import classify, clear_caches

    clear_caches()
    data = Path(path).read_bytes()
    started = time.perf_counter()
    verdict = classify(data, Path(path).name)
    return verdict.to_json(), time.perf_counter() - started


def _classify_all(paths: list[str]) -> list[tuple[dict[str, Any], float]]:
    # Two workers for a two-core machine; each file is classified cold.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    with ProcessPoolExecutor(max_workers=2) as pool:
        return list(pool.map(_classify_file, paths, chunksize=1))


def _f1(truth: list[str], guess: list[str], kind: str) -> float:
    tp = sum(t == kind and g == kind for t, g in zip(truth, guess, strict=True))
    fp = sum(t != kind and g == kind for t, g in zip(truth, guess, strict=True))
    fn = sum(t == kind and g != kind for t, g in zip(truth, guess, strict=True))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def score_documents(folder: Path = BLIND / "documents",
                    labels: list[dict[str, Any]] | None = None,
                    misses: list[str] | None = None) -> dict[str, Any]:
    """Score a set of documents labelled {"documents": [{"file", "kind", "filled", "shape"}]}.

    `misses`, when given, collects one line per file not placed right. Only the development sets
    (`bench.devset`) pass it: the blind sets' runs never print a file."""
    if labels is None:
        labels = _labels("documents")["documents"]
    results = _classify_all([str(folder / item["file"]) for item in labels])
    truth = [item["kind"] for item in labels]
    guess = [verdict["kind"] for verdict, _ in results]
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    per_shape: dict[str, Counter[str]] = defaultdict(Counter)
    blank_counted = lookalike_counted = wanted = to_review = wrong_confident = 0
    recognised: Counter[str] = Counter()
    blank_signs: Counter[str] = Counter()   # which of our own signs called a blank form filled
    blank_shapes: Counter[str] = Counter()
    passport_reading: Counter[str] = Counter()  # how far each passport's zone was read
    filled_called_blank: Counter[str] = Counter()  # filled forms our blank judgement refused
    why_review: Counter[str] = Counter()  # which of our own doubts sent a wanted file to HR
    for item, (verdict, _) in zip(labels, results, strict=True):
        kind, said, review = item["kind"], verdict["kind"], bool(verdict.get("review"))
        confusion[kind][said + (" (review)" if review else "")] += 1
        counts = said in WANTED and not review and (said == "passport" or verdict["filled"])
        right = said == kind and not review
        per_shape[item.get("shape", "?")]["right" if right else "wrong"] += 1
        if misses is not None and _missed(item, right, counts, verdict):
            misses.append(_miss_line(item, verdict))
        if kind == "passport":
            passport_reading[_passport_reading(verdict)] += 1
        elif kind in WANTED and item.get("filled") is not False and verdict["filled"] is False:
            filled_called_blank[item.get("shape", "?")] += 1
        if kind == "other" and counts:
            lookalike_counted += 1
        if kind in WANTED and item.get("filled") is False and said == kind and counts:
            blank_counted += 1
            blank_signs.update(_filled_signs(verdict))
            blank_shapes[item.get("shape", "?")] += 1
        if kind in WANTED and item.get("filled") is not False:
            wanted += 1
            to_review += review
            if review:
                why_review[_review_cause(verdict)] += 1
            recognised[kind] += right
            wrong_confident += said != kind and not review
    totals = Counter(item["kind"] for item in labels if item.get("filled") is not False)
    return {
        "files": len(labels),
        "macro_f1_best_guess": round(statistics.mean(_f1(truth, guess, k) for k in KINDS), 3),
        "recognised_confidently": {k: f"{recognised[k]}/{totals[k]}" for k in WANTED},
        "wanted_sent_to_review": f"{to_review}/{wanted}",
        "wanted_sent_to_review_because": dict(why_review),
        "wanted_called_another_kind_confidently": wrong_confident,
        "blank_forms_counted": blank_counted,
        "blank_forms_counted_by_sign": dict(blank_signs),
        "blank_forms_counted_by_shape": dict(blank_shapes),
        "filled_forms_called_blank_by_shape": dict(filled_called_blank),
        "lookalikes_counted_as_wanted": lookalike_counted,
        "confusion (label -> verdict)": {k: dict(v) for k, v in sorted(confusion.items())},
        "by_shape": {k: dict(v) for k, v in sorted(per_shape.items())},
        "passports_read": dict(passport_reading),
        "seconds_median": round(statistics.median(s for _, s in results), 3),
    }


_SIGNS = ("form fields", "answered fields", "written dates", "ticked boxes", "signature image",
          "drawn signature", "ink in the signature box")


def _missed(item: dict[str, Any], right: bool, counts: bool, verdict: dict[str, Any]) -> bool:
    """Placed wrong, sent to HR, a blank counted or a filled form refused, or a declaration's
    signatures miscounted."""
    blank = item.get("filled") is False
    if not right or (item["kind"] != "other" and counts == blank):
        return True
    return ("signed_by_partners" in item
            and verdict.get("signatures") != item["signed_by_partners"])


def _miss_line(item: dict[str, Any], verdict: dict[str, Any]) -> str:
    said = verdict["kind"] + (" (review)" if verdict.get("review") else "")
    extra = (f" signatures {verdict.get('signatures')} (label {item['signed_by_partners']})"
             if "signed_by_partners" in item else "")
    return (f"{item['file']} [{item.get('shape', '?')}] {item['kind']}"
            f"{' blank' if item.get('filled') is False else ''} -> {said}"
            f" filled={verdict.get('filled')}{extra}: {_reasons_text(verdict)[:300]}")


def _reasons_text(verdict: dict[str, Any]) -> str:
    return " ".join(str(reason) for reason in verdict.get("reasons", ()))


def _filled_signs(verdict: dict[str, Any]) -> list[str]:
    """The names of our own filled-in signs in a verdict's reasons (never the document's text)."""
    reasons = _reasons_text(verdict)
    return [sign for sign in _SIGNS if sign in reasons]


def _review_cause(verdict: dict[str, Any]) -> str:
    reasons = _reasons_text(verdict)
    if "could not tell whether the form is filled in" not in reasons:
        return "kind unsure"
    if "but no answers were read" in reasons:
        return "filled unsure: signature, no answers"
    if "field labels is unclear" in reasons:
        return "filled unsure: unclear writing"
    return "filled unsure: one sign only"


def _passport_reading(verdict: dict[str, Any]) -> str:
    reading = verdict.get("passport")
    if not reading:
        return "no zone read"
    if reading.get("confirmed"):
        return "confirmed"
    return "check digits pass, not confirmed" if reading.get("checks_ok") else "check digits fail"


def _run_worker(source: Path, env_extra: dict[str, str],
                work: Path | None = None) -> tuple[Path, Path]:
    """One worker cycle over `source` in a scoring folder (a new one unless `work` is given,
    e.g. with cases HR opened ahead)."""
    work = work or Path(tempfile.mkdtemp(prefix="mailbot-blind-"))
    env = {**os.environ, "MAILBOT_DATA_DIR": str(work / "data"), "OMP_THREAD_LIMIT": "1",
           **env_extra}
    mailbot = Path(sys.executable).parent / "mailbot"
    with open(work / "worker.log", "wb") as log:  # kept for the one who runs it, not printed
        subprocess.run([str(mailbot), "run", "--once", "--source", str(source),
                        "--outbox", str(work / "outbox")], env=env, check=True,
                       stdout=log, stderr=log)
    return work, work / "outbox"


def _mailbot(work: Path, *args: str) -> str:
    """One `mailbot` command on a scoring folder's data; its output."""
    mailbot = Path(sys.executable).parent / "mailbot"
    out = subprocess.run([str(mailbot), *args], check=True, capture_output=True,
                         env={**os.environ, "MAILBOT_DATA_DIR": str(work / "data")})
    return out.stdout.decode()


def _cases(work: Path) -> list[dict[str, Any]]:
    return json.loads(_mailbot(work, "cases", "--json"))


def score_mails() -> dict[str, Any]:
    expected = json.loads((BLIND / "documents" / "mails" / "expected.json").read_text())
    work, _ = _run_worker(BLIND / "documents" / "mails", {})
    by_email = {case["email"].lower(): case for case in _cases(work)}
    right = 0
    wrongly_missing = extra_missing = 0
    # aggregate counts only: which checklist item went wrong and what the case said about it
    missing_by_item: Counter[str] = Counter()
    counted_by_item: Counter[str] = Counter()
    problems_of_wrong_cases: Counter[str] = Counter()
    in_review_of_wrong_cases: Counter[str] = Counter()
    wrong_cases: set[str] = set()
    for candidate in expected["candidates"]:
        case = by_email.get(candidate["email"].lower())
        got = set(case["missing"]) if case else set(WANTED)
        want = set(candidate["missing"])
        right += got == want
        wrongly_missing += len(got - want)   # told missing although it was sent
        extra_missing += len(want - got)     # counted although it should not be
        missing_by_item.update(got - want)
        counted_by_item.update(want - got)
        if got != want:
            problems_of_wrong_cases.update(case["problems"] if case else ["no case"])
            in_review_of_wrong_cases.update(case["in_review"] if case else [])
            wrong_cases.add(candidate["email"].lower())
    blank_by_type = _forms_called_blank(work, wrong_cases)
    passports_of_wrong = _passports_of_wrong_cases(work, wrong_cases)
    return {"candidates": len(expected["candidates"]), "right_missing_set": right,
            "forms_called_blank_in_wrong_cases_by_type": blank_by_type,
            "items_told_missing_but_sent": wrongly_missing,
            "items_counted_but_not_valid": extra_missing,
            "told_missing_but_sent_by_item": dict(missing_by_item),
            "counted_but_not_valid_by_item": dict(counted_by_item),
            "problem_codes_in_wrong_cases": dict(problems_of_wrong_cases),
            "in_review_in_wrong_cases": dict(in_review_of_wrong_cases),
            "passports_in_wrong_cases": passports_of_wrong}


def _documents_of(work: Path, emails: set[str]) -> Iterator[Document]:
    """The stored documents of the cases of these addresses, from a scoring run's database."""
    from sqlmodel import Session, select

    from mailbot.store.models import Case, Document

    with Session(_engine(work)) as session:
        for case in session.exec(select(Case)):
            if case.email.lower() in emails:
                yield from session.exec(select(Document).where(Document.case_id == case.id))


def _forms_called_blank(work: Path, emails: set[str]) -> dict[str, int]:
    """File type (our own sniffing) and OCR use of the forms judged blank in the wrong cases."""
    found: Counter[str] = Counter()
    for doc in _documents_of(work, emails):
        if doc.kind in ("antecedents", "tb_declaration") and doc.filled is False:
            ocr = any(page.get("ocr") for page in doc.pages)
            found[f"{doc.detected_type} {'ocr' if ocr else 'text layer'}"] += 1
    return dict(found)


def _passports_of_wrong_cases(work: Path, emails: set[str]) -> dict[str, int]:
    """How far our reader got on the passports of the wrong cases: file type, the zone found
    or not, check digits, and the reasons' own words about the zone (never the fields)."""
    found: Counter[str] = Counter()
    for doc in _documents_of(work, emails):
        if doc.kind != "passport":
            continue
        depth = _passport_reading({"passport": doc.passport or {}})
        about_zone = [reason for reason in doc.reasons
                      if reason.startswith(("machine readable zone", "uncertain"))]
        found[f"{doc.detected_type} review={doc.review} {depth} | "
              f"{'; '.join(about_zone)[:160]}"] += 1
    return dict(found)


def _engine(work: Path) -> Engine:
    """The worker's own database in a scoring run's folder."""
    from mailbot.config import Settings
    from mailbot.store.db import make_engine

    return make_engine(Settings(data_dir=work / "data").effective_database_url)


def score_passports() -> dict[str, Any]:
    images = _labels("passports")["images"]
    results = _classify_all([str(BLIND / "passports" / item["file"]) for item in images])
    exact = validated_wrong = passports = others_as_passport = no_reading = 0
    per_condition: dict[str, Counter[str]] = defaultdict(Counter)
    field_errors: Counter[str] = Counter()
    field_trust: dict[str, Counter[str]] = defaultdict(Counter)
    for item, (verdict, _) in zip(images, results, strict=True):
        reading = verdict.get("passport")
        if item["expect_kind"] != "passport":
            others_as_passport += verdict["kind"] == "passport" and not verdict.get("review")
            continue
        passports += 1
        fields = item["fields"]
        wrong = [name for name in PASSPORT_FIELDS
                 if reading is None or str(reading.get(name) or "") != str(fields[name])]
        field_errors.update(wrong)
        no_reading += reading is None
        ok = not wrong
        exact += ok
        trusted = reading is not None and reading.get("confirmed", reading.get("checks_ok"))
        validated_wrong += bool(trusted) and not ok
        # Per field the checklist decides on: trusted and right, or trusted but WRONG.
        for name, verdict in ((reading or {}).get("trust") or {}).items():
            if verdict.get("trusted"):
                covers = TRUST_COVERS.get(name, (name,))
                bad = any(field in wrong for field in covers)
                field_trust[name]["trusted WRONG" if bad else "trusted right"] += 1
        for condition in item.get("conditions") or ["clean"]:
            per_condition[condition]["exact" if ok else "not"] += 1
    seconds = [s for (_, s), item in zip(results, images, strict=True)
               if item["expect_kind"] == "passport"]
    return {"passports": passports, "all_fields_exact": exact,
            "all_fields_exact_share": round(exact / passports, 3) if passports else None,
            "wrong_but_validated": validated_wrong, "no_reading": no_reading,
            "non_passports_called_passport": others_as_passport,
            "field_errors": dict(field_errors.most_common()),
            "fields_trusted": {k: dict(v) for k, v in sorted(field_trust.items())},
            "by_condition": {k: dict(v) for k, v in sorted(per_condition.items())},
            "seconds_median": round(statistics.median(seconds), 3),
            "seconds_p95": round(_percentile(seconds, 0.95), 3)}


def _clean_id(value: str | None) -> str:
    return (value or "").strip().strip("<>").strip()


def _outbox(outbox: Path) -> Iterable[tuple[list[str], set[str], str]]:
    """(recipients, answered message-ids, subject) of every mail the worker wrote."""
    for path in sorted(outbox.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        recipients = [address.addr_spec.lower() for header in ("to", "cc")
                      for address in (message[header].addresses if message[header] else ())]
        answered = {_clean_id(part) for header in ("in-reply-to", "references")
                    for part in str(message.get(header, "")).split()}
        yield recipients, answered - {""}, str(message.get("subject", ""))


def score_machine_mail() -> dict[str, Any]:
    from sqlmodel import Session, select

    from mailbot.store.models import InboundMessage

    labels = _labels("mail")
    settings = labels["settings"]
    env = {"MAILBOT_FROM_ADDRESS": settings["from_address"],
           "MAILBOT_HR_ADDRESS": settings["hr_address"],
           "MAILBOT_FORWARDERS": ",".join(settings.get("forwarders", [])),
           # the cap is a loop brake, not a judgement; it must not hide a wrong reply here
           "MAILBOT_MAX_REPLIES_PER_ADDRESS_PER_DAY": "1000"}
    work, outbox = _run_worker(BLIND / "mail" / "mails", env)
    sent = list(_outbox(outbox))
    hr = settings["hr_address"].lower()
    with Session(_engine(work)) as session:
        rows = {_clean_id(row.message_id): (row.state, row.note)
                for row in session.exec(select(InboundMessage))}
    states = {mid: state for mid, (state, _) in rows.items()}
    recipients_of_any_mail = {rcpt for rcpts, _, _ in sent for rcpt in rcpts}
    # Why persons were not answered, as counts only: the inbound state, the intake rule's
    # name (never its detail, which quotes the mail) and whether the sender got any reply.
    people_missed: Counter[str] = Counter()
    cases = {case["email"].lower() for case in _cases(work)}
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for item in labels["mails"]:
        mid = _clean_id(item["message_id"])
        answered_to = [rcpt for rcpts, ids, _ in sent if mid in ids for rcpt in rcpts if rcpt != hr]
        expect, category = item["expect"], item["category"]
        if expect == "no_reply":
            outcome = "answered (WRONG)" if answered_to else "not answered"
        elif expect == "reply":
            sender = (item.get("sender") or "").lower()
            outcome = "answered" if sender in answered_to else "not answered (WRONG)"
            if answered_to and sender not in answered_to:
                outcome = "answered someone else (WRONG)"
                people_missed["answered at another address (From, not Reply-To)"] += 1
            elif sender not in answered_to:
                state, note = rows.get(mid, (None, None))
                people_missed[_miss_reason(state, note,
                                           sender in recipients_of_any_mail)] += 1
        elif expect == "set_aside":
            state = states.get(mid)
            if answered_to:
                outcome = "answered (WRONG)"
            elif state in ("held", "needs_review"):
                outcome = "set aside for HR"
            else:
                outcome = f"state {state} (WRONG)"
        else:  # forwarded
            forwarder_told = any(rcpt in {f.lower() for f in settings.get("forwarders", [])}
                                 for rcpts, _, _ in sent for rcpt in rcpts)
            candidate = (item.get("candidate") or "").lower()
            if forwarder_told:
                outcome = "forwarder answered (WRONG)"
            elif candidate in cases:
                outcome = "processed for the candidate"
            else:
                outcome = "no case for the candidate (WRONG)"
        table[category][outcome] += 1
    wrong = sum(n for row in table.values() for o, n in row.items() if "WRONG" in o)
    machine = [i for i in labels["mails"] if i["expect"] == "no_reply"]
    machine_answered = sum(n for c, row in table.items() for o, n in row.items()
                           if o == "answered (WRONG)"
                           and any(i["category"] == c for i in machine))
    return {"mails": len(labels["mails"]), "machine_mails": len(machine),
            "machine_mails_answered": machine_answered, "wrong_outcomes": wrong,
            "by_category": {k: dict(v) for k, v in sorted(table.items())},
            "persons_not_answered_by_reason": dict(people_missed.most_common())}


def _miss_reason(state: str | None, note: str | None, sender_got_a_reply: bool) -> str:
    """'state / rule' for a person who was not answered: the rule name is the note's first
    word ("no reply: bulk: ..." -> "bulk"); the rule's detail is never shown."""
    if state is None:
        return "no inbound row with this Message-ID"
    rule = "-"
    text = (note or "").removeprefix("no reply, kept for HR: ").removeprefix("no reply: ")
    if note:
        head = text.split(":", 1)[0].strip()
        rule = head if head.replace("-", "").isalnum() and len(head) <= 40 else "other note"
        if text.startswith("duplicate of mail"):
            rule = "duplicate"
        elif text.startswith(("sender ", "sent from ")):
            rule = "spoof or other address"
    if state in ("held", "needs_review"):
        return f"{state} (HR told) / {rule}"
    threaded = "" if state != "processed" else (
        ", a reply went to the sender but not threaded on this mail" if sender_got_a_reply
        else ", no reply to the sender at all")
    return f"{state} (silently, HR not told) / {rule}{threaded}" if state == "ignored" \
        else f"{state} / {rule}{threaded}"


FAMILY_KINDS = ("marriage_certificate", "partnership_certificate", "birth_certificate",
                "unmarried_status", "relationship_declaration", "parental_consent")
FAMILY_FORMS = ("relationship_declaration", "parental_consent")


def _mention_of(person: dict[str, Any], mentions: list[dict[str, Any]]) -> dict[str, Any] | None:
    want = name_key(person["name"])
    return next((m for m in mentions if name_key(m.get("name") or "") == want), None)


def score_dependants_documents(folder: Path = BLIND / "dependants" / "documents",
                               labels: dict[str, dict[str, Any]] | None = None,
                               misses: list[str] | None = None) -> dict[str, Any]:
    """Score family documents labelled {file: {"kind", "filled", "shape", "persons", ...}}.
    `misses` as for `score_documents`."""
    if labels is None:
        labels = _labels("dependants/documents")
    files = sorted(labels)
    results = _classify_all([str(folder / name) for name in files])
    kinds = (*FAMILY_KINDS, "other")
    truth = [labels[name]["kind"] for name in files]
    guess = [verdict["kind"] for verdict, _ in results]
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    per_shape: dict[str, Counter[str]] = defaultdict(Counter)
    recognised: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    people: Counter[str] = Counter()
    wanted = to_review = lookalike_counted = blank_counted = filled_called_blank = 0
    parents_told = Counter[str]()
    signatures_right = signatures_labelled = 0
    for name, (verdict, _) in zip(files, results, strict=True):
        item = labels[name]
        kind, said, review = item["kind"], verdict["kind"], bool(verdict.get("review"))
        confusion[kind][said + (" (review)" if review else "")] += 1
        blank = item.get("filled") is False
        counts = said != "other" and not review and verdict.get("filled") is not False
        right = said == kind and not review
        per_shape[item.get("shape", "?")]["right" if right else "wrong"] += 1
        if misses is not None and _missed(item, right, counts, verdict):
            misses.append(_miss_line({"file": name, **item}, verdict))
        if kind == "other":
            lookalike_counted += counts
            continue
        if blank:
            blank_counted += said == kind and counts
            continue
        wanted += 1
        totals[kind] += 1
        to_review += review
        recognised[kind] += right and verdict.get("filled") is not False
        filled_called_blank += kind in FAMILY_FORMS and verdict.get("filled") is False
        mentions = list(verdict.get("people") or ())
        for person in item.get("persons", ()):
            people["labelled"] += 1
            found = _mention_of(person, mentions)
            people["name found"] += found is not None
            if person.get("birth_date"):
                people["birth dates labelled"] += 1
                people["birth date right"] += bool(found and found.get("birth_date")
                                                   == person["birth_date"])
        people["mentions given"] += len(mentions)
        if kind == "birth_certificate":
            has_parents = any(m.get("role") == "parent" for m in mentions)
            expect = item.get("names_parents", True)
            parents_told["right" if has_parents == expect else
                          ("parents missed" if expect else "parents invented")] += 1
        if "signed_by_partners" in item:
            signatures_labelled += 1
            signatures_right += verdict.get("signatures") == item["signed_by_partners"]
    return {
        "files": len(files),
        "macro_f1_best_guess": round(statistics.mean(_f1(truth, guess, k) for k in kinds), 3),
        "recognised_confidently": {k: f"{recognised[k]}/{totals[k]}" for k in FAMILY_KINDS},
        "wanted_sent_to_review": f"{to_review}/{wanted}",
        "lookalikes_counted_as_wanted": lookalike_counted,
        "blank_forms_counted": blank_counted,
        "filled_forms_called_blank": filled_called_blank,
        "persons": dict(people),
        "birth_certificates_parents": dict(parents_told),
        "relationship_declaration_signatures_right": f"{signatures_right}/{signatures_labelled}",
        "confusion (label -> verdict)": {k: dict(v) for k, v in sorted(confusion.items())},
        "by_shape": {k: dict(v) for k, v in sorted(per_shape.items())},
        "seconds_median": round(statistics.median(s for _, s in results), 3),
    }


# The blind set's item names -> ours.
_FAMILY_ITEMS = {"antecedents_certificate": "antecedents"}


def score_families() -> dict[str, Any]:
    """As HR would: open each family's case and declare the dependants HR knows of, let the
    worker read every mail, confirm the dependants the mails proposed, then compare each
    person's missing items with the set's."""
    expected = json.loads((BLIND / "dependants" / "mails" / "expected.json").read_text())
    work = Path(tempfile.mkdtemp(prefix="mailbot-blind-"))
    references: dict[str, str] = {}
    for address, family in expected.items():
        references[address] = _mailbot(work, "case", "add", address).split()[0]
        for person in family["persons"]:
            if person["relation"] == "candidate" or person.get("proposed_before_declared"):
                continue
            _mailbot(work, "case", "person", "add", references[address], *_declared(person))
    _run_worker(BLIND / "dependants" / "mails", {}, work)
    proposed_opened = proposed_wanted = 0
    for address, family in expected.items():
        for person in family["persons"]:
            if not person.get("proposed_before_declared"):
                continue
            proposed_wanted += 1
            listed = json.loads(_mailbot(work, "case", "person", "list", references[address],
                                         "--json"))
            match = next((p for p in listed if not p.get("confirmed")
                          and name_key(p.get("name") or "") == name_key(person["name"])), None)
            if match is not None:
                proposed_opened += 1
                _mailbot(work, "case", "person", "confirm", references[address],
                         str(match["id"]), "--relation", person["relation"])
    by_email = {case["email"].lower(): case for case in _cases(work)}
    persons_right = families_right = status_right = 0
    told_missing_but_sent: Counter[str] = Counter()
    counted_but_not_valid: Counter[str] = Counter()
    not_found: Counter[str] = Counter()
    problems_of_wrong: Counter[str] = Counter()
    for address, family in expected.items():
        case = by_email.get(address.lower())
        ours = list(case.get("persons") or ()) if case else []
        all_right = True
        for person in family["persons"]:
            found = _our_person(person, ours, case)
            want = {_FAMILY_ITEMS.get(item, item) for item in person["missing"]}
            if found is None:
                not_found[person["relation"]] += 1
                all_right = False
                continue
            got = set(found.get("missing") or ())
            right = got == want
            persons_right += right
            all_right &= right
            told_missing_but_sent.update(f"{person['relation']}: {item}" for item in got - want)
            counted_but_not_valid.update(f"{person['relation']}: {item}" for item in want - got)
            if not right:
                problems_of_wrong.update(found.get("problems") or ())
        families_right += all_right
        status_right += bool(case) and (case["status"] == "complete") == family["complete"]
    persons = sum(len(family["persons"]) for family in expected.values())
    return {"families": len(expected), "families_right_for_every_person": families_right,
            "persons": persons, "persons_right_missing_set": persons_right,
            "persons_not_found_by_relation": dict(not_found),
            "proposed_dependants_opened": f"{proposed_opened}/{proposed_wanted}",
            "status_complete_right": f"{status_right}/{len(expected)}",
            "told_missing_but_sent": dict(told_missing_but_sent),
            "counted_but_not_valid": dict(counted_but_not_valid),
            "problem_codes_of_wrong_persons": dict(problems_of_wrong)}


def _declared(person: dict[str, Any]) -> list[str]:
    """`case person add` options for a dependant as HR would declare them."""
    args = ["--relation", person["relation"], "--name", person["name"]]
    if person.get("birth_date"):
        args += ["--birth-date", person["birth_date"]]
    if person.get("other_parent_stays"):
        args.append("--other-parent-stays")
    if person.get("partnership"):
        args += ["--partnership", person["partnership"]]
    return args


def _our_person(person: dict[str, Any], ours: list[dict[str, Any]],
                case: dict[str, Any] | None) -> dict[str, Any] | None:
    if person["relation"] == "candidate":
        own = next((p for p in ours if p.get("relation") == "candidate"), None)
        return own or case
    return next((p for p in ours if p.get("relation") == person["relation"]
                 and name_key(p.get("name") or "") == name_key(person["name"])), None)


SETS = {"documents": score_documents, "mails": score_mails, "passports": score_passports,
        "machine": score_machine_mail, "dependants": score_dependants_documents,
        "families": score_families}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", choices=[*SETS, "all"])
    args = parser.parse_args(argv)
    for name in SETS if args.set == "all" else [args.set]:
        print(json.dumps({name: SETS[name]()}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
