"""spaCy component `eventwire_toponyms`: writes span group `TOPONYMS` with payload `span._.toponym`.

Where the names come from:
1. spaCy's GPE / LOC entities (FAC when the gazetteer knows the name);
2. entities the small model mislabels (Kursk as PRODUCT, Belgorod as NORP, a town as PERSON or ORG)
   and untagged proper nouns, when the gazetteer has the name and the words around it say "place":
   a locative preposition ("in", "into", "near", "from"), a region or town word ("the Kursk
   region", "the town of Sudzha", "Donetsk Oblast"), "X-based", or a well-known place (a country,
   a first-level region, a city of 100,000+);
3. the dateline place (`doc._.dateline`, e.g. KYIV).
Rejected: demonyms ("Russian", "Ukrainian"), capitalised common words ("Since", "More", "Four",
from `knowledge/data/geo/cues.yaml`) and person names ("Vladimir" in "Vladimir Putin").

Payload (plain data): {"name", "hint" ("region" | "town" | None), "container" (the region written
beside it, e.g. "Kursk"), "near" (ACLED precision 2 cue), "territory" ("deeper into"), "source"}.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.knowledge.gazetteer import get_gazetteer
from eventwire.knowledge.gazetteer.context import cues, span_context, split_region_word
from eventwire.knowledge.gazetteer.demonyms import demonym_country
from eventwire.knowledge.gazetteer.store import Gazetteer
from eventwire.nlp.layers import TOPONYMS, doc_text, doc_tokens

if not Span.has_extension("toponym"):
    Span.set_extension("toponym", default=None)

PLACE_LABELS = frozenset({"GPE", "LOC"})
COUNTY_HOSTS = frozenset({"ORG", "FAC", "EVENT", "GPE", "LOC", "PERSON"})
COUNTY_WORDS = frozenset({"county", "parish", "borough"})
INSTITUTION_WORDS = frozenset({"police", "city", "fire", "town", "township", "village", "municipal", "public",
                               "regional", "metro", "area", "high", "middle", "elementary", "superior", "circuit",
                               "district", "board", "historical", "convention", "chamber", "library",
                               "community", "department", "sheriff", "mayor", "council", "commonwealth"})
PREFIX_WORDS = frozenset({"new", "north", "south", "east", "west", "upper", "lower", "fort", "port", "mount", "saint",
                          "st.", "lake", "glen", "grand", "little", "great", "old"})
MAYBE_LABELS = frozenset({"FAC", "NORP", "PRODUCT", "ORG", "PERSON", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
LOCATIVE = frozenset({"in", "into", "near", "from", "at", "to", "across", "outside", "around", "toward", "towards",
                      "of", "via", "through", "throughout", "within", "inside", "between", "and", "nearby",
                      "reach", "reached", "entered", "captured", "shelled", "struck", "hit", "attacked", "visited",
                      "left", "fled", "liberated", "seized", "took", "downtown", "retook", "recaptured", "bombed",
                      "besieged", "stormed", "overran", "encircled"})
WEAK_LOCATIVE = frozenset({"of", "and", "to", "at", "between", "via", "reach", "visited", "left", "took"})
STRONG_LOCATIVE = LOCATIVE - WEAK_LOCATIVE  # words that locate what follows; the weak ones precede people too
MAX_TOKENS = 5
# Lower-case words inside place names ("Mocimboa da Praia", "Rio de Janeiro", "Sharm el-Sheikh",
# "Dar es Salaam", "Ciudad del Este"): a run of capitalised words may go on through them.
NAME_PARTICLES = frozenset({"of", "-", "da", "de", "do", "dos", "das", "del", "di", "du", "des", "la", "le", "el",
                            "al", "es", "en", "sur", "am", "an"})
BIG_PLACE = 100_000


# Words that extend a name into a division's name ("Kursk region", "Donetsk Oblast", "Rapides Parish").
EXTEND_WORDS = frozenset({"region", "oblast", "province", "county", "parish", "district", "raion", "rayon", "krai",
                          "kray", "governorate", "prefecture", "voivodeship", "canton", "okrug"})
COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                     "northern", "southern", "eastern", "western", "central", "north-east", "north-west",
                     "south-east", "south-west", "upstate", "downstate", "greater"})
# Lower-case words that still belong to the name: post-Soviet usage ("the Kursk region" is Kursk Oblast).
LOWER_EXTEND = frozenset({"region", "oblast", "raion", "rayon", "krai"})
# Words the small model glues onto a place ("Fargo City", "Ohio Department", "Columbia State").
TRIM_WORDS = frozenset({"city", "state", "department", "police", "university", "college", "school", "council",
                        "government", "officials"})


def _is_generic(word: str) -> bool:
    return word.lower() in EXTEND_WORDS


_REGION_WORDS: frozenset[str] | None = None


def _region_words() -> frozenset[str]:
    global _REGION_WORDS
    if _REGION_WORDS is None:
        _REGION_WORDS = frozenset(w.lower() for w in cues().region_words if " " not in w)
    return _REGION_WORDS


class ToponymFinder:
    """The component: callable on a Doc, holding the gazetteer it matches against."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._gaz = gazetteer

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = get_gazetteer()
        return self._gaz

    # -- helpers ---------------------------------------------------------------------------------
    def _known(self, text: str, strict: bool = False) -> bool:
        """Is it a gazetteer name? `strict`: its own name, or an alternate name of a well-known place
        (so "White House", an old alternate name of Casablanca, is not taken for a place)."""
        stem, region = split_region_word(_strip(text))
        if not strict:
            return self.gaz.has_name(stem)
        return any(c.kind == 0 or (region and c.kind <= 2) or self._big(c) for c in self.gaz.candidates(stem))

    def _town(self, text: str) -> bool:
        """A town under its own name (a one-word "person" the model was unsure of: "Alexandria")."""
        return any(c.kind == 0 and c.row.level == "populated_place" and c.row.population >= 5_000
                   for c in self.gaz.candidates(_strip(text)))

    @staticmethod
    def _big(c: Any) -> bool:
        return bool(c.kind <= 1 and (c.row.level in ("country", "admin1") or (
            c.row.level == "populated_place" and c.row.population >= BIG_PLACE)))

    def _salient(self, text: str, own_name: bool = False) -> bool:
        """A well-known place: a country, a first-level region or a big city (`own_name`: under its
        own name, not an alternate one: "Lion" in "Lion Air" is not Lyon)."""
        stem, _ = split_region_word(_strip(text))
        return any(self._big(c) and (c.kind == 0 or not own_name or c.row.level in ("country", "admin1"))
                   for c in self.gaz.candidates(stem))

    def _country(self, text: str) -> bool:
        """A country's own name: never a person's name, even where the model read "Rethinking Egypt" as one."""
        return any(c.kind == 0 and c.row.level == "country" for c in self.gaz.candidates(text))

    def _rejected(self, span: Span) -> bool:
        text = _strip(span.text)
        if not text or not text[0].isupper() or (
                ((text in person_names(span.doc) or text in vehicle_makes(span.doc)) and not self._country(text)
                 and not _located(span))
                or (text in titled_names(span.doc) and not self._salient(text, own_name=True))):
            return True
        if span[-1].lower_ in ("of", "de", "the", "and"):
            return True  # "the City of" (of "the City of Huntsville"): a name's head, not a name
        alpha = [t for t in span if t.is_alpha]
        if demonym_country(text) is not None or (alpha and all(demonym_country(t.text) for t in alpha)):
            return True
        stem, _ = split_region_word(text)
        if stem.strip(".").lower() in cues().not_places:
            return True
        if span.end < len(span.doc) and span.doc[span.end].text in cues().masthead_words:
            return True  # "the New York Times reported": the paper, not the place
        if text in cues().disease_names:
            return True  # "to combat Ebola in Africa": the disease
        k = span.end
        while k < len(span.doc) and span.doc[k].text in ("[", "(", "\"", "“"):
            k += 1  # "West Nile [virus]", "Ebola (virus)"
        for _ in range(3):  # "Marburg hemorrhagic fever", "Rift Valley fever"
            nxt = span.doc[k] if k < len(span.doc) else None
            if nxt is None or not nxt.is_alpha:
                break
            if nxt.lower_ in cues().eponym_words:
                return True  # "West Nile virus", "Marburg fever", "Spanish flu": named after, not at, a place
            if not nxt.is_lower or nxt.lower_ not in _DISEASE_ADJECTIVES:
                break
            k += 1
        words = [t for t in span if not t.is_punct]
        if len(words) == 1:
            t = words[0]
            if t.text.strip(".").lower() in cues().not_places or t.like_num or (t.is_stop and t.is_sent_start):
                return True
            nxt = span.doc[span.end] if span.end < len(span.doc) else None
            if nxt is not None and nxt.lower_ in cues().speech_verbs and not self._salient(text):
                return True  # "Petrova said": a person; "Moscow said" stays a place (its government)
        return False

    def _persons_by_vote(self, doc: Doc) -> set[str]:
        """One-word names the model calls a person in this story at least twice and at least twice as
        often as the story places them (a place label, or a locating word before: "in X", "around X")
        ("they stabbed Welch", "Welch ran", "stolen from Welch"), unless the name is
        a town of some size, a region or a country (the surname "Guerrero" is also the Mexican state): a
        small namesake is no reason to take the person for a place."""
        toks = doc_tokens(doc)
        persons: Counter[str] = Counter()
        places: Counter[str] = Counter()
        for e in doc.ents:
            if len(e) != 1:
                continue
            prev = toks[e.start - 1].lower_ if e.start > 0 else ""
            if e.label_ in PLACE_LABELS or (prev in STRONG_LOCATIVE and prev != "from"):
                places[e.text] += 1  # "in Jowhar", "around Jowhar" count for the place whatever the label
            elif e.label_ == "PERSON":
                persons[e.text] += 1
        return {name for name, n in persons.items() if n >= 2 and n >= 2 * places[name]
                and not self._town(name) and not self._salient(name)}

    def _cue(self, doc: Doc, span: Span, strong: bool = False) -> bool:
        """Do the words around say "place"? (`strong`: not "of", "and", "to" ..., which precede people too)"""
        doc_toks = doc_tokens(doc)
        prev = doc_toks[span.start - 1] if span.start > 0 else None
        if prev is not None and prev.lower_ in (STRONG_LOCATIVE if strong else LOCATIVE):
            return True
        if prev is not None and prev.text in ("'s", "’s") and span.start > 1:
            return True
        nxt = doc_toks[span.end] if span.end < len(doc) else None
        if nxt is not None and (nxt.lower_ in _region_words() or (nxt.text in ("-", "–")
                                and span.end + 1 < len(doc) and doc_toks[span.end + 1].lower_ == "based")):
            return True
        ctx = span_context(doc_text(doc), span.start_char, span.end_char)
        # a container only when it is a place ("Bell in July" or "Smith, Jones" say nothing)
        return bool(ctx.hint or ctx.near or ctx.territory or (ctx.container and self._known(ctx.container)))

    def _conjunct_of_place(self, doc: Doc, span: Span, found: list[tuple[Span, str]]) -> bool:
        """A one-word name the model calls a person, written right after "<place> and" or "<place>,"
        ("shelling hit Bakhmut and Avdiivka"), that the gazetteer has as a town of 10,000+ in the
        country of the place before it: coordinated with a place, it is one."""
        if span.start < 2 or doc_tokens(doc)[span.start - 1].lower_ not in ("and", "or", ","):
            return False
        before = next((sp for sp, _src in found if sp.end == span.start - 1), None)
        if before is None:
            return False
        countries = {c.row.country_code for c in self.gaz.candidates(_strip(before.text))}
        return any(c.row.level == "populated_place" and c.row.population >= 10_000 and c.kind <= 1
                   and c.row.country_code in countries for c in self.gaz.candidates(_strip(span.text)))

    def _extend(self, doc: Doc, span: Span) -> Span:
        """Take in a following region word ("Kursk" + "region", "Donetsk" + "Oblast")."""
        doc_toks = doc_tokens(doc)
        end = span.end
        while end - span.start > 1 and doc_toks[end - 1].text in ("'s", "’s", "'", "’"):
            end -= 1  # "United Kingdom's"
        if end < len(doc) and _is_generic(doc_toks[end].text) and not _is_generic(doc_toks[end - 1].text) and (
                doc_toks[end].text[:1].isupper() or doc_toks[end].lower_ in LOWER_EXTEND):
            # "Donetsk Oblast", "Rapides Parish", "the Kursk region" (but not "Anhui province")
            end += 1
        start = span.start
        if doc_toks[start].lower_ == "the":
            start += 1
        while end - start > 1 and doc_toks[end - 1].lower_ in TRIM_WORDS and not self.gaz.has_name(doc[start:end].text) \
                and self._known(doc[start:end - 1].text):
            end -= 1
        # "Northeast Georgia", "Southern Sudan": the place is the name after the direction word
        while end - start > 1 and doc_toks[start].lower_ in COMPASS and not self.gaz.has_name(doc[start:end].text) \
                and self._known(doc[start + 1:end].text):
            start += 1
        # "New London", "East Hampton", "South Charleston": a capitalised prefix word outside the entity
        # when the gazetteer knows the longer name under its own name
        if start > 0 and start == span.start and doc_toks[start - 1].lower_ in PREFIX_WORDS \
                and doc_toks[start - 1].text[:1].isupper() and self._own(doc[start - 1:end].text):
            start -= 1
        return doc[start:end] if start < end else span

    def _county_prefix(self, doc: Doc, ent: Span) -> Span | None:
        """The "<Name> County" / "<Name> Parish" an organisation's or facility's name starts with, when the
        gazetteer has it as a second-level division."""
        doc_toks = doc_tokens(doc)
        start = ent.start + (1 if ent[0].lower_ == "the" else 0)
        for k in range(start + 1, min(ent.end, start + 4)):
            if doc_toks[k].lower_ in COUNTY_WORDS and doc_toks[k].text[:1].isupper():
                sub = doc[start:k + 1]
                if all(_capitalised(t) for t in sub) and any(
                        c.kind <= 1 and c.row.level == "admin2" for c in self.gaz.candidates(sub.text)):
                    return sub
                return None
        # "Huntsville Police Department", "Gainesville City Council": a town's own name before a
        # local institution word
        at = next((k for k in range(start + 1, min(ent.end, start + 4)) if doc_toks[k].lower_ in INSTITUTION_WORDS),
                  None)  # (up to three words: "Mount Pleasant City Council", "Rock Hill Fire Department")
        if ent.label_ in ("ORG", "FAC") and at is not None:
            sub = doc[start:at]
            if all(_capitalised(t) for t in sub) and not self._rejected(sub) and any(
                    c.kind == 0 and c.row.level in ("populated_place", "admin1") and c.row.population >= 5_000
                    for c in self.gaz.candidates(sub.text)):
                return sub
        return None

    def _caps_dateline(self, doc: Doc) -> Span | None:
        """An all-capitals place name opening the story or its body before a comma or dash ("BEIRUT,
        Lebanon --", "<headline>. MANSFIELD — The council ..."), when no dateline component ran: the
        gazetteer must have it under its own name."""
        doc_toks = doc_tokens(doc)
        for i in range(min(len(doc), 80)):
            if i and not (doc_toks[i - 1].text in (".", "!", "?") or doc_toks[i - 1].like_num or doc_toks[i].is_sent_start):
                continue
            end = i
            while end < min(len(doc), i + 4) and doc_toks[end].is_alpha and doc_toks[end].text.isupper():
                end += 1
            if end == i or end >= len(doc) or doc_toks[end].text not in (",", "-", "--", "—", "–", ":", "("):
                continue
            span = doc[i:end]
            if len(span.text) >= 4 and span.text.lower() not in cues().not_places and self._own(span.text.title()):
                return span
            return None
        return None

    def _division_lists(self, doc: Doc) -> list[Span]:
        """Names listed before a plural division word: "in Becker, Clay, Otter Tail and Wilkin counties"."""
        doc_toks = doc_tokens(doc)
        plurals = dict(cues().division_plurals)
        out: list[Span] = []
        for i, tok in enumerate(doc):
            if i == 0 or tok.lower_ not in plurals or not _capitalised(doc_toks[i - 1]):
                continue
            j = i - 1
            while j >= 0:
                end = j + 1
                while j >= 0 and end - j <= MAX_TOKENS and _capitalised(doc_toks[j]):
                    j -= 1
                run = doc[j + 1:end]
                if len(run) == 0 or len(run) >= MAX_TOKENS or self._rejected(run):
                    break
                if self.gaz.has_name(run.text) or self.gaz.has_name(f"{run.text} {tok.text[:-1]}"):
                    out.append(run)
                if j >= 0 and doc_toks[j].lower_ in ("and", "or", "&"):
                    j -= 1
                if j >= 0 and doc_toks[j].text == ",":
                    j -= 1
                if j < 0 or not _capitalised(doc_toks[j]) or doc_toks[j + 1].text not in (",", "and", "or", "&"):
                    break
        return out

    def _party_towns(self, doc: Doc) -> list[Span]:
        """A legislator's home town after the party letter: "Rep. Torrey Westrom, R-Elbow Lake, said"."""
        text = doc_text(doc)
        out: list[Span] = []
        for m in _party_pattern().finditer(text):
            span = doc.char_span(m.start("town"), m.end("town"), alignment_mode="expand")
            if span is not None and self.gaz.has_name(m.group("town")):
                out.append(span)
        return out

    def _state_routes(self, doc: Doc) -> list[Span]:
        """A road numbered after its state or system: "KY 52", "US-24", "FM 678", "CR 2202"
        (a whole name, before the model's "KY" alone is taken for the state)."""
        out: list[Span] = []
        for m in _STATE_ROUTE.finditer(doc_text(doc)):
            head = m.group("head")
            if head in _ROUTE_SYSTEMS or any(c.row.level == "admin1" and c.kind <= 1
                                             for c in self.gaz.candidates(head)):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is not None:
                    out.append(span)
        return out

    def _roads(self, doc: Doc) -> list[Span]:
        """Numbered roads and named streets the model left untagged: "State Highway 360", "Gillis Street"."""
        text = doc_text(doc)
        out: list[Span] = []
        for m in _ROAD.finditer(text):
            words = m.group(0).split()
            while words and words[0].strip(".").lower() in cues().not_places \
                    and words[0].lower() not in _ROAD_LEADS:
                words = words[1:]
            if len(words) < 2:
                continue
            start = m.end() - len(" ".join(words))
            span = doc.char_span(start, m.end(), alignment_mode="expand")
            if span is not None and " ".join(words).lower() not in cues().not_places:
                out.append(span)
        return out

    def _abbreviation_dot(self, doc: Doc, span: Span) -> Span:
        """ "Charleston, W.Va." / "in Phila.": the tokenizer splits a sentence-final abbreviation's dot off;
        it belongs to the name when the name is an abbreviation (dotted, or one of the abbreviations of
        `data/geo/aliases.yaml` written with a dot: "Calif.", "Mich.")."""
        doc_toks = doc_tokens(doc)
        if span.end >= len(doc) or doc_toks[span.end].text != "." or doc_toks[span.end - 1].whitespace_:
            return span
        if "." not in span.text and span.text not in _dotted_aliases():
            return span
        return doc[span.start:span.end + 1]

    def _whole_names(self, doc: Doc, found: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
        """Pieces of one country's or region's name found apart become the name: "Democratic Republic" +
        "Congo" -> "Democratic Republic of the Congo", "Guinea" + "Bissau" -> "Guinea-Bissau",
        "Bosnia" + "Herzegovina", and "Republic of China" after "People's" -> "People's Republic of China"."""
        def whole(span: Span) -> bool:
            return any(c.kind <= 1 and c.row.level in ("country", "admin1")
                       for c in self.gaz.candidates(_strip(span.text)))

        out: list[tuple[Span, str]] = []
        for span, source in found:
            if out and source != "dateline" and out[-1][1] != "dateline":
                prev, prev_source = out[-1]
                gap = doc[prev.end:span.start]
                if (len(gap) <= 2 and span.end - prev.start <= MAX_TOKENS
                        and all(t.lower_ in _NAME_JOINS for t in gap) and whole(doc[prev.start:span.end])):
                    out[-1] = (doc[prev.start:span.end], prev_source)
                    continue
            for back in (2, 1):
                start = span.start - back
                if start >= (out[-1][0].end if out else 0) and source != "dateline" \
                        and _capitalised(doc[start]) and doc[start].lower_ not in ("the", "a", "an") \
                        and whole(doc[start:span.end]):
                    span = doc[start:span.end]
                    break
            out.append((span, source))
        return out

    def _own(self, text: str) -> bool:
        return any(c.kind == 0 for c in self.gaz.candidates(_strip(text)))

    # -- the pass --------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[Span, str]] = []
        taken = [False] * len(doc)

        def add(span: Span, source: str) -> None:
            if any(taken[i] for i in range(span.start, span.end)):
                return
            for i in range(span.start, span.end):
                taken[i] = True
            found.append((span, source))

        dateline = doc._.dateline if Doc.has_extension("dateline") else None
        if dateline:
            span = doc.char_span(dateline[0], dateline[1], alignment_mode="expand")
            if span is not None:
                add(span, "dateline")

        if not dateline:
            span = self._caps_dateline(doc)
            if span is not None:
                add(span, "dateline")

        for span in self._division_lists(doc):
            add(span, "pattern")
        for span in self._party_towns(doc):
            add(span, "pattern")
        for span in self._state_routes(doc):
            add(span, "pattern")

        # Words of full person names ("Tim Pawlenty"): a later "Pawlenty" is the person, not a town.
        person_words = {w for w in person_names(doc) if not self._country(w)} | self._persons_by_vote(doc)

        heads = cues().feature_heads
        for ent in doc.ents:
            if ent.label_ in ("FAC", "LOC") and _feature(ent, heads):
                # "Main Street", "Neches River", "Highway 19": a named street or feature, as a whole
                start = ent.start + (1 if ent[0].lower_ == "the" else 0)
                end = ent.end
                if end < len(doc) and doc_tokens(doc)[end].like_num and not ent[-1].like_num:
                    end += 1  # "County Road 43": the number is part of the road's name
                if end - start >= 2:
                    add(doc[start:end], "feature")
                continue
            if ent.label_ in COUNTY_HOSTS:
                sub = self._county_prefix(doc, ent)
                if sub is not None:
                    # "Hall County Environmental Health", "the Walker County Fairgrounds": the county
                    add(sub, "ner+gazetteer")
                    continue
            if ent.label_ in PLACE_LABELS:
                span = self._extend(doc, ent)
                if not self._rejected(span):
                    add(span, "ner")
            elif ent.label_ in MAYBE_LABELS:
                span = self._extend(doc, ent)
                if self._rejected(span):
                    continue
                if ent.label_ == "PERSON" and len(ent) > 1 and _locates(doc, span) \
                        and self.gaz.candidates(_strip(span.text)):
                    add(span, "ner+gazetteer")  # "forces entered Ras al-Ain": a place after a verb of taking ground
                    continue
                if not self._known(span.text):
                    continue
                if ent.label_ == "PERSON" and self._country(_strip(span.text)):
                    add(span, "ner+gazetteer")  # "Sri Lanka's Minister of Posts": a country is no person
                    continue
                if ent.label_ == "PERSON" and len(span) == 1 and self._conjunct_of_place(doc, span, found):
                    add(span, "ner+gazetteer")  # "Bakhmut and Avdiivka", "Lachin and Stepanakert"
                    continue
                if ent.label_ == "PERSON" and len(ent) > 1 and self._salient(span.text) \
                        and self._cue(doc, span, strong=True):
                    add(span, "ner+gazetteer")  # "strikes in Khan Younis": a city of 170,000 after "in"
                    continue
                if ent.label_ == "PERSON" and (len(ent) > 1 or ent.text in person_words):
                    continue  # "Vladimir Putin": a person, whatever the gazetteer says
                if ent.label_ == "PERSON" and len(span) == 1 and span.end < len(doc) \
                        and doc_tokens(doc)[span.end].lower_ in INSTITUTION_WORDS \
                        and self._town(span.text):
                    add(span, "ner+gazetteer")  # "Alexandria Police went to ...": the town's police
                    continue
                if ent.label_ == "PERSON":
                    # A one-word "person" the gazetteer knows as a town: only with a cue ("in X",
                    # ", X," as in "of 1935 Orchard St., Alexandria, was arrested").
                    prev = doc_tokens(doc)[span.start - 1].text if span.start > 0 else ""
                    if self._cue(doc, span, strong=True) or (self._town(span.text) and (
                            prev == "," or self._cue(doc, span))):
                        add(span, "ner+gazetteer")
                    continue
                if _short_caps(span, self.gaz) or (not self._known(span.text, strict=True)
                                         and not self._cue(doc, span, strong=True)):
                    continue
                if self._cue(doc, span) or self._salient(span.text):
                    add(span, "ner+gazetteer")

        # Proper nouns nobody tagged: the longest run the gazetteer knows. The token tests are
        # computed once per token: the search below tries every run of up to MAX_TOKENS words.
        toks = list(doc)
        caps = [_capitalised(t) for t in toks]
        joins = [c or t.lower_ in NAME_PARTICLES for c, t in zip(caps, toks, strict=True)]
        i = 0
        while i < len(doc):
            tok = toks[i]
            if taken[i] or not caps[i] or tok.ent_type_ == "PERSON":
                i += 1
                continue
            hit = None
            run = 1  # tokens from i that may make up a name: capitalised words and "of" / "-"
            while run < MAX_TOKENS and i + run < len(doc) and joins[i + run]:
                run += 1
            for n in range(run, 0, -1):
                if not caps[i + n - 1] or any(taken[k] for k in range(i, i + n)):
                    continue
                cand = doc[i:i + n]
                if self._rejected(cand) or _short_caps(cand, self.gaz):
                    continue
                if self._known(cand.text, strict=True) and (
                        not _inside_entity(doc, cand) or self._salient(cand.text, own_name=True)):
                    hit = cand
                    break
            if hit is not None:
                span = self._extend(doc, hit)
                nxt_word = toks[span.end].lower_ if span.end < len(doc) else ""
                if self._cue(doc, span) or (self._salient(span.text) and (
                        not tok.is_sent_start or nxt_word in cues().speech_verbs)):  # "Kyiv said ..."
                    add(span, "gazetteer")
                    i = span.end
                    continue
            i += 1

        for span in self._roads(doc):
            add(span, "pattern")

        # One sense per story: a name taken as a place once is a place wherever else it is written
        # (the model may call the same word a PERSON in a headline), unless it is part of a person's name.
        names = {_strip(sp.text) for sp, src in found if src != "dateline" and self._known(sp.text, strict=True)}
        # "Avoyelles Parish" in the body: the headline's "Avoyelles" is the parish too
        names |= {stem for stem, region in (split_region_word(n) for n in names)
                  if region and stem[:1].isupper() and " " not in stem.strip() and stem not in person_words}
        if names:
            text = doc.text
            # a mention's first token is the start of one of the names: skip every other token
            prefixes = {n[:k] for n in names for k in range(1, len(n) + 1)}
            for i, tok in enumerate(toks):
                if taken[i] or not caps[i] or tok.text not in prefixes or tok.text in person_words:
                    continue
                for n in range(min(MAX_TOKENS, len(doc) - i), 0, -1):
                    last = toks[i + n - 1]
                    if text[tok.idx:last.idx + len(last.text)] not in names:
                        continue
                    cand = doc[i:i + n]
                    if not any(taken[k] for k in range(i, i + n)) \
                            and (not _inside_entity(doc, cand) or _heads_entity(doc, cand)) \
                            and not self._rejected(cand):  # "Petrova said": that mention is the person
                        if not (cand.end < len(doc) and _capitalised(doc_tokens(doc)[cand.end])):
                            add(cand, "story")
                        break

        found.sort(key=lambda x: x[0].start)
        found = self._whole_names(doc, found)
        spans = []
        for span, source in found:
            span = self._abbreviation_dot(doc, span)
            ctx = span_context(doc_text(doc), span.start_char, span.end_char)
            stem, region = split_region_word(_strip(span.text))
            payload: dict[str, Any] = {"name": stem, "source": source, **ctx.as_payload()}
            if region:
                payload["hint"] = "region"
            span._.toponym = payload
            spans.append(span)
        doc.spans[TOPONYMS] = spans
        return doc


_CAP = re.compile(r"^[A-Z]")
# Words between a place-named disease and its eponym word ("Marburg hemorrhagic fever").
_DISEASE_ADJECTIVES = frozenset({"hemorrhagic", "haemorrhagic", "spotted", "respiratory", "tick-borne", "equine",
                                 "swine", "avian", "bird", "virus"})
_NAME_JOINS = frozenset({"of", "the", "-", "and", "'s", "’s", "&"})
_STATE_ROUTE = re.compile(r"\b(?P<head>[A-Z]{2})(?:(?<!US) |-)\d{1,4}\b(?![.,]\d)")
_ROUTE_SYSTEMS = frozenset({"US", "SR", "FM", "CR", "RR", "SH", "RM"})  # "US" only as "US-24"
_ROAD_LEADS = frozenset({"state", "county", "highway", "route", "interstate", "old", "north", "south", "east", "west",
                         "lake"})
_ROAD = re.compile(
    r"\b(?:(?:State|County|U\.S\.|US|Farm to Market)\s+)?(?:Highway|Route|Interstate|Road|Hwy\.?)\s+\d{1,4}[A-Z]?\b"
    r"|(?:\b[NSEW]\.\s+)?\b(?:[A-Z][a-z]+['’]?\s+){1,3}(?:Street|St\.|Avenue|Ave\.|Boulevard|Blvd\.|Drive|"
    r"Lane|Parkway|Road|Rd\.|Pike|Turnpike|Circle)(?![\w-])"
    r"|\b(?:[A-Z][a-z]+['’]?\s+){1,3}(?:River|Creek|Wilderness|National Forest|National Park|State Park|"
    r"National Lakeshore|Reservoir|Mountains|Canyon)\b"
    r"|\bLake\s+[A-Z][a-z]+\b")


@functools.lru_cache(maxsize=1)
def _party_pattern() -> re.Pattern[str]:
    parties = "|".join(re.escape(p) for p in cues().party_prefixes)
    return re.compile(rf"(?<![\w-])(?:{parties})-(?P<town>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?=\s?[,).;])")


def person_names(doc: Doc) -> frozenset[str]:
    """Words of the doc's multi-word PERSON entities, leaving out what names an institution or an
    owner in them: the model also tags "Maplewood Police" and "Maplewood Commonwealth's Attorney"
    as persons, and "Maplewood" is the town there, not a name of the spokeswoman who follows."""
    names = doc.user_data.get("ew_person_names")
    if names is None:
        names = frozenset(t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in _person_part(e))
        doc.user_data["ew_person_names"] = names
    return names


def _person_part(ent: Span) -> list[Any]:
    """The words of a PERSON entity after its last institution word or inner possessive ("Maplewood
    Police Spokeswoman Dana Quill" → the title and the name; "Tim Pawlenty" → both words)."""
    toks = list(ent)
    if toks and toks[-1].text in ("'s", "’s"):
        toks = toks[:-1]  # "Kristina's": the person's own possessive
    cut = max((k for k, t in enumerate(toks) if t.lower_ in INSTITUTION_WORDS or t.text in ("'s", "’s")), default=-1)
    return toks[cut + 1:]


_MODEL_YEAR = re.compile(r"\b(?:a|an|A|An)\s+(?:19|20)\d\d\s+(?P<make>[A-Z][a-z]+)\s+[A-Z0-9]")


def vehicle_makes(doc: Doc) -> frozenset[str]:
    """Names written as a vehicle's make after its model year ("a 1992 Toyota Corolla", "a 2007 Ford
    Explorer"): the make wherever the story writes it ("driving the Toyota"), not a town of that name."""
    names = doc.user_data.get("ew_vehicle_makes")
    if names is None:
        names = frozenset(m.group("make") for m in _MODEL_YEAR.finditer(doc_text(doc)))
        doc.user_data["ew_vehicle_makes"] = names
    return names


def titled_names(doc: Doc) -> frozenset[str]:
    """Capitalised words written right after a person's title ("President Saakashvili", "Gov. Pawlenty",
    "Prime Minister Tymoshenko"): persons wherever the story writes them."""
    doc_toks = doc_tokens(doc)
    names = doc.user_data.get("ew_titled_names")
    if names is None:
        titles = cues().person_titles
        out = set()
        for i in range(1, len(doc)):
            tok = doc_toks[i]
            if not _capitalised(tok) or not doc_toks[i - 1].text[:1].isupper():
                continue
            prev = doc_toks[i - 1].text.lower()
            two = doc[i - 2:i].text.lower() if i >= 2 else ""
            if prev in titles or two in titles:
                out.add(tok.text)
        names = frozenset(out)
        doc.user_data["ew_titled_names"] = names
    return names


_ABBR = re.compile(r"^(?:[A-Z][a-z]{0,4}\.){1,3}$")  # St. / W.Va. / D.C.


def _located(span: Span) -> bool:
    """A mention the model tags as a place, right after a word that locates ("the election in Sochi"):
    a place, even where a person's name in the story has the same word (a headline the model read as
    "Ivanov Joins Sochi")."""
    if span[0].ent_type_ not in PLACE_LABELS or span.start == 0:
        return False
    toks = doc_tokens(span.doc)
    prev = toks[span.start - 1].lower_
    if span.end < len(toks) and toks[span.end].text in ("'s", "’s", "'", "’"):
        return False  # "in Obama's stimulus law", "outside Chaudhry's home": whose, a person's
    return prev in STRONG_LOCATIVE


# Words that take a place, never a person (not "captured", "attacked", "struck": people are too).
_GROUND_VERBS = frozenset({"entered", "shelled", "stormed", "overran", "retook", "recaptured", "besieged", "encircled",
                           "liberated", "bombed", "into", "near", "outside", "toward", "towards"})


def _locates(doc: Doc, span: Span) -> bool:
    """The word before is one that takes a place, never a person ("entered", "shelled", "near")."""
    return span.start > 0 and doc_tokens(doc)[span.start - 1].lower_ in _GROUND_VERBS


def _capitalised(tok: Any) -> bool:
    return bool(_CAP.match(tok.text)) and (tok.is_alpha or bool(_ABBR.match(tok.text)))


def _feature(ent: Span, heads: frozenset[str]) -> bool:
    """A FAC/LOC entity named by a street or feature head: "Main Street", "Highway 19", "Lake Erie"."""
    words = [t for t in ent if not t.is_punct]
    if len(words) < 2 or not all(t.text[:1].isupper() or t.like_num or t.lower_ == "the" for t in words):
        return False
    last = words[-1].lower_.rstrip(".")
    first = words[1].lower_ if words[0].lower_ == "the" and len(words) > 2 else words[0].lower_
    return last in heads or (first in ("lake", "mount", "highway", "route", "interstate") and len(words) >= 2)


def _inside_entity(doc: Doc, span: Span) -> bool:
    """Part of a longer named entity ("Bell" in "Taco Bell", "Nadia" in "Nadia Moayyad")."""
    ents = {t.ent_iob_ for t in span}
    if not span[0].ent_type_:
        return False
    starts_inside = span[0].ent_iob_ == "I"
    ends_inside = span.end < len(doc) and doc_tokens(doc)[span.end].ent_iob_ == "I"
    return starts_inside or ends_inside or "" in ents


@functools.lru_cache(maxsize=1)
def _dotted_aliases() -> frozenset[str]:
    from eventwire.knowledge.gazetteer.build import extra_aliases

    places, admin1 = extra_aliases()
    return frozenset(a[:-1] for names in (*places.values(), *admin1.values()) for a in names if a.endswith("."))


def _heads_entity(doc: Doc, span: Span) -> bool:
    """The first words of an organisation's or facility's name ("Lombard Historical Society", "Danbury
    police"): with the name already a place in the story, the place it is named for."""
    nxt = doc_tokens(doc)[span.end] if span.end < len(doc) else None
    # (a PERSON the model made of an institution: "Maplewood Police Spokeswoman Dana Quill")
    return span[0].ent_iob_ == "B" and (span[0].ent_type_ in ("ORG", "FAC") or (
        span[0].ent_type_ == "PERSON" and nxt is not None and nxt.lower_ in INSTITUTION_WORDS)) and all(
        t.ent_iob_ == "I" for t in span[1:]) and not (nxt is not None and nxt.text in ("'s", "’s"))


def _short_caps(span: Span, gaz: Gazetteer) -> bool:
    """An all-capital word of five letters or fewer ("NICE", "AIDS"): an acronym, not a place,
    unless it is the written-out alias of a country or region ("DRC", "NSW", "UAE")."""
    if not (len(span) == 1 and span.text.isupper() and len(span.text) <= 5 and span.text.isalpha()):
        return False
    return not any(c.kind <= 1 and c.row.level in ("country", "admin1") for c in gaz.candidates(span.text))


def _strip(text: str) -> str:
    text = re.sub(r"^(?:the|The)\s+", "", text.strip())
    return re.sub(r"(?:'s|’s)$", "", text).strip()


@Language.factory("eventwire_toponyms")
def make_toponyms(nlp: Language, name: str) -> ToponymFinder:
    return ToponymFinder()
