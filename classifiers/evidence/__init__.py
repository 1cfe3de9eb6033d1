"""One small, named unit of evidence per kind, plus the hard negatives.

Each unit has a `name`, a `description` and `score(view) -> Evidence(score, reasons)`.
"""

from __future__ import annotations

from classifiers.evidence.antecedents import AntecedentsQuestions, AntecedentsTitle
from classifiers.evidence.base import Evidence, EvidenceUnit, PageView, Phrase
from classifiers.evidence.form_layout import FormLayout
from classifiers.evidence.negatives import (
    CoverLetter,
    IdentityDocument,
    InformationLeaflet,
    NegativeUnit,
    TbReferralForm,
)
from classifiers.evidence.passport import PassportMrz, PassportWords
from classifiers.evidence.tb_declaration import TbDeclarationStatement, TbDeclarationTitle

POSITIVE_UNITS: tuple[EvidenceUnit, ...] = (
    PassportMrz(), PassportWords(),
    AntecedentsTitle(), AntecedentsQuestions(),
    TbDeclarationTitle(), TbDeclarationStatement(),
)
FORM_LAYOUT = FormLayout()
NEGATIVE_UNITS: tuple[NegativeUnit, ...] = (
    TbReferralForm(), InformationLeaflet(), CoverLetter(), IdentityDocument(),
)

__all__ = [
    "FORM_LAYOUT",
    "NEGATIVE_UNITS",
    "POSITIVE_UNITS",
    "AntecedentsQuestions",
    "AntecedentsTitle",
    "CoverLetter",
    "Evidence",
    "EvidenceUnit",
    "FormLayout",
    "IdentityDocument",
    "InformationLeaflet",
    "NegativeUnit",
    "PageView",
    "PassportMrz",
    "PassportWords",
    "Phrase",
    "TbDeclarationStatement",
    "TbDeclarationTitle",
    "TbReferralForm",
]
