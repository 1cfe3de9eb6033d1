"""Document understanding for mailbot: bytes in, a `Classification` out.

    from classifiers import classify
    verdict = classify(data, filename="scan.pdf")
    verdict.kind, verdict.confidence, verdict.reasons, verdict.filled, verdict.passport

No email, no database: the service and the CLI build on this.
"""

from classifiers.classify import classify, clear_caches
from classifiers.limits import Limits
from classifiers.types import Classification, Kind, PageVerdict, PassportData, ReadError

__all__ = ["Classification", "Kind", "Limits", "PageVerdict", "PassportData", "ReadError",
           "classify", "clear_caches"]
