"""ImapSource against a real Dovecot: peek, batches, filing, UIDVALIDITY, restarts, IDLE."""

from __future__ import annotations

import contextlib
import logging
import shlex
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mailbot.auth import MailAuthError
from mailbot.errors import TransientError
from mailbot.sources.imap import ImapSentFolder, ImapSource, parse_source_key
from tests.mail.conftest import MemoryState
from tests.mail.messages import candidate_mail
from tests.support.dovecot import DovecotServer

pytestmark = pytest.mark.slow


def source(settings: Any, state: MemoryState, **kwargs: Any) -> ImapSource:
    kwargs.setdefault("backoff", 0.05)
    kwargs.setdefault("timeout", 10)
    return ImapSource(settings, state, **kwargs)


def test_fetch_peeks_oldest_first_and_leaves_flags_alone(
    dovecot: DovecotServer, state: MemoryState, make_settings: Any
) -> None:
    raws = [candidate_mail(i) for i in range(3)]
    uids = [
        dovecot.append(raws[0]),
        dovecot.append(raws[1], flags=[b"\\Seen"]),
        dovecot.append(raws[2]),
    ]
    src = source(make_settings(dovecot), state)
    try:
        got = list(src.fetch())
        uidvalidity = dovecot.uidvalidity()
        assert [m.source_key for m in got] == [f"imap:INBOX:{uidvalidity}:{u}" for u in uids]
        assert [m.raw for m in got] == raws
    finally:
        src.close()
    flags = {uid: item["flags"] for uid, item in dovecot.messages().items()}
    assert flags == {uids[0]: (), uids[1]: (b"\\Seen",), uids[2]: ()}  # unread stays unread


def test_folders_are_created_and_filing_moves_idempotently(
    dovecot: DovecotServer, state: MemoryState, make_settings: Any
) -> None:
    assert "Processed" not in dovecot.folders()
    for i in range(3):
        dovecot.append(candidate_mail(i))
    src = source(make_settings(dovecot), state)
    try:
        first, second, third = list(src.fetch())
        assert {"Processed", "Needs-Review"} <= set(dovecot.folders())
        src.file(first, needs_review=False)
        src.file(second, needs_review=True)
        src.file(first, needs_review=False)  # again: already gone, no error, no copy
        assert [m.source_key for m in src.fetch()] == [third.source_key]
    finally:
        src.close()
    assert [m["raw"] for m in dovecot.messages("Processed").values()] == [first.raw]
    assert [m["raw"] for m in dovecot.messages("Needs-Review").values()] == [second.raw]
    assert [m["raw"] for m in dovecot.messages("INBOX").values()] == [third.raw]
    # Moving must not mark anything read either.
    assert all(m["flags"] == () for m in dovecot.messages("Processed").values())


def test_batches_and_last_uid(
    dovecot: DovecotServer, state: MemoryState, make_settings: Any
) -> None:
    uids = dovecot.append_many(candidate_mail(i) for i in range(7))
    batches: list[list[int]] = []

    class Counting(ImapSource):
        def _fetch_batch(self, client: Any, batch: list[int], uidvalidity: int) -> Any:
            batches.append(list(batch))
            return super()._fetch_batch(client, batch, uidvalidity)

    settings = make_settings(dovecot, imap_batch_size=3)
    src = Counting(settings, state, backoff=0.05)
    try:
        mails = list(src.fetch())
        assert len(mails) == 7
        assert batches == [uids[0:3], uids[3:6], uids[6:7]]
        for mail in mails[:4]:
            src.file(mail, needs_review=False)
        batches.clear()
        rest = list(src.fetch())
        assert [parse_source_key(m.source_key)[2] for m in rest] == uids[4:]
        key = f"imap:{settings.imap_host}:{settings.imap_user}:INBOX:last_uid"
        assert state.values[key] == str(uids[3])  # everything up to here has left the folder
        for mail in rest:
            src.file(mail, needs_review=False)
        assert list(src.fetch()) == []
        assert state.values[key] == str(uids[-1])
        # The server answers `UID n:*` with the highest UID even when it is below n.
        assert list(src.fetch()) == []
    finally:
        src.close()


def test_stored_but_unfiled_mail_is_not_downloaded_again(
    dovecot: DovecotServer, state: MemoryState, make_settings: Any
) -> None:
    """A crash between "stored" and "filed": the pipeline files it from its records."""
    dovecot.append(candidate_mail(1))
    settings = make_settings(dovecot)
    src = source(settings, state)
    (mail,) = list(src.fetch())
    state.stored.add(mail.source_key)
    src.close()  # "crash" before filing
    dovecot.append(candidate_mail(2))
    src = source(settings, state)
    try:
        (new,) = list(src.fetch())  # only the new one; the stored one is not fetched again
        assert b"part 2" in new.raw and new.source_key != mail.source_key
        src.file(mail, needs_review=False)  # the pipeline's file step, by key only
        src.file(new, needs_review=False)
        assert list(src.fetch()) == []
    finally:
        src.close()
    assert len(dovecot.messages("Processed")) == 2


def test_copy_and_uid_expunge_when_the_server_has_no_move(
    state: MemoryState, make_settings: Any
) -> None:
    caps = "IMAP4rev1 SASL-IR ID ENABLE IDLE UIDPLUS LITERAL+ NAMESPACE CHILDREN SPECIAL-USE"
    root = Path(tempfile.mkdtemp(prefix="mailbot-dovecot-"))
    with contextlib.ExitStack() as cleanup:
        cleanup.callback(shutil.rmtree, root, ignore_errors=True)
        server = cleanup.enter_context(
            DovecotServer(root, extra_config=f"imap_capability = {caps}\n")
        )
        with server.client() as imap:
            assert not imap.has_capability("MOVE")
        other = server.append(candidate_mail(0), flags=[b"\\Deleted"])  # someone else's
        server.append(candidate_mail(1))
        server.append(candidate_mail(2))
        src = source(make_settings(server), state)
        try:
            mails = list(src.fetch())
            assert len(mails) == 2  # the \Deleted one is not ours to take
            src.file(mails[0], needs_review=False)
            src.file(mails[1], needs_review=True)
            src.file(mails[1], needs_review=True)
        finally:
            src.close()
        assert [m["raw"] for m in server.messages("Processed").values()] == [mails[0].raw]
        assert [m["raw"] for m in server.messages("Needs-Review").values()] == [mails[1].raw]
        # UID EXPUNGE removed only ours; a bare EXPUNGE would have taken `other` too.
        assert list(server.messages("INBOX")) == [other]


def test_uidvalidity_change_rescans_without_losing_or_misfiling(
    dovecot: DovecotServer, state: MemoryState, make_settings: Any, caplog: Any
) -> None:
    for i in range(3):
        dovecot.append(candidate_mail(i))
    settings = make_settings(dovecot)
    src = source(settings, state)
    try:
        first, second, third = list(src.fetch())
        src.file(first, needs_review=False)
        old_validity = parse_source_key(first.source_key)[1]

        dovecot.change_uidvalidity()

        with caplog.at_level(logging.WARNING, logger="mailbot.sources.imap"):
            again = list(src.fetch())  # the old connection died with the restart: reconnects
        new_validity = dovecot.uidvalidity()
        assert new_validity != old_validity
        assert [m.raw for m in again] == [second.raw, third.raw]
        assert all(parse_source_key(m.source_key)[1] == new_validity for m in again)
        assert "UIDVALIDITY changed" in caplog.text

        # A key from before the change names no message now: filing it must not move anything.
        src.file(second, needs_review=False)
        assert len(dovecot.messages("INBOX")) == 2
        for mail in again:
            src.file(mail, needs_review=False)
        assert dovecot.messages("INBOX") == {}
        assert len(dovecot.messages("Processed")) == 3
    finally:
        src.close()


def test_server_restart_mid_fetch_reconnects_and_loses_nothing(
    dovecot: DovecotServer, state: MemoryState, make_settings: Any, caplog: Any
) -> None:
    raws = [candidate_mail(i) for i in range(5)]
    dovecot.append_many(raws)
    src = source(make_settings(dovecot, imap_batch_size=2), state)
    got = []
    try:
        with caplog.at_level(logging.INFO, logger="mailbot.sources.imap"):
            for n, mail in enumerate(src.fetch()):
                got.append(mail)
                src.file(mail, needs_review=False)
                if n == 0:
                    dovecot.restart()  # drops the connection in the middle of a batch
    finally:
        src.close()
    assert [m.raw for m in got] == raws
    assert len(dovecot.messages("Processed")) == 5
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "connection lost" in warnings[0].getMessage()


def test_server_down_gives_transient_error_after_bounded_tries(
    dovecot: DovecotServer, state: MemoryState, make_settings: Any, caplog: Any
) -> None:
    dovecot.stop()
    sleeps: list[float] = []
    src = ImapSource(make_settings(dovecot), state, max_tries=4, backoff=0.5, sleep=sleeps.append)
    with caplog.at_level(logging.WARNING), pytest.raises(TransientError, match="unreachable"):
        list(src.fetch())
    assert sleeps == [0.5, 1.0, 2.0]  # exponential backoff between 4 tries
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "giving up" in errors[0].getMessage()
    assert dovecot.password not in caplog.text
    dovecot.start()
    assert list(src.fetch()) == []  # and it recovers once the server is back
    src.close()


def test_xoauth2_login_with_token_command(
    dovecot: DovecotServer, state: MemoryState, make_settings: Any
) -> None:
    # This Dovecot hands XOAUTH2 bearer tokens to its passdb like passwords.
    command = f"echo {shlex.quote(dovecot.password)}"
    dovecot.append(candidate_mail(1))
    settings = make_settings(dovecot, imap_password="", imap_oauth2_token_command=command)
    src = source(settings, state)
    try:
        assert len(list(src.fetch())) == 1
    finally:
        src.close()
    bad = make_settings(dovecot, imap_password="", imap_oauth2_token_command="echo expired")
    with pytest.raises(MailAuthError, match="XOAUTH2") as info:
        list(source(bad, state).fetch())
    assert "expired" not in str(info.value)  # never echo a token
    assert "method=XOAUTH2" in dovecot.log_tail(50)


def _append_later(server: DovecotServer, delay: float) -> threading.Thread:
    thread = threading.Thread(
        target=lambda: (time.sleep(delay), server.append(candidate_mail(99))), daemon=True
    )
    thread.start()
    return thread


@pytest.fixture
def idle_source(
    dovecot: DovecotServer, state: MemoryState, make_settings: Any
) -> Iterator[ImapSource]:
    src = source(make_settings(dovecot), state, idle_reissue_seconds=0.4)
    assert list(src.fetch()) == []
    yield src
    src.close()


def test_idle_returns_when_mail_arrives(dovecot: DovecotServer, idle_source: ImapSource) -> None:
    started = time.monotonic()
    assert idle_source.idle_wait(0.8) is False  # nothing; re-issued IDLE once on the way
    assert 0.7 < time.monotonic() - started < 3
    thread = _append_later(dovecot, 0.3)
    started = time.monotonic()
    assert idle_source.idle_wait(20) is True
    assert time.monotonic() - started < 5
    thread.join()
    assert len(list(idle_source.fetch())) == 1


def test_idle_without_reissue_gets_the_push(
    dovecot: DovecotServer, state: MemoryState, make_settings: Any
) -> None:
    src = source(make_settings(dovecot), state)  # the default: re-issue only after minutes
    try:
        assert list(src.fetch()) == []
        thread = _append_later(dovecot, 0.3)
        started = time.monotonic()
        assert src.idle_wait(20) is True
        assert time.monotonic() - started < 5
        thread.join()
    finally:
        src.close()


def test_idle_reports_mail_that_came_before_it_started(
    dovecot: DovecotServer, idle_source: ImapSource
) -> None:
    dovecot.append(candidate_mail(5))
    started = time.monotonic()
    assert idle_source.idle_wait(20) is True
    assert time.monotonic() - started < 2


def test_idle_notices_a_dead_connection(dovecot: DovecotServer, idle_source: ImapSource) -> None:
    threading.Timer(0.3, dovecot.restart).start()
    started = time.monotonic()
    assert idle_source.idle_wait(20) is True  # "poll now": mail may have come meanwhile
    assert time.monotonic() - started < 5
    time.sleep(1.5)  # let the restart finish
    dovecot.append(candidate_mail(7))
    assert len(list(idle_source.fetch())) == 1


def test_idle_honours_stop(idle_source: ImapSource) -> None:
    stop = threading.Event()
    threading.Timer(0.2, stop.set).start()
    started = time.monotonic()
    assert idle_source.idle_wait(30, stop) is False
    assert time.monotonic() - started < 2.5


def test_sent_folder_append_and_contains(
    dovecot: DovecotServer, state: MemoryState, make_settings: Any
) -> None:
    settings = make_settings(dovecot)
    src = source(settings, state)
    sent = ImapSentFolder(settings, backoff=0.05)
    try:
        assert sent.contains("<reply-1@mailbot.example>") is False  # no Sent folder yet
        src.append_sent(candidate_mail(1, message_id="<reply-1@mailbot.example>"))
        assert sent.contains("<reply-1@mailbot.example>") is True
        assert sent.contains("<reply-2@mailbot.example>") is False
        sent.append(candidate_mail(2, message_id="<reply-2@mailbot.example>"))
        assert sent.contains("<reply-2@mailbot.example>") is True
    finally:
        src.close()
        sent.close()
    assert all(m["flags"] == (b"\\Seen",) for m in dovecot.messages("Sent").values())


def test_idle_with_the_server_down_waits_and_says_poll(
    dovecot: DovecotServer, idle_source: ImapSource
) -> None:
    dovecot.stop()
    started = time.monotonic()
    assert idle_source.idle_wait(1.0) is True  # no exception into the service loop
    assert time.monotonic() - started < 5
