"""Skip a test when a real server or tool is missing here — but never under CI=true."""

from __future__ import annotations

import os
import shutil

import pytest


def under_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def need(available: bool, reason: str) -> None:
    """Call at the top of a test or fixture that needs a real server or program."""
    if available:
        return
    if under_ci():
        pytest.fail(f"required under CI=true: {reason}")
    pytest.skip(reason)


def need_program(name: str) -> str:
    path = shutil.which(name) or next(
        (p for p in (f"/usr/sbin/{name}", f"/usr/bin/{name}") if os.path.exists(p)), None
    )
    need(path is not None, f"{name} is not installed (run `make setup`)")
    assert path is not None
    return path
