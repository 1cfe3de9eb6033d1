"""The dashboard's pure safety decisions: login throttle window, CSRF comparison, loopback."""

from __future__ import annotations

from mailbot.web.security import LoginThrottle, csrf_matches, is_loopback


def test_throttle_counts_per_client_and_per_account_within_the_window() -> None:
    throttle = LoginThrottle(attempts=2, window=60)
    for _ in range(2):
        assert throttle.allowed("10.0.0.1", "hr@example.com", 0)
        throttle.failed("10.0.0.1", "hr@example.com", 0)
    assert not throttle.allowed("10.0.0.1", "other@example.com", 1)  # the client is blocked
    assert not throttle.allowed("10.0.0.2", "HR@example.com", 1)     # and so is the account
    assert throttle.allowed("10.0.0.2", "other@example.com", 1)
    assert throttle.allowed("10.0.0.1", "hr@example.com", 61)         # the window has passed


def test_csrf_needs_a_token_on_both_sides_and_equal() -> None:
    assert csrf_matches("abc", "abc")
    assert not csrf_matches("abc", "abd")
    assert not csrf_matches(None, None) and not csrf_matches("", "")
    assert not csrf_matches("abc", None)


def test_loopback_hosts() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("127.5.0.1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("10.1.2.3")
    assert not is_loopback("hr.example.com")


def test_throttle_forgets_expired_keys_when_it_grows() -> None:
    throttle = LoginThrottle(attempts=5, window=60, max_keys=10)
    for number in range(20):
        throttle.failed("10.0.0.1", f"user{number}@example.com", 0)
    throttle.failed("10.0.0.9", "late@example.com", 120)
    assert len(throttle._failures) <= 3
