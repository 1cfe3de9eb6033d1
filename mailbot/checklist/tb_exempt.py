"""The TB-exemption list: data HR can update without a release."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from mailbot.errors import ConfigError

BUNDLED = Path(__file__).with_name("tb_exempt.toml")


@dataclass(frozen=True)
class TbExemptList:
    exempt: frozenset[str]
    aliases: dict[str, str]
    source: str
    as_of: str

    def normalise(self, nationality: str) -> str:
        code = nationality.strip("<").upper()
        return self.aliases.get(code, code)

    def is_exempt(self, nationality: str) -> bool:
        return self.normalise(nationality) in self.exempt


def load_tb_exempt_list(path: Path | None = None) -> TbExemptList:
    path = path or BUNDLED
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return TbExemptList(
            exempt=frozenset(code.upper() for code in data["exempt"]),
            aliases={k.upper(): v.upper() for k, v in data.get("aliases", {}).items()},
            source=str(data.get("source", "")),
            as_of=str(data.get("as_of", "")),
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise ConfigError(f"MAILBOT_TB_EXEMPT_FILE: cannot use {path}: {exc}") from exc
