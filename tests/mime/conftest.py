"""The hostile corpus, generated once per test session into a temporary folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fixtures.hostile.generate import write_corpus


@pytest.fixture(scope="session")
def hostile_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    folder = tmp_path_factory.mktemp("hostile")
    write_corpus(folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return folder, manifest["cases"]
