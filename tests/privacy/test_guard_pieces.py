"""The guard reads a long output file in overlapping pieces (memory stays small at thousands of
people); nothing private may slip between two pieces."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from trellis.loading import load_journal
from trellis.privacy.audience import Audience
from trellis.privacy.guard import leaks
from trellis.privacy.site_text import OVERLAP, PIECE, pieces
from trellis.privacy.view import View


@settings(max_examples=200, deadline=None)
@given(
    size=st.integers(64, 4000),
    overlap=st.integers(1024, 2048),
    length=st.integers(0, 20000),
    rng=st.randoms(use_true_random=False),
    data=st.data(),
)
def test_every_stretch_shorter_than_the_overlap_lies_whole_in_one_piece(size, overlap, length, rng, data):
    size = max(size, overlap + 600)
    # words, spaces and tags, or a run with neither (a piece may then start anywhere)
    alphabet = rng.choice(["ab <>", "ab", "a" * 30 + " >"])
    text = "".join(rng.choice(alphabet) for _ in range(length))
    parts = list(pieces(text, size, overlap))
    assert "".join(parts[:1]) == text[: len(parts[0])] and all(len(p) <= size for p in parts)
    start = data.draw(st.integers(0, max(0, length - 1)))
    stretch = text[start : start + overlap - 512]
    assert any(stretch in part for part in parts)


def _journal(tmp_path):
    (tmp_path / "contacts").mkdir()
    (tmp_path / "contacts" / "zebulon-quartermaine.md").write_text(
        "---\nname: Zebulon Quartermaine\nrole: Engineering Manager\nemail: zq@example.com\n---\n"
        "He told me about the platform rewrite nobody outside the team knows of yet.\n"
    )
    return load_journal(tmp_path)


def test_a_name_or_a_note_across_a_pieces_edge_in_a_big_search_index_stops_the_build(tmp_path):
    view = View(_journal(tmp_path), Audience.PUBLIC)
    filler = "lorem ipsum dolor " * 20000  # 360,000 characters: two pieces and more
    for secret in (
        "Zebulon Quartermaine",
        "Zebulon\\u00a0Quartermaine",
        "zq@example.com",
        "He told me about the platform rewrite nobody outside the team knows of yet",
    ):
        prefix = '{"docs": [{"text": "'
        # where the secret starts in the file: across the first piece's end, at the start of
        # the overlap, just after the first piece, and near the end of the file
        for start in (PIECE - 6, PIECE - len(secret) // 2, PIECE - OVERLAP + 3, PIECE + 5, len(filler) - 5):
            at = start - len(prefix) - 1
            text = prefix + filler[:at] + f" {secret} " + filler[at:] + '"}]}'
            assert text.index(secret) == start
            assert leaks(view, [("search/search_index.json", text)]), (secret, at)
    assert leaks(view, [("search/search_index.json", json.dumps({"docs": [{"text": filler}]}))]) == []
