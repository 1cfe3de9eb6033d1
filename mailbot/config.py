"""Settings as plain data, read from `MAILBOT_*` environment variables and `mailbot.toml`.

Every default here is what the demo uses; production overrides them in the environment.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from classifiers.limits import DEFAULT_LIMITS, Limits
from mailbot.errors import ConfigError
from mailbot.mime.mail_limits import MimeLimits

if TYPE_CHECKING:
    from mailbot.reminders import ReminderSchedule


class SentCheck(StrEnum):
    """How to settle a reply whose SMTP answer was lost (see mailbot/delivery/smtp.py)."""

    OFF = "off"            # in doubt -> HR decides; never sent twice
    PROVIDER = "provider"  # the provider files every accepted mail in Sent (Gmail, Microsoft 365)
    APPEND = "append"      # mailbot appends a copy to Sent itself after each send


class Security(StrEnum):
    SSL = "ssl"            # implicit TLS (IMAPS 993, SMTPS 465)
    STARTTLS = "starttls"
    PLAIN = "plain"        # loopback tests only


# SpamAssassin ("X-Spam-Flag: YES", "X-Spam-Status: Yes, score=..."), rspamd ("X-Spam: Yes",
# "X-Rspamd-Action: add header") and the generic "X-Spam-Verdict: spam".
DEFAULT_SPAM_VERDICT_HEADERS = ("X-Spam-Flag:yes,X-Spam-Status:yes,X-Spam:yes|true,"
                                "X-Rspamd-Action:reject|add header|rewrite subject,"
                                "X-Spam-Verdict:spam")


def parse_spam_verdict_headers(value: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """ "X-Spam-Flag:yes,X-Rspamd-Action:reject|add header" -> (("x-spam-flag", ("yes",)), ...)"""
    found: list[tuple[str, tuple[str, ...]]] = []
    for item in value.split(","):
        if not item.strip():
            continue
        name, sep, words = item.partition(":")
        values = tuple(w.strip().lower() for w in words.split("|") if w.strip())
        if not sep or not name.strip() or not values:
            raise ValueError(f"MAILBOT_SPAM_VERDICT_HEADERS: {item.strip()!r} is not "
                             "'Header:value|value'")
        found.append((name.strip().lower(), values))
    return tuple(found)


def parse_forwarders(value: str) -> frozenset[str]:
    """ "hr-rule@corp.example, @forward.corp.example" -> lower-cased addresses and @domains."""
    found = {item.strip().lower() for item in value.replace(";", ",").split(",") if item.strip()}
    for item in found:
        if "@" not in item or " " in item:
            raise ValueError(f"MAILBOT_FORWARDERS: {item!r} is neither an address nor @domain")
    return frozenset(found)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="MAILBOT_", toml_file="mailbot.toml", extra="ignore"
    )

    # Where the service keeps its database, raw mails and documents (created 0700).
    data_dir: Path = Path("data")
    # SQLAlchemy URL; defaults to a SQLite file in data_dir.
    database_url: str = ""

    # Inbound: IMAP. Unused when a folder source is given (`--source`).
    imap_host: str = ""
    imap_port: int = 0                        # 0 = the default for `imap_security`
    imap_user: str = ""
    imap_password: str = Field(default="", repr=False)
    imap_password_file: Path | None = None    # e.g. a Docker/Kubernetes secret
    imap_oauth2_token_command: str = ""       # prints an XOAUTH2 access token
    imap_oauth2_token_file: Path | None = None
    imap_security: Security = Security.SSL
    # PEM CA(s) to verify the server with instead of the system store (an internal CA).
    imap_ca_file: Path | None = None
    imap_folder: str = "INBOX"
    imap_processed_folder: str = "Processed"
    imap_review_folder: str = "Needs-Review"
    imap_idle: bool = False
    imap_batch_size: int = 20

    # Outbound: SMTP. Unused when an outbox folder is given (`--outbox`).
    smtp_host: str = ""
    smtp_port: int = 0                        # 0 = the default for `smtp_security`
    smtp_user: str = ""
    smtp_password: str = Field(default="", repr=False)
    smtp_password_file: Path | None = None
    smtp_oauth2_token_command: str = ""
    smtp_oauth2_token_file: Path | None = None
    smtp_security: Security = Security.STARTTLS
    smtp_ca_file: Path | None = None          # as imap_ca_file
    # Settle "did the server accept it?" after a crash by looking in the IMAP Sent folder.
    smtp_sent_check: SentCheck = SentCheck.OFF
    smtp_sent_folder: str = "Sent"

    from_address: str = "hsm-documents@mailbot.example"
    from_name: str = "HSM documents"
    hr_address: str = "hr@mailbot.example"
    company_name: str = "ITSync"

    poll_seconds: int = 60
    digest_cron: str = "0 8 * * mon-fri"
    digest_waiting_days: int = 7
    max_replies_per_address_per_day: int = 5
    max_attempts: int = 5                     # then the mail is set aside for HR

    # Limits on hostile input. Each is declared once, with why, where it is enforced: the
    # mail's structure and archives in `mailbot/mime/mail_limits.py::MimeLimits`, one document in
    # `classifiers/limits.py::Limits`; here they become settings with those defaults, and
    # `MimeLimits.from_settings` / `document_limits()` hand the settings back.
    max_attachment_bytes: int = MimeLimits.max_attachment_bytes
    max_pdf_pages: int = DEFAULT_LIMITS.max_pages
    max_image_pixels: int = DEFAULT_LIMITS.max_pixels
    max_zip_members: int = MimeLimits.max_zip_members
    max_zip_total_bytes: int = MimeLimits.max_zip_total_bytes
    max_zip_ratio: int = MimeLimits.max_zip_ratio
    max_zip_depth: int = MimeLimits.max_zip_depth
    document_timeout_seconds: float = DEFAULT_LIMITS.timeout_seconds
    max_mail_bytes: int = MimeLimits.max_mail_bytes
    max_mail_lines: int = MimeLimits.max_mail_lines
    max_mime_depth: int = MimeLimits.max_mime_depth
    max_forward_depth: int = MimeLimits.max_forward_depth
    max_mime_parts: int = MimeLimits.max_mime_parts
    max_attachments: int = MimeLimits.max_attachments
    max_document_memory_bytes: int = 2 * 1024**3   # address space of the child reading a file
    # When a document verdict goes to HR review instead of counting (measured with
    # `python -m bench.kinds`; classifiers.limits.Limits says what each one means).
    review_margin: float = DEFAULT_LIMITS.review_margin
    review_form_paper: float = DEFAULT_LIMITS.review_form_paper
    review_mrz_text: float = DEFAULT_LIMITS.review_mrz_text

    # The TB-exemption list HR may update without a release; empty = the bundled list.
    tb_exempt_file: Path | None = None
    # A family's rules (mailbot/checklist/family.toml) HR may update; empty = the bundled ones.
    family_rules_file: Path | None = None
    # Trust `Authentication-Results` only from this authserv-id (the operator's own server).
    authserv_id: str = ""

    # Machine-mail judgement (mailbot/intake/decision.py, mailbot/intake/rules.py).
    # Addresses (or "@domain") HR allows to forward a candidate's mail to us, comma-separated,
    # e.g. HR's own Outlook forwarding rule. Such a mail is processed for the original sender
    # and never answered to the forwarder.
    forwarders: str = ""
    # The operator's spam-filter verdict: comma-separated "Header:value|value" items; a header
    # whose value starts with one of the values (any case) marks the mail as spam: no reply,
    # held for HR when it carries documents. Empty = trust no spam verdict.
    spam_verdict_headers: str = DEFAULT_SPAM_VERDICT_HEADERS

    # Health (`mailbot status`) and the operators' alerts (mailbot/health.py, mailbot/monitor.py).
    # Alerts and "recovered" mails go here; empty = the HR address.
    ops_address: str = ""
    # A failure (login refused, server unreachable, tesseract missing, disk nearly full) that
    # lasts this long is "failing" and alerts; shorter ones are blips (degraded).
    alert_after_seconds: int = 300
    # No successful mailbox poll for this long: the worker is not running (status: failing).
    status_poll_stale_seconds: int = 900
    # Mails pile up: this many wait to be processed, or one has waited this long.
    backlog_mails: int = 50
    backlog_minutes: int = 30
    # The data folder's disk is nearly full below either of these.
    disk_min_free_percent: float = 5.0
    disk_min_free_mb: int = 256
    # Prometheus metrics of `mailbot run` on this port (0 = off), bound to this address.
    metrics_port: int = 0
    metrics_address: str = "127.0.0.1"
    # HR dashboard (`mailbot web`): loopback unless a reverse proxy on another host needs it.
    web_host: str = "127.0.0.1"
    web_port: int = 8080
    # Signs the session cookie; empty: a random key kept in <data_dir>/web-secret (0600).
    web_secret_file: Path | None = None
    # Single sign-on: the header a reverse proxy on this host sets to the authenticated user's
    # e-mail (e.g. X-Forwarded-Email of oauth2-proxy). Empty: off; only loopback peers count.
    web_trusted_user_header: str = ""
    # Reminders to candidates with something missing (mailbot/reminders.py). Days after our
    # last reply, comma-separated; at most `reminder_max_count` (0 = no reminders; beyond the
    # listed days the last gap repeats). They go out only on the listed weekdays ("mon-fri",
    # "mon,wed,fri") between the hours ("9-17": from 09:00 to 17:00) in `timezone`, the
    # candidates' and HR's clock; a reminder due at night waits for the morning.
    reminder_days: str = "3,7,14"
    reminder_max_count: int = 3
    reminder_weekdays: str = "mon-fri"
    reminder_hours: str = "9-17"
    # After the last reminder, this many days without an answer mark the case for HR.
    reminder_escalate_days: int = 3
    timezone: str = "Europe/Amsterdam"      # IANA zone (zoneinfo)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls))

    @field_validator(
        "imap_password_file", "imap_oauth2_token_file", "imap_ca_file", "smtp_password_file",
        "smtp_oauth2_token_file", "smtp_ca_file", "tb_exempt_file", "family_rules_file",
        mode="before")
    @classmethod
    def _empty_path_is_unset(cls, value: object) -> object:
        # `MAILBOT_SMTP_CA_FILE=` in an env file means "not set", not the current directory.
        return None if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="after")
    def _consistent(self) -> Settings:
        if self.poll_seconds < 1:
            raise ValueError("MAILBOT_POLL_SECONDS must be at least 1")
        if self.imap_password and self.imap_oauth2_token_command:
            raise ValueError(
                "MAILBOT_IMAP_PASSWORD and MAILBOT_IMAP_OAUTH2_TOKEN_COMMAND are both set; "
                "choose one way to log in"
            )
        if self.smtp_password and self.smtp_oauth2_token_command:
            raise ValueError(
                "MAILBOT_SMTP_PASSWORD and MAILBOT_SMTP_OAUTH2_TOKEN_COMMAND are both set; "
                "choose one way to log in"
            )
        if self.alert_after_seconds < 0 or self.status_poll_stale_seconds < 1:
            raise ValueError("MAILBOT_ALERT_AFTER_SECONDS must be 0 or more and "
                             "MAILBOT_STATUS_POLL_STALE_SECONDS at least 1")
        if not 0 <= self.metrics_port <= 65535:
            raise ValueError("MAILBOT_METRICS_PORT must be a TCP port (0 = off)")
        if not 1 <= self.web_port <= 65535:
            raise ValueError("MAILBOT_WEB_PORT must be a TCP port")
        parse_spam_verdict_headers(self.spam_verdict_headers)
        parse_forwarders(self.forwarders)
        self.reminder_schedule()  # names the reminder setting that is wrong
        return self

    def reminder_schedule(self) -> ReminderSchedule:
        """The reminder settings as one checked value (`mailbot.reminders` decides with it)."""
        from mailbot.reminders import schedule_from_settings

        return schedule_from_settings(self)

    @property
    def alert_address(self) -> str:
        return self.ops_address or self.hr_address

    @property
    def spam_verdicts(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return parse_spam_verdict_headers(self.spam_verdict_headers)

    @property
    def forwarder_addresses(self) -> frozenset[str]:
        return parse_forwarders(self.forwarders)

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'mailbot.sqlite3').as_posix()}"

    def document_limits(self) -> Limits:
        """The classifier's bounds on one file, from these settings: the one place that maps
        setting names to `Limits` fields (the worker, HR's review and `mailbot classify`)."""
        return Limits(
            max_bytes=self.max_attachment_bytes,
            max_pages=self.max_pdf_pages,
            max_pixels=self.max_image_pixels,
            timeout_seconds=self.document_timeout_seconds,
            review_margin=self.review_margin, review_form_paper=self.review_form_paper,
            review_mrz_text=self.review_mrz_text,
        )

    def secret(self, which: str) -> str:
        """The IMAP or SMTP password, from the variable or from its file."""
        value: str = getattr(self, f"{which}_password")
        path: Path | None = getattr(self, f"{which}_password_file")
        if path is not None:
            try:
                return path.read_text().strip()
            except OSError as exc:
                raise ConfigError(
                    f"MAILBOT_{which.upper()}_PASSWORD_FILE: cannot read {path}: {exc.strerror}"
                ) from exc
        return value

    def require(self, *names: str) -> None:
        """Fail with one clear line when a setting the chosen mode needs is empty."""
        for name in names:
            if not getattr(self, name):
                raise ConfigError(f"MAILBOT_{name.upper()} is not set; it is needed for this mode")


def load_settings(**overrides: Any) -> Settings:
    """Read the settings, turning pydantic's report into one line that names the setting."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = "_".join(str(part) for part in first["loc"]).upper()
        name = f"MAILBOT_{loc}" if loc else "settings"
        message = first["msg"].removeprefix("Value error, ")
        raise ConfigError(f"{name}: {message}" if loc else message) from None
