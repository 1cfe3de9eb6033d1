"""Limits are declared once: the settings take their defaults from the declarations and hand
every one back, so a setting means the same to the worker, HR's review and `mailbot classify`."""

from __future__ import annotations

from dataclasses import fields

from classifiers.limits import DEFAULT_LIMITS
from mailbot.config import Settings
from mailbot.mime.mail_limits import MimeLimits

# The classifier's fields that have a setting, by setting name.
DOCUMENT_SETTINGS = {
    "max_attachment_bytes": "max_bytes", "max_pdf_pages": "max_pages",
    "max_image_pixels": "max_pixels", "document_timeout_seconds": "timeout_seconds",
    "review_margin": "review_margin", "review_form_paper": "review_form_paper",
    "review_mrz_text": "review_mrz_text",
}


def test_default_settings_give_the_declared_mime_limits() -> None:
    assert MimeLimits.from_settings(Settings()) == MimeLimits()


def test_default_settings_give_the_classifier_defaults() -> None:
    assert Settings().document_limits() == DEFAULT_LIMITS


def test_every_limit_setting_reaches_the_limits_it_names() -> None:
    defaults = Settings()
    changed = Settings(**{
        name: type(getattr(defaults, name))(getattr(defaults, name) * 2 + 1)
        for name in [*DOCUMENT_SETTINGS, *(f.name for f in fields(MimeLimits))]
        if hasattr(defaults, name)
    })
    document = changed.document_limits()
    for setting, field in DOCUMENT_SETTINGS.items():
        assert getattr(document, field) == getattr(changed, setting), setting
    mime = MimeLimits.from_settings(changed)
    for field in fields(MimeLimits):
        if hasattr(changed, field.name):
            assert getattr(mime, field.name) == getattr(changed, field.name), field.name
