"""Resolve step `resolve_actors`: every event's actors normalised against the actor dictionary.

Records in, records out. For each actor: country (alpha-3), PLOVER sector, ACLED actor type,
inter code and ACLED-style name from `eventwire.knowledge.actors`; a state named as the agent of
violence acts through its military. With the event's place known (filled by the geo step before
this one), a territorial event is re-typed: state forces taking ground in their own country
"regain territory", foreign forces taking it "overtake territory" (ACLED's convention).
"""

from __future__ import annotations

from datetime import date

import pycountry

from eventwire.knowledge.actors import ACLED_INTER, acled_state_name, country_name, lookup_actor, state_name_on
from eventwire.records import AcledType, Actor, Event, Extraction

VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}


def _alpha3(alpha2: str | None) -> str | None:
    if not alpha2:
        return None
    country = pycountry.countries.get(alpha_2=alpha2.upper())
    return country.alpha_3 if country is not None else None


def normalise_actor(actor: Actor | None, violent: bool = False) -> Actor | None:
    """Fill what the dictionary knows about an actor, keeping what is already set."""
    if actor is None:
        return None
    found = lookup_actor(actor.text) if actor.text else None
    update: dict[str, object] = {}
    if found is not None:
        for key in ("country", "sector", "acled_type", "name"):
            if getattr(actor, key) is None and getattr(found, key) is not None:
                update[key] = getattr(found, key)
    # the fields decided first, the record copied once (each assignment would validate the field again)
    country = update.get("country", actor.country)
    sector = update.get("sector", actor.sector)
    acled_type = update.get("acled_type", actor.acled_type)
    name = update.get("name", actor.name)
    if acled_type and actor.inter_code is None:
        update["inter_code"] = ACLED_INTER.get(str(acled_type))
    if violent and isinstance(country, str) and len(country) == 3 and country.isalpha() and (
            sector is None or (sector == "GOV" and str(name or "").startswith("Government of"))):
        update.update(sector="MIL", acled_type="State forces", inter_code=1, name=acled_state_name(country, "MIL"))
    return actor.model_copy(update=update)


def _territory(event: Event) -> Event:
    if not event.acled or event.acled.event_type != "Battles" or "territory" not in (event.rule or ""):
        return event
    if event.place is None or event.actor1 is None or not event.actor1.country:
        return event
    where = _alpha3(event.place.country_code)
    if where is None:
        return event
    state = event.actor1.acled_type == "State forces"
    sub = event.acled.sub_event_type
    if state and event.actor1.country == where and sub == "Non-state actor overtakes territory":
        sub = "Government regains territory"
    elif (not state or event.actor1.country != where) and sub == "Government regains territory":
        sub = "Non-state actor overtakes territory"
    if sub != event.acled.sub_event_type:
        event.acled = AcledType(event_type="Battles", sub_event_type=sub)
        event.rule = f"{event.rule}+place:{where}"
    return event


def _dated(actor: Actor | None, on: date | None) -> Actor | None:
    """A state actor named for the government in power on the event's date (ACLED's periods)."""
    if actor is None or on is None:
        return actor
    name = state_name_on(actor.name, actor.country, on)
    return actor if name == actor.name else actor.model_copy(update={"name": name})


def _local_victims(event: Event, violent: bool) -> Actor | None:
    """Civilians hit in a violent event whose words name no country ("killing three civilians") are
    the people of the place it happened in (the geo step ran before this one), not a guess from the
    sentence, which often names only the attacker ("Russian forces shelled Kupiansk, killing ...")."""
    victims = event.actor2
    if not violent or victims is None or victims.sector != "CVL" or event.place is None:
        return victims
    where = _alpha3(event.place.country_code)
    if where is None or where == victims.country:
        return victims
    named = lookup_actor(victims.text) if victims.text else None
    if named is not None and named.country:
        return victims  # "three Palestinians", "Russian civilians": their own words say whose
    name = victims.name if victims.name and not victims.name.startswith("Civilians (") else None
    return victims.model_copy(update={"country": where, "name": name or f"Civilians ({country_name(where)})"})


def resolve_actors(extraction: Extraction) -> Extraction:
    events = []
    for e in extraction.events:
        violent = bool(e.acled and e.acled.event_type in VIOLENT) or bool(e.plover and e.plover.type == "ASSAULT")
        on = e.when.start if e.when is not None and e.when.start is not None else extraction.article.published
        e = e.model_copy(update={"actor2": _local_victims(e, violent)})
        e = e.model_copy(update={
            "actor1": _dated(normalise_actor(e.actor1, violent), on),
            "actor2": _dated(normalise_actor(e.actor2, False), on),
            "assoc_actors": [a for a in (_dated(normalise_actor(x), on) for x in e.assoc_actors) if a is not None],
        })
        events.append(_territory(e))
    return extraction.model_copy(update={"events": events})


__all__ = ["normalise_actor", "resolve_actors"]
