"""The company pages' IDs (metrics/companies.py): a slug of the name, stable and collision-safe."""

from __future__ import annotations

import hashlib

from trellis.metrics.companies import company_ids, slug


def _digits(folded: str) -> str:
    return hashlib.sha1(folded.encode()).hexdigest()[:6]


def test_a_company_id_is_a_slug_of_its_name():
    assert slug("Acme Pay") == "acme-pay"
    assert slug("  Café Ünion & Co. ") == "cafe-union-co"
    assert slug("Wayne Tech") == "wayne-tech"
    # a long name is cut at 60 characters (never ending on a hyphen)
    assert slug("Internationale Kommunikationsgesellschaft für Nachhaltige Infrastruktur und Energie") == (
        "internationale-kommunikationsgesellschaft-fur-nachhaltige-in"
    )


def test_two_names_with_one_slug_get_two_ids_and_the_first_by_name_keeps_the_plain_one():
    names = {"acme pay": "Acme Pay", "acme-pay!": "Acme-Pay!", "stripe": "Stripe"}
    ids = company_ids(sorted(names), names)
    # "acme pay" sorts before "acme-pay!" (a space before a hyphen): it keeps acme-pay
    assert ids == {"acme pay": "acme-pay", "acme-pay!": f"acme-pay-{_digits('acme-pay!')}", "stripe": "stripe"}
    # the same company has the same ID whatever else the journal holds (no collision: no change)
    assert company_ids(["stripe"], {"stripe": "Stripe"}) == {"stripe": "stripe"}


def test_a_name_with_no_latin_letter_gets_an_id_all_the_same():
    names = {"株式会社": "株式会社", "ソニー": "ソニー"}
    ids = company_ids(sorted(names), names)
    assert ids == {key: f"company-{_digits(key)}" for key in names}
    assert len(set(ids.values())) == 2


def test_a_company_named_index_does_not_take_the_index_page():
    names = {"index": "Index", "index ltd": "Index Ltd"}
    ids = company_ids(sorted(names), names)
    assert ids == {"index": f"index-{_digits('index')}", "index ltd": "index-ltd"}
