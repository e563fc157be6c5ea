"""The ACLED and PLOVER taxonomies as data: counts, exact strings, precedence, mapping."""

from __future__ import annotations

from eventwire.knowledge.taxonomy import taxonomy


def test_acled_has_6_types_and_25_sub_types_with_exact_strings() -> None:
    tax = taxonomy()
    assert tax.acled_types() == ["Battles", "Protests", "Riots", "Explosions/Remote violence",
                                 "Violence against civilians", "Strategic developments"]
    assert len(tax.sub_types()) == 25
    assert "Shelling/artillery/missile attack" in tax.sub_types()
    assert "Air/drone strike" in tax.sub_types()
    assert tax.event_type_of("Remote explosive/landmine/IED") == "Explosions/Remote violence"


def test_plover_has_16_types_with_modes() -> None:
    tax = taxonomy()
    assert len(tax.plover) == 16
    assert tax.is_valid_plover("ASSAULT", "drone")
    assert tax.is_valid_plover("COERCE", "martial-law")
    assert not tax.is_valid_plover("ASSAULT", "martial-law")


def test_precedence_follows_acled_order() -> None:
    tax = taxonomy()
    assert tax.precedence("Non-state actor overtakes territory") < tax.precedence("Armed clash")
    assert tax.precedence("Armed clash") < tax.precedence("Air/drone strike")
    assert tax.precedence("Air/drone strike") < tax.precedence("Shelling/artillery/missile attack")
    assert tax.precedence("Other") > tax.precedence("Arrests")


def test_mapping_between_schemes_is_valid() -> None:
    tax = taxonomy()
    for sub in tax.acled:
        ptype, mode = sub.plover
        if ptype is not None:
            assert tax.is_valid_plover(ptype, mode), sub.name
    for ptype, (et, st) in tax.plover_fallback.items():
        assert ptype in tax.plover
        assert tax.is_valid_acled(et, st)
    assert tax.normalise_plover("DEMAND") == "REQUEST"
    assert tax.normalise_plover("fight") == "ASSAULT"
