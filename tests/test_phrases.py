"""The phrase matcher behind the privacy guard and the public view's redaction."""

from __future__ import annotations

from trellis.phrases import Phrases


def test_first_finds_whole_words_in_any_case():
    phrases = Phrases(["Ken Chen 29", "zq-secret@example.com"])
    assert phrases.first("<p>Lunch with KEN CHEN 29.</p>") == "ken chen 29"
    assert phrases.first("Ken Chen 2967 is public") is None  # a longer name, not this one
    assert phrases.first('{"text":"mail zq-secret@example.com"}') == "zq-secret@example.com"
    assert Phrases([]).first("anything") is None


def test_replace_words_takes_the_longest_leftmost_phrase():
    labels = {"ada": "a developer", "ada lovelace": "an engineering manager", "grace": "a recruiter"}
    phrases = Phrases(labels)
    text = "Ada Lovelace met Grace; Adam and ada-2 did not. Straße Ada."
    assert phrases.replace_words(text, labels.__getitem__) == \
        "an engineering manager met a recruiter; Adam and a developer-2 did not. Straße a developer."


def test_replace_words_where_casefolding_lengthens_the_text():
    labels = {"ada": "a developer", "jörg weiss": "a recruiter"}  # the keys casefolded, as `replacement` gets them
    phrases = Phrases(labels)
    # "İ" and "ß" each fold to two characters: the names after them are replaced all the same
    assert phrases.replace_words("İstanbul: Ada met JÖRG WEISS and Jörg Weiß.", labels.__getitem__) == \
        "İstanbul: a developer met a recruiter and a recruiter."


def test_twenty_thousand_phrases_in_one_automaton():
    names = [f"person number {n}" for n in range(20000)]
    phrases = Phrases(names)
    text = "nothing to see here " * 5000 + " person number 19999"
    assert phrases.first(text) == "person number 19999"
