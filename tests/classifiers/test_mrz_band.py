"""The zone search's row measure: the longest run of ink per row, leftmost among equals."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from classifiers.mrz_band import _longest_runs


def _by_hand(row: list[bool]) -> tuple[int, int]:
    """(length, start) of the first longest run of True, walked through with groupby."""
    best_length, best_start, position = 0, 0, 0
    for inked, group in itertools.groupby(row):
        length = len(list(group))
        if inked and length > best_length:
            best_length, best_start = length, position
        position += length
    return best_length, best_start


@given(arrays(np.bool_, st.tuples(st.integers(1, 12), st.integers(1, 40))))
def test_longest_runs_per_row_match_a_walk_through_each_row(mask: np.ndarray) -> None:
    lengths, starts = _longest_runs(mask)
    assert [(int(a), int(b)) for a, b in zip(lengths, starts, strict=True)] == [
        _by_hand(row.tolist()) for row in mask]


def test_equal_runs_give_the_leftmost_and_empty_rows_zero() -> None:
    mask = np.array([[1, 1, 0, 1, 1, 0, 1, 1, 1], [0] * 9, [0, 1, 1, 1, 0, 1, 1, 1, 0]],
                    dtype=bool)
    lengths, starts = _longest_runs(mask)
    assert lengths.tolist() == [3, 0, 3] and starts.tolist() == [6, 0, 1]
