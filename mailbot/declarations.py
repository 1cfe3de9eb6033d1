"""HR's list of the candidates and families it expects, as a file: `mailbot case import FILE`.

A sponsor's HR usually knows, before the first mail, who comes and with whom (the offer letter,
the relocation form). Declaring each person with `case person add` is fine for one family; for
a batch HR keeps a TOML file and imports it, as often as it likes: what is already declared is
left alone, so the file can grow and be imported again. The sample mailbox's families are
declared this way (`fixtures/emails/declared.toml`).

    [[case]]
    email = "kwame.mensah@example.com"
    name = "Kwame Mensah"

    [[case.person]]
    relation = "spouse"              # spouse, partner or child
    name = "Ama Mensah"              # as the passport prints it
    birth_date = 1990-02-14          # optional (a TOML date)
    nationality = "GHA"              # optional, until the passport is read
    partnership = "marriage"         # spouse/partner: marriage, registered or unmarried
    other_parent_stays = false       # child: the other parent stays behind (consent needed)

Parsing is pure (`parse_declarations`); `mailbot.admin.declare` applies it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from typing import Any

from mailbot.admin import NewPerson
from mailbot.errors import ConfigError

_CASE_KEYS = {"email", "name", "person"}
_PERSON_KEYS = {"relation", "name", "birth_date", "nationality", "partnership",
                "other_parent_stays"}


@dataclass(frozen=True)
class DeclaredCase:
    """One candidate HR expects, and the dependants who come along."""

    email: str
    name: str
    persons: tuple[NewPerson, ...]


def parse_declarations(text: str, source: str) -> list[DeclaredCase]:
    """The cases of a declarations file; a ConfigError names the entry and what is wrong, so HR
    can mend the file (nothing is applied from a file with an error)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{source}: not valid TOML ({error})") from None
    unknown = set(data) - {"case"}
    if unknown:
        raise ConfigError(f"{source}: unknown section {sorted(unknown)[0]!r}; "
                          "the file holds [[case]] entries")
    cases = data.get("case", [])
    if not isinstance(cases, list):
        raise ConfigError(f"{source}: write each case as [[case]]")
    return [_case(entry, f"{source}: case {number}")
            for number, entry in enumerate(cases, start=1)]


def _case(entry: dict[str, Any], where: str) -> DeclaredCase:
    _only(entry, _CASE_KEYS, where)
    email = _text(entry, "email", where)
    if "@" not in email:
        raise ConfigError(f"{where}: email {email!r} is not an address")
    where = f"{where} ({email})"
    persons = entry.get("person", [])
    if not isinstance(persons, list):
        raise ConfigError(f"{where}: write each person as [[case.person]]")
    return DeclaredCase(email.lower(), str(entry.get("name", "")).strip(), tuple(
        _person(person, f"{where}, person {number}")
        for number, person in enumerate(persons, start=1)))


def _person(entry: dict[str, Any], where: str) -> NewPerson:
    _only(entry, _PERSON_KEYS, where)
    birth_date = entry.get("birth_date")
    if birth_date is not None and (not isinstance(birth_date, date)
                                   or hasattr(birth_date, "hour")):
        raise ConfigError(f"{where}: birth_date is a date without quotes, like 2014-05-31")
    stays = entry.get("other_parent_stays", False)
    if not isinstance(stays, bool):
        raise ConfigError(f"{where}: other_parent_stays is true or false")
    try:
        return NewPerson(_text(entry, "relation", where), _text(entry, "name", where),
                         birth_date, entry.get("nationality"), stays,
                         entry.get("partnership")).validated(as_keys=True)
    except ConfigError as error:
        raise ConfigError(f"{where}: {error}") from None


def _only(entry: object, allowed: set[str], where: str) -> None:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: not a table of keys")
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: "
                          f"{', '.join(sorted(allowed))})")


def _text(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: {key} is missing")
    return value.strip()
