"""HR's declarations file (`mailbot case import`): what it accepts and how it says what's wrong."""

from __future__ import annotations

from datetime import date

import pytest

from mailbot.declarations import parse_declarations
from mailbot.errors import ConfigError

FAMILY = """
[[case]]
email = "Tunde.Adeyemi@example.com.ng"
name = "Tunde Adeyemi"

[[case.person]]
relation = "spouse"
name = "Funmilayo Adeyemi"
birth_date = 1986-07-09
partnership = "marriage"

[[case.person]]
relation = "child"
name = "Ada Adeyemi"
birth_date = 2018-09-02
other_parent_stays = true

[[case]]
email = "ingrid@example.no"
"""


def test_given_a_family_file_when_parsed_then_every_case_and_person_is_there() -> None:
    tunde, ingrid = parse_declarations(FAMILY, "families.toml")
    assert (tunde.email, tunde.name) == ("tunde.adeyemi@example.com.ng", "Tunde Adeyemi")
    spouse, child = tunde.persons
    assert (spouse.relation, spouse.name, spouse.birth_date, spouse.partnership) == (
        "spouse", "Funmilayo Adeyemi", date(1986, 7, 9), "marriage")
    assert (child.relation, child.other_parent_stays) == ("child", True)
    assert (ingrid.email, ingrid.name, ingrid.persons) == ("ingrid@example.no", "", ())


def test_an_empty_file_declares_nothing() -> None:
    assert parse_declarations("# nobody yet\n", "f.toml") == []


@pytest.mark.parametrize(("text", "says"), [
    ("[[case]\n", "f.toml: not valid TOML"),
    ("[people]\n", "unknown section 'people'"),
    ('[[case]]\nname = "X"\n', "f.toml: case 1: email is missing"),
    ('[[case]]\nemail = "nobody"\n', "email 'nobody' is not an address"),
    ('[[case]]\nemail = "a@b.c"\nphone = "1"\n', "unknown key 'phone'"),
    ('[[case]]\nemail = "a@b.c"\n[[case.person]]\nrelation = "aunt"\nname = "X"\n',
     "case 1 (a@b.c), person 1: relation 'aunt': one of spouse, partner, child"),
    ('[[case]]\nemail = "a@b.c"\n[[case.person]]\nrelation = "child"\n',
     "person 1: name is missing"),
    ('[[case]]\nemail = "a@b.c"\n[[case.person]]\nrelation = "child"\nname = "X"\n'
     'birth_date = "2014-01-01"\n', "birth_date is a date without quotes"),
    ('[[case]]\nemail = "a@b.c"\n[[case.person]]\nrelation = "child"\nname = "X"\n'
     'birth_date = 2099-01-01\n', "birth_date 2099-01-01 is in the future"),
    ('[[case]]\nemail = "a@b.c"\n[[case.person]]\nrelation = "spouse"\nname = "X"\n'
     'other_parent_stays = true\n', "other_parent_stays goes with a child"),
    ('[[case]]\nemail = "a@b.c"\n[[case.person]]\nrelation = "child"\nname = "X"\n'
     'partnership = "marriage"\n', "partnership goes with a spouse or partner"),
])
def test_a_wrong_entry_is_named_with_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_declarations(text, "f.toml")
    assert says in str(raised.value)
