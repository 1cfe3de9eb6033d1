"""Who sent a mail and whether we may answer it: pure, no database, no network.

`decision.decide(parsed, raw, policy) -> Intake` runs the chain of small named rules in
`rules.py` (GNU Mailman's rules-and-chains style); `relay.py` finds the writer of a mail a
group, form or forwarder sent in its own name; `authentication.py` reads the operator's
`Authentication-Results`. The process step applies the outcome in one transaction.
"""

from mailbot.intake.decision import (
    Action,
    Intake,
    IntakePolicy,
    decide,
    facts_of,
    reply_thread,
)

__all__ = ["Action", "Intake", "IntakePolicy", "decide", "facts_of", "reply_thread"]
