"""The serve memo's one rule (trellis/memo.py): a value is reused while its inputs are equal,
and a compartment told to forget keeps only what was asked for since it was last told."""

from __future__ import annotations

from trellis.memo import MISSING, Kept, ServeMemo


def test_a_value_is_reused_while_its_inputs_are_equal():
    kept, calls = Kept(), []

    def compute(value):
        calls.append(value)
        return value

    assert kept.get("a", (1,), lambda: compute("first")) == "first"
    assert kept.get("a", (1,), lambda: compute("again")) == "first"
    assert kept.get("a", (2,), lambda: compute("changed")) == "changed"
    assert calls == ["first", "changed"]
    assert kept.find("a", (1,)) is MISSING and kept.find("a", (2,)) == "changed"


def test_forget_unused_keeps_what_was_asked_for_since_the_last_call():
    kept = Kept()
    kept.get("a", None, lambda: 1)
    kept.get("b", None, lambda: 2)
    kept.forget_unused()
    assert len(kept) == 2
    kept.get("a", None, lambda: 3)  # b is not asked for this round: forgotten
    kept.forget_unused()
    assert kept.find("a", None) == 1 and kept.find("b", None) is MISSING


def test_each_kind_has_its_own_compartment():
    memo = ServeMemo()
    memo.figures.get("graph", (), lambda: "g")
    assert memo.pages.find("graph", ()) is MISSING
