"""What a case still needs: requirements as data plus small pure rules."""

from mailbot.checklist.rules import (
    REQUIREMENTS,
    Checklist,
    DocumentFact,
    ItemStatus,
    PassportFacts,
    Problem,
    evaluate,
)
from mailbot.checklist.tb_exempt import TbExemptList, load_tb_exempt_list

__all__ = [
    "REQUIREMENTS",
    "Checklist",
    "DocumentFact",
    "ItemStatus",
    "PassportFacts",
    "Problem",
    "TbExemptList",
    "evaluate",
    "load_tb_exempt_list",
]
