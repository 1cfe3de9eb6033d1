"""The plain data the document classifiers hand back: no email, no database."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    PASSPORT = "passport"
    ANTECEDENTS = "antecedents"
    TB_DECLARATION = "tb_declaration"
    # What a dependant's visa needs on top of the person's own three (issue 13). A certificate
    # of registered partnership is its own kind; the checklist lets it meet the marriage item.
    MARRIAGE_CERTIFICATE = "marriage_certificate"
    PARTNERSHIP_CERTIFICATE = "partnership_certificate"
    BIRTH_CERTIFICATE = "birth_certificate"
    UNMARRIED_STATUS = "unmarried_status"
    RELATIONSHIP_DECLARATION = "relationship_declaration"
    PARENTAL_CONSENT = "parental_consent"
    OTHER = "other"


class ReadError(StrEnum):
    """Why a file could not be read. The value is the machine code; `describe` the sentence."""

    ENCRYPTED = "encrypted"
    CORRUPT = "corrupt"
    UNSUPPORTED_TYPE = "unsupported_type"
    TOO_LARGE = "too_large"
    TOO_MANY_PAGES = "too_many_pages"
    TIMEOUT = "timeout"
    EMPTY = "empty"

    def describe(self) -> str:
        return _READ_ERROR_SENTENCES[self]


_READ_ERROR_SENTENCES: dict[ReadError, str] = {
    ReadError.ENCRYPTED: "the file is protected with a password, so we could not open it",
    ReadError.CORRUPT: "the file is damaged or incomplete",
    ReadError.UNSUPPORTED_TYPE: "we cannot read this type of file; please send a PDF or a photo",
    ReadError.TOO_LARGE: "the file is larger than we can accept",
    ReadError.TOO_MANY_PAGES: "the document has more pages than we can accept",
    ReadError.TIMEOUT: "reading the file took too long, so we stopped",
    ReadError.EMPTY: "the file is empty",
}


# Every field of a reading, each with its own verdict (`PassportData.trust`): the checklist
# decides on the first five; sex and issuing state are read for HR and must be witnessed too
# before a reading is confirmed as a whole.
TRUSTED_FIELDS = ("nationality", "birth_date", "expiry_date", "document_number", "names", "sex",
                  "issuing_state")


@dataclass(frozen=True, slots=True)
class FieldTrust:
    """Whether one field of a reading can be decided on, and why (never the value itself)."""

    field: str
    trusted: bool
    reason: str


@dataclass(frozen=True, slots=True)
class PassportData:
    """Fields read from a TD3 machine readable zone (ICAO 9303 part 4).

    `checks_ok`: every check digit passes. `confirmed`: the reading can be trusted for
    decisions (the nationality's TB exemption): the checks pass, the codes are ICAO codes, and
    the printed visual zone does not contradict it, or every repair the check digits could not
    settle was confirmed by the visual zone. `disagreements`: short reasons (never a document
    number) where the two readings differ. `trust`: a verdict per field (`TRUSTED_FIELDS`),
    so that a document number the check digits cannot settle (O or 0) does not make the
    nationality or the dates untrusted when their own checks confirm them. Empty: not judged
    (a reading stored before the reader judged fields).
    """

    document_type: str
    issuing_country: str
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth_date: date | None
    sex: str
    expiry_date: date | None
    checks_ok: bool
    confirmed: bool = False
    disagreements: tuple[str, ...] = ()
    trust: tuple[FieldTrust, ...] = ()

    def trusted(self, name: str) -> bool | None:
        """The field's verdict; None when the reading holds none for it."""
        return next((t.trusted for t in self.trust if t.field == name), None)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("birth_date", "expiry_date"):
            value = data[key]
            data[key] = value.isoformat() if value else None
        data["disagreements"] = list(self.disagreements)
        data["trust"] = {t.field: {"trusted": t.trusted, "reason": t.reason} for t in self.trust}
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PassportData:
        """The reading back from `to_json`'s output (e.g. a stored verdict)."""
        return cls(
            document_type=data.get("document_type", ""),
            issuing_country=data.get("issuing_country", ""),
            surname=data.get("surname", ""),
            given_names=data.get("given_names", ""),
            document_number=data.get("document_number", ""),
            nationality=data.get("nationality", ""),
            birth_date=_day(data.get("birth_date")),
            sex=data.get("sex", ""),
            expiry_date=_day(data.get("expiry_date")),
            checks_ok=bool(data.get("checks_ok")),
            confirmed=bool(data.get("confirmed")),
            disagreements=tuple(data.get("disagreements") or ()),
            trust=tuple(FieldTrust(str(name), bool(verdict.get("trusted")),
                                   str(verdict.get("reason", "")))
                        for name, verdict in (data.get("trust") or {}).items()),
        )


def _day(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


def mask_document_number(number: str) -> str:
    """`X1234567` -> `X1****67`: enough for HR to tell documents apart, useless to a thief."""
    if len(number) <= 4:
        return "*" * len(number)
    return number[:2] + "*" * (len(number) - 4) + number[-2:]


@dataclass(frozen=True, slots=True)
class PageVerdict:
    """What one page (1-based) of the file was found to be."""

    page: int
    kind: Kind
    confidence: float
    ocr: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"page": self.page, "kind": self.kind.value,
                "confidence": round(self.confidence, 3), "ocr": self.ocr}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PageVerdict:
        return cls(page=int(data["page"]), kind=Kind(data["kind"]),
                   confidence=float(data["confidence"]), ocr=bool(data.get("ocr")))


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A person a document is about, as written on it (never from the file name).

    `role`: how the document names them: "holder" (a form's or certificate's subject),
    "spouse"/"partner" (a party to a marriage, partnership or relationship declaration),
    "child", "parent", "consenting_parent", "signatory". `birth_date` only where the document
    shows it.
    """

    name: str
    role: str
    birth_date: date | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role,
                "birth_date": self.birth_date.isoformat() if self.birth_date else None}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PersonMention:
        return cls(name=str(data["name"]), role=str(data.get("role", "")),
                   birth_date=_day(data.get("birth_date")))


@dataclass(frozen=True, slots=True)
class Classification:
    """The verdict on one file. Unreadable files are still a classification (kind OTHER)."""

    kind: Kind
    confidence: float
    reasons: tuple[str, ...] = ()
    filled: bool | None = None
    pages: tuple[PageVerdict, ...] = ()
    error: ReadError | None = None
    passport: PassportData | None = None
    detected_type: str | None = None
    # Every kind found in the file with its pages, for multi-document scans.
    kinds_found: tuple[Kind, ...] = field(default=())
    # True when the verdict is not sure enough to act on: HR checks the file by hand, and the
    # candidate is told so instead of being told the document is missing. `kind` stays the
    # best guess.
    review: bool = False
    # Who the document is about, for matching it to a person of the case (issue 13).
    people: tuple[PersonMention, ...] = field(default=())
    # A relationship declaration: how many of its signature places are signed (both partners
    # sign it); None for other papers, or when its places could not be found or counted.
    signatures: int | None = None

    def to_json(self, path: str | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if path is not None:
            data["path"] = path
        data.update(
            kind=self.kind.value,
            confidence=round(self.confidence, 3),
            filled=self.filled,
            pages=[page.to_json() for page in self.pages],
            reasons=list(self.reasons),
            error=self.error.value if self.error else None,
            passport=self.passport.to_json() if self.passport else None,
            detected_type=self.detected_type,
            kinds_found=[kind.value for kind in self.kinds_found],
            review=self.review,
            people=[person.to_json() for person in self.people],
            signatures=self.signatures,
        )
        return data
