"""`mailbot run` with the worker's clock moved ahead: the reminder tests' way into the days
after our reply, against the real Dovecot and SMTP server.

    MAILBOT_TEST_CLOCK_AHEAD_SECONDS=262800 python -m tests.mail.clocked_worker

Everything else is the service as `mailbot run` builds it (boot.build_worker, run_forever).
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta

from mailbot.boot import build_worker, configure_logging
from mailbot.config import load_settings
from mailbot.scheduler import run_forever
from mailbot.store.models import utcnow


def main() -> None:
    ahead = timedelta(seconds=float(os.environ["MAILBOT_TEST_CLOCK_AHEAD_SECONDS"]))

    def clock() -> datetime:
        return utcnow() + ahead

    configure_logging()
    run_forever(build_worker(load_settings(), clock=clock))


if __name__ == "__main__":
    main()
