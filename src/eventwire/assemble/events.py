"""Trigger layer → `Event` records: one event per happening, with its actors, modality and evidence.

Reads the `TRIGGERS` span group (see `eventwire.nlp.triggers`) and the parse around it:

- triggers of one clause and family merge into one event, typed by ACLED's precedence
  ("Ukrainian shelling and drone attacks" → one strike; "made gains ..., capturing dozens of
  settlements" → one territorial event); consequences ("killing two civilians") join the event
  of their sentence;
- material events in the complement of an absorbing verb are that verb's content ("vowed to
  dislodge" → one THREATEN event, modality threatened);
- definite nominal mentions with no arguments of their own ("the attacks", "the operation",
  "their gains") link back to an earlier event as evidence instead of becoming new events;
- pronoun agents ("they had captured", "it repelled") resolve to the nearest earlier actor;
- background ("since Russia's invasion began in February 2022") and other non-occurred
  modalities are kept, marked, and never primary.

Events come out in order of salience; the story's main event has `primary=True`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from eventwire.knowledge.actors import (
    ACLED_INTER,
    CITY_POPULATION,
    STATE_SECTORS,
    TOWN_POPULATION,
    ActorMatch,
    acled_state_name,
    convention_words,
    place_countries,
    place_country,
)
from eventwire.knowledge.actors import match_actor_cached as match_actor
from eventwire.knowledge.taxonomy import taxonomy
from eventwire.nlp.layers import TIMES, TOPONYMS, TRIGGERS, doc_text, doc_tokens, token_sent
from eventwire.records import AcledType, Actor, Article, Event, Modality, PloverType, Span

VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
MERGING_FAMILIES = {"fight", "protest", "vac"}
# one demonstration is typed by what it became: violence outranks intervention outranks peace
DEMONSTRATION_ORDER = ["Excessive force against protesters", "Violent demonstration", "Mob violence",
                       "Protest with intervention", "Peaceful protest"]
TACTIC_FAMILIES = {"fight", "vac", "abduct", "property", "protest"}
TYPE_WEIGHT = {"Battles": 3.0, "Explosions/Remote violence": 3.0, "Violence against civilians": 3.0,
               "Riots": 2.5, "Protests": 2.5, "Strategic developments": 2.0}
PLOVER_MATERIAL = {"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "SANCTION", "RETREAT", "AID", "COOPERATE"}
SINGULAR_PRONOUNS = {"it", "its"}
PLURAL_PRONOUNS = {"they", "their", "them"}
PERSON_PRONOUNS = {"he", "she", "his", "her", "him"}


@dataclass
class _Mention:
    start: int  # token
    end: int
    payload: dict[str, Any]
    sent_start: int  # char
    sent_end: int
    sent_index: int


@dataclass
class _Draft:
    main: _Mention
    mentions: list[_Mention] = field(default_factory=list)
    acled: tuple[str, str] | None = None
    plover: tuple[str, str | None] | None = None
    context: list[str] = field(default_factory=list)
    modality: Modality = "occurred"
    rule: str = ""
    confidence: float = 0.5
    actor1: tuple[int, int] | None = None
    actor1_head: int | None = None
    actor2: tuple[int, int] | None = None
    actor2_head: int | None = None
    extra_evidence: list[tuple[int, int]] = field(default_factory=list)


def _pair(value: Any) -> tuple[str, str] | None:
    return (str(value[0]), str(value[1])) if value else None


def _plover_pair(value: Any) -> tuple[str, str | None] | None:
    return (str(value[0]), value[1] if len(value) > 1 else None) if value else None


def _mentions(doc: Doc, body_start: int = 0) -> list[_Mention]:
    starts = _sent_starts(doc)  # the sentence of a span is that of its first token (as `Span.sent` reads it)
    out = []
    for span in doc.spans.get(TRIGGERS, []):
        payload = span._.trigger
        if not payload:
            continue
        n = bisect_right(starts, span.start) - 1
        last = doc_tokens(doc)[(starts[n + 1] if n + 1 < len(starts) else len(doc)) - 1]
        start, end_char = doc_tokens(doc)[starts[n]].idx, last.idx + len(last.text)
        if start < body_start <= doc_tokens(doc)[span.start].idx:  # "KYIV: Ukraine pounded ...": the sentence starts after the dateline
            start = body_start
            while start < end_char and doc_text(doc)[start].isspace():
                start += 1
        out.append(_Mention(span.start, span.end, dict(payload), start, end_char, n))
    return sorted(out, key=lambda m: m.start)


def _better(a: _Mention, b: _Mention) -> _Mention:
    """Which of two merging mentions types the event: occurred first, then ACLED precedence."""
    tax = taxonomy()

    def key(m: _Mention) -> tuple[int, int, int, int, int]:
        p = m.payload
        acled = p.get("acled")
        sub = acled[1] if acled else None
        rank = DEMONSTRATION_ORDER.index(sub) if sub in DEMONSTRATION_ORDER else tax.precedence(sub)
        # an unspecified "attack" or "fighting" does not override a named tactic of the same event
        return (0 if p["modality"] == "occurred" else 1, 1 if p.get("consequence") else 0,
                1 if p.get("anaphoric") else 0, 1 if p.get("generic") else 0, rank)

    return a if key(a) <= key(b) else b


def _resolve_pronoun(doc: Doc, head: int, body_start: int) -> int | None:
    """The nearest earlier actor for a pronoun agent, within this and the two previous sentences."""
    doc_toks = doc_tokens(doc)
    tok = doc_toks[head]
    word = tok.lower_
    starts = _sent_starts(doc)
    n = bisect_right(starts, head) - 1  # the sentence holding the pronoun
    lo = starts[max(0, n - 2)]
    for k in range(head - 1, lo - 1, -1):
        cand = doc_toks[k]
        if cand.idx < body_start or cand.dep_ not in {"nsubj", "nsubjpass", "dobj", "pobj", "poss"}:
            continue
        if cand.pos_ not in {"NOUN", "PROPN"}:
            continue
        text = _phrase_text(cand)
        found = match_actor(text)
        if found is None or found.kind == "demonym":
            continue
        plural = cand.tag_ in {"NNS", "NNPS"} or cand.lemma_.lower() in {"force", "troops", "military", "police"}
        person = found.person or (cand.pos_ == "PROPN" and found.kind == "role" and cand.tag_ == "NNP")
        if word in PERSON_PRONOUNS and not person:
            continue
        if word in SINGULAR_PRONOUNS and ((plural and cand.lemma_.lower() not in {"military", "police"}) or person):
            continue
        if word in PLURAL_PRONOUNS and not plural and found.kind not in {"country", "capital"}:
            continue
        return k
    return None


def _sent_starts(doc: Doc) -> list[int]:
    """The first token of each sentence, read once per Doc (`doc.sents` walks the whole Doc)."""
    starts = doc.user_data.get("ew_sent_starts")
    if starts is None:
        starts = doc.user_data["ew_sent_starts"] = [s.start for s in doc.sents]
    return starts


def _phrase_text(tok: Token) -> str:
    from eventwire.nlp.triggers import _phrase_tokens  # the same phrase the trigger layer read

    toks = _phrase_tokens(tok)
    return doc_text(tok.doc)[toks[0].idx: toks[-1].idx + len(toks[-1].text)]


def _range_of(doc: Doc, head: int) -> tuple[int, int]:
    from eventwire.nlp.triggers import _phrase_tokens

    toks = _phrase_tokens(doc_tokens(doc)[head])
    return (toks[0].idx, toks[-1].idx + len(toks[-1].text))


def _compatible(a: _Draft, m: _Mention, doc: Doc) -> bool:
    """Can mention `m` be the same happening as draft `a` (actors do not contradict)?"""
    if a.actor1 is None or m.payload.get("subject") is None:
        return True
    x = match_actor(doc_text(doc)[a.actor1[0]:a.actor1[1]])
    y = match_actor(doc_text(doc)[m.payload["subject"][0]:m.payload["subject"][1]])
    if x is None or y is None or x.country is None or y.country is None:
        return True
    return x.country == y.country


def _start_draft(m: _Mention) -> _Draft:
    p = m.payload
    d = _Draft(main=m, mentions=[m])
    d.acled = _pair(p.get("acled"))
    d.plover = _plover_pair(p.get("plover"))
    d.context = list(p.get("context", []))
    d.modality = p["modality"]
    d.rule = p["rule"]
    d.confidence = float(p.get("confidence", 0.5))
    if p.get("subject"):
        d.actor1 = (p["subject"][0], p["subject"][1])
        d.actor1_head = p.get("subject_head")
    if p.get("object"):
        d.actor2 = (p["object"][0], p["object"][1])
        d.actor2_head = p.get("object_head")
    return d


def _absorb(d: _Draft, m: _Mention, doc: Doc) -> None:
    """Merge mention m into draft d, re-typing by ACLED precedence within the family."""
    d.mentions.append(m)
    best = _better(d.main, m)
    p = m.payload
    if best is m and p.get("family") == d.main.payload.get("family"):
        d.main = m
        d.acled = _pair(p.get("acled")) or d.acled
        d.plover = _plover_pair(p.get("plover")) or d.plover
        d.rule = p["rule"] + "+merged"
        if d.modality != "occurred" and p["modality"] == "occurred":
            d.modality = "occurred"
    if d.plover and p.get("plover") and d.plover[0] == p["plover"][0] and d.plover[1] is None and p["plover"][1]:
        d.plover = (d.plover[0], p["plover"][1])
    if d.actor1 is None and p.get("subject"):
        d.actor1 = (p["subject"][0], p["subject"][1])
        d.actor1_head = p.get("subject_head")
    if p.get("object") and p.get("family") == d.main.payload.get("family") and (d.actor2 is None or (
            match_actor(doc_text(doc)[d.actor2[0]:d.actor2[1]]) is None and not _has_owner(doc, d.actor2_head) and
            match_actor(doc_text(doc)[p["object"][0]:p["object"][1]]) is not None)):
        # "using missiles killed 4 Iraqis": the victims of the merged mention, not the instrument
        d.actor2 = (p["object"][0], p["object"][1])
        d.actor2_head = p.get("object_head")
    d.confidence = min(0.95, max(d.confidence, float(p.get("confidence", 0.5))) + 0.05)


def _has_owner(doc: Doc, head: int | None) -> bool:
    """Does a non-actor phrase name whose it is ('a camp for Congolese refugees', 'the rebels' base')?"""
    if head is None:
        return False
    tok = doc_tokens(doc)[head]
    owners = [c for c in tok.children if c.dep_ == "poss"]
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"of", "for"}):
        owners += [g for g in prep.children if g.dep_ == "pobj"]
    return any(match_actor(_phrase_text(o)) is not None for o in owners if o.pos_ in {"NOUN", "PROPN"})


def _state_agent(doc: Doc, d: _Draft) -> bool:
    """Is the draft's agent a state's armed or police force ("police opened fire")?"""
    if d.actor1 is None:
        return False
    found = match_actor(doc_text(doc)[d.actor1[0]:d.actor1[1]])
    return found is not None and found.sector in {"COP", "MIL", "SPY"}


def _in_time_clause(doc: Doc, head: int) -> bool:
    """Is a token inside an 'after ...' / 'before ...' / 'since ...' phrase or clause?"""
    cur = doc_tokens(doc)[head]
    for _ in range(8):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ in {"pobj", "pcomp"} and cur.head.lower_ in {"after", "before", "since", "following"}:
            return True
        if any(c.dep_ == "mark" and c.lower_ in {"after", "before", "since"} for c in cur.children):
            return True
        cur = cur.head
    return False


def _drafts(doc: Doc, mentions: list[_Mention]) -> list[_Draft]:
    doc_toks = doc_tokens(doc)
    drafts: list[_Draft] = []
    by_head: dict[int, _Draft] = {}
    linked: dict[int, _Draft] = {}  # sentence → the earlier event an anaphor there refers to
    for m in mentions:
        p = m.payload
        head = p["head"]
        # 2. anaphora: "the attacks", "the operation" link back to an earlier event of the family
        if p.get("anaphoric") and p["modality"] != "background":
            earlier = [d for d in drafts if d.main.payload.get("family") == p.get("family") and
                       d.modality == "occurred" and d.main.start < m.start and not (
                           d.main.sent_index == m.sent_index and d.main.payload.get("consequence")
                           and len(d.mentions) == 1)]
            if earlier and p["modality"] == "occurred":
                target = earlier[-1]
                target.extra_evidence.append((doc_toks[m.start].idx, doc_toks[m.end - 1].idx + len(doc_toks[m.end - 1].text)))
                by_head[head] = target
                linked[m.sent_index] = target
                # "12 people were killed in the attack": the consequence read first joins it too
                for d in [d for d in drafts if d.main.sent_index == m.sent_index and d.main.payload.get("consequence")
                          and len(d.mentions) == 1 and d is not target]:
                    _absorb(target, d.main, doc)
                    drafts.remove(d)
                continue
            if p["modality"] != "occurred":
                continue
        # 1. the content of an absorbing verb ("vowed to dislodge") or an embedded mention of one family
        gov = p.get("governor")
        if gov is not None and gov in by_head:
            g = by_head[gov]
            if g.main.payload.get("absorb") or (
                    g.main.payload.get("family") == p.get("family") and p.get("family") in MERGING_FAMILIES):
                if g.main.payload.get("absorb"):
                    g.mentions.append(m)
                else:
                    _absorb(g, m, doc)
                by_head[head] = g
                continue
        # circumstances: "in a raid", "after the riots", "over the attack": evidence for the main event
        if p.get("adjunct") and gov is not None and gov in by_head and \
                by_head[gov].main.payload.get("family") != p.get("family"):
            g = by_head[gov]
            if g.main.payload.get("family") in set(p.get("absorbs") or []) and p["modality"] == "occurred" \
                    and g in drafts:
                # "detained 40 women taking part in a march": the march is the event, the arrests its end
                d = _start_draft(m)
                d.mentions.extend(g.mentions)
                if d.acled == ("Protests", "Peaceful protest"):
                    d.acled = ("Protests", "Protest with intervention")
                drafts[drafts.index(g)] = d
                for k, v in list(by_head.items()):
                    if v is g:
                        by_head[k] = d
                by_head[head] = d
                continue
            g.extra_evidence.append((doc_toks[m.start].idx, doc_toks[m.end - 1].idx + len(doc_toks[m.end - 1].text)))
            if g.acled and g.acled[1] == "Other" and p.get("acled") and p["acled"][0] == "Strategic developments":
                g.acled = (p["acled"][0], p["acled"][1])  # "released in a prisoner swap": an Agreement
            by_head[head] = g
            continue
        if p.get("consequence") and m.sent_index in linked and not any(
                d.main.sent_index == m.sent_index for d in drafts):
            _absorb(linked[m.sent_index], m, doc)  # "The attack killed 12 people."
            by_head[head] = linked[m.sent_index]
            continue
        # 3. the same clause and family: one happening (ACLED precedence decides its type)
        if p.get("family") in MERGING_FAMILIES:
            same = [d for d in drafts if d.main.sent_index == m.sent_index and
                    d.main.payload.get("family") == p.get("family") and
                    (d.main.payload.get("clause") == p.get("clause") or p.get("consequence") or
                     d.main.payload.get("consequence")) and _compatible(d, m, doc)]
            if same:
                _absorb(same[-1], m, doc)
                by_head[head] = same[-1]
                continue
        d = _start_draft(m)
        drafts.append(d)
        by_head[head] = d
    # an event that takes in others of its sentence: arrests at a protest are its intervention,
    # the president detained in a coup is the coup
    for d in list(drafts):
        fams = set(d.main.payload.get("absorbs") or [])
        if not fams or d.modality != "occurred":
            continue
        if _in_time_clause(doc, d.main.payload["head"]):
            continue  # "detained ... after covering the demonstration": the protest is not where it happened
        for other in [o for o in drafts if o is not d and o.main.sent_index == d.main.sent_index and
                      o.main.payload.get("family") in fams and not o.main.payload.get("cause")]:
            d.mentions.extend(other.mentions)
            if d.acled and d.acled[0] == "Protests" and d.acled[1] == "Peaceful protest":
                d.acled = ("Protests", "Protest with intervention")
            drafts.remove(other)
    # a protest and what the police did to it in the next sentences are one ACLED event
    # ("... demonstrated in Tbilisi. Police dispersed them and detained 20.")
    for d in list(drafts):
        if d not in drafts or not d.acled or d.acled != ("Protests", "Peaceful protest") or d.modality != "occurred":
            continue
        for other in [o for o in drafts if o is not d and 0 < o.main.sent_index - d.main.sent_index <= 2
                      and o.modality == "occurred"]:
            fam = other.main.payload.get("family")
            if fam == "arrest" or (fam == "protest" and other.acled and other.acled[0] == "Protests"):
                new = other.acled if fam == "protest" and other.acled else ("Protests", "Protest with intervention")
                if taxonomy().precedence(new[1]) < taxonomy().precedence(d.acled[1]):
                    d.acled = new
                    d.rule += "+intervention"
                d.mentions.extend(other.mentions)
                drafts.remove(other)
    # shooting at a protest ("killed when police opened fire to disperse a protest"): excessive force
    for d in list(drafts):
        if d not in drafts or d.main.payload.get("family") != "protest" or d.modality != "occurred" or \
                d.acled not in {("Protests", "Peaceful protest"), ("Protests", "Protest with intervention"),
                                ("Protests", "Excessive force against protesters")}:
            continue
        for other in [o for o in drafts if o is not d and o.main.sent_index == d.main.sent_index and
                      o.main.payload.get("family") == "fight" and o.modality == "occurred" and
                      any(x in o.rule for x in ("lexicon:shoot", "lexicon:exchange-fire", "lexicon:casualties")) and
                      _state_agent(doc, o)]:
            d.acled = ("Protests", "Excessive force against protesters")
            d.rule += "+lethal-force"
            d.mentions.extend(other.mentions)
            drafts.remove(other)
    # co-ordinated tactics of one actor ("abducted and raped", "burned houses and killed villagers"):
    # one event, typed by ACLED's precedence
    tax = taxonomy()
    for d in list(drafts):
        if d not in drafts or d.main.payload.get("family") not in TACTIC_FAMILIES or d.modality != "occurred":
            continue
        tok = doc_toks[d.main.payload["head"]]
        for other in list(drafts):
            if other is d or other.main.payload.get("family") not in TACTIC_FAMILIES or other.modality != "occurred":
                continue
            otok = doc_toks[other.main.payload["head"]]
            coordinated = (otok.dep_ == "conj" and otok.head.i == tok.i and not any(
                c.dep_ in {"nsubj", "nsubjpass"} for c in otok.children))
            if not coordinated or not d.acled or not other.acled:
                continue
            if tax.precedence(other.acled[1]) < tax.precedence(d.acled[1]):
                d.acled, d.plover, d.rule = other.acled, other.plover or d.plover, other.rule + "+precedence"
            d.mentions.extend(other.mentions)
            if d.actor2 is None:
                d.actor2, d.actor2_head = other.actor2, other.actor2_head
            drafts.remove(other)
    # consequences that came before their event in the sentence ("Two killed as shelling hit ...")
    out: list[_Draft] = []
    for d in drafts:
        if d.main.payload.get("consequence") and len(d.mentions) == 1:
            host = next((h for h in drafts if h is not d and h.main.sent_index == d.main.sent_index and
                         h.main.payload.get("family") == "fight" and not h.main.payload.get("consequence")), None)
            if host is not None:
                _absorb(host, d.main, doc)
                continue
        out.append(d)
    return _fold_consequence_sentences(doc, out)


def _own_setting(doc: Doc, start: int, end: int) -> bool:
    """Whether the characters start..end name a place or a time of their own."""
    return any(start <= s.start_char < end for layer in (TOPONYMS, TIMES) for s in doc.spans.get(layer, []))


def _fold_consequence_sentences(doc: Doc, drafts: list[_Draft]) -> list[_Draft]:
    """A sentence that only tells the toll of the event before it ("Russian forces shelled Kupiansk.
    Three civilians were killed and 12 were injured, the governor said."): the toll belongs to that
    event, as ACLED codes it, not to a new attack with no attacker, place or date. Only when the toll
    names no attacker, place or time of its own ("Separately, two soldiers were killed in Donetsk" is
    an event of its own) and follows a violent event of the previous sentence."""
    out: list[_Draft] = []
    for d in drafts:
        m = d.main
        host = out[-1] if out else None
        # "Four people were killed, the governor said": the one who tells the toll is not its agent
        # ("... and 20 wounded": a count, not an agent)
        told = all(x.payload.get("subject") is None or x.payload.get("subject") == x.payload.get("speaker")
                   or (x.payload.get("subject_head") is not None and doc_tokens(doc)[x.payload["subject_head"]].like_num)
                   for x in d.mentions)
        if (host is not None and all(x.payload.get("consequence") for x in d.mentions) and told
                and d.modality == "occurred" and host.modality == "occurred"
                and host.main.sent_index == m.sent_index - 1 and not host.main.payload.get("consequence")
                and _violent(host) and not any(o is not d and o.main.sent_index == m.sent_index for o in drafts)
                and not _own_setting(doc, m.sent_start, m.sent_end)):
            for x in d.mentions:
                x.payload.update(subject=None, subject_head=None)
                _absorb(host, x, doc)
            host.extra_evidence.append((m.sent_start, m.sent_end))
            host.rule += "+toll"
            continue
        out.append(d)
    return out


COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
CONFLICTUAL = {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "REJECT", "ACCUSE"}
THREAT_MODES = {"COERCE": "restrict", "SANCTION": "restrict", "ASSAULT": "violence", "PROTEST": None,
                "MOBILIZE": "violence", "REJECT": None, "ACCUSE": None}


def _speech_act(d: _Draft) -> None:
    """PLOVER codes what was said about an event that has not happened: an intention to cooperate
    is AGREE ("Portugal will support ..."), an intention to act against someone is THREATEN
    ("will impose restrictions", "would boycott"), "X must ..." is REQUEST, and a refusal to
    cooperate is REJECT ("will not accept refugees", "failed to reach agreement")."""
    if d.plover is None:
        return
    ptype = d.plover[0]
    cue = d.main.payload.get("modality_cue")
    if cue in {"try", "attempt", "seek", "aim", "push"}:
        return  # an attempt is coded as the act itself ("tried to hack", "attempted to assassinate")
    if cue is None and not d.main.payload.get("obligation") and d.modality != "occurred":
        return  # "further strikes", "future talks": nobody said anything about them
    if ptype == "AGREE" and d.main.payload.get("entry") == "agree-adj":
        # "is prepared to impose martial law": readiness to act against someone is a threat
        inner: list[list[Any]] = [m.payload["plover"] for m in d.mentions[1:] if m.payload.get("plover")]
        hostile = [pl for pl in inner if pl[0] in {"COERCE", "ASSAULT", "SANCTION", "PROTEST"}]
        if hostile:
            d.plover = ("THREATEN", THREAT_MODES.get(hostile[0][0]))
            d.rule += "+speech:threat"
            return
    if d.main.payload.get("obligation") and ptype not in {"REQUEST", "ACCUSE", "THREATEN"}:
        d.plover = ("REQUEST", None)
        d.rule += "+speech:must"
        speaker = d.main.payload.get("speaker")
        if speaker:  # "Russia said Sudan must return ...": Russia asks Sudan
            d.actor2, d.actor2_head = d.actor1, d.actor1_head
            d.actor1, d.actor1_head = (speaker[0], speaker[1]), d.main.payload.get("speaker_head")
    elif d.modality in {"planned", "hypothetical"} and d.main.payload.get("conditional") and ptype != "AGREE":
        d.plover = ("THREATEN", THREAT_MODES.get(ptype))  # "will withdraw ... unless ..."
        d.rule += "+speech:conditional"
    elif d.modality in {"planned", "hypothetical"} and ptype in COOPERATIVE and ptype != "AGREE":
        d.plover = ("AGREE", None)
        d.rule += "+speech:intent"
    elif d.modality in {"planned", "hypothetical"} and ptype in CONFLICTUAL:
        d.plover = ("THREATEN", THREAT_MODES.get(ptype))
        d.rule += "+speech:threat"
    elif d.modality == "threatened" and ptype in COOPERATIVE:
        d.plover = ("AGREE", None)  # "vowed to rebuild the bridge": a promise
        d.modality = "planned"
        d.rule += "+speech:promise"
    elif d.modality == "negated" and ptype in COOPERATIVE:
        d.plover = ("REJECT", None)
        d.rule += "+speech:refusal"


def _actor(doc: Doc, rng: tuple[int, int] | None, head: int | None, body_start: int,
           role: str, draft: _Draft, avoid: str | None = None) -> Actor | None:
    doc_toks = doc_tokens(doc)
    if rng is None:
        return None
    if head is not None and doc_toks[head].pos_ == "PRON":
        ante = _resolve_pronoun(doc, head, body_start)
        if ante is None:
            return None
        rng = _range_of(doc, ante)
        head = ante  # the antecedent stands for the pronoun from here on
    if head is not None and head in _trigger_heads(doc):
        return None  # "the operation prompted ...": an event, not an actor
    text = doc_text(doc)[rng[0]:rng[1]]
    found = match_actor(text)
    if found is not None and found.kind == "role" and head is not None:
        # "his troops", "their forces": the owner's country
        poss = next((c for c in doc_toks[head].lefts if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if poss is not None:
            ante = _resolve_pronoun(doc, poss.i, body_start)
            owner = match_actor(_phrase_text(doc_toks[ante])) if ante is not None else None
            if owner is not None and owner.country:
                found = match_actor(f"{owner.country and _country_word(owner.country)} {text}") or found
    if found is None:
        tok = doc_toks[head] if head is not None else None
        if tok is not None and tok.pos_ == "PROPN" and tok.text[:1].isupper() and role == "actor1":
            # a person the dictionary does not know: the appositive says who ("X, Algeria's leading
            # activist"); the sentence's first country is too loose a guess for organisations
            appos = _appositive_actor(doc, tok.i)
            return Actor(span=Span(start=rng[0], end=rng[1], text=text), text=text, name=text,
                         country=appos.country if appos else None,
                         sector=appos.sector if appos else None,
                         acled_type=appos.acled_type if appos else None,
                         inter_code=ACLED_INTER.get(appos.acled_type or "") if appos else None)
        return None
    if role == "actor2" and found.kind in {"demonym"}:
        # "Iraqi towns", "Palestinian homes": civilians; "Russian regions", "four Russian airfields": no actor
        return _civilian_place(doc, head, rng, found) or _coordinated_role(doc, head, rng, body_start, draft)
    if role == "actor2" and found.kind in {"role", "country_role"} and head is not None and \
            not _role_head(doc_toks[head]) and not _violent(draft):
        return None  # "promised military aid", "boycott official contact": a thing, not its owner
    if head is not None and (found.country is None or found.kind == "people"):
        where = _country_nearby(doc, head) or (_sentence_country(doc, head, avoid) if found.country is None else None)
        if where is not None and found.country is None:
            found = dataclasses.replace(found, country=where)
        elif where is not None and where != found.country and found.kind == "people":
            found = dataclasses.replace(found, country=where)  # "ethnic Albanians in south Serbia"
    elif head is not None and found.country and ETHNIC.search(text):
        # "ethnic Albanians", "ethnic Turks": an ethnicity, coded with the country they live in
        where = _country_nearby(doc, head) or _sentence_country(doc, head, found.country)
        if where is not None:
            found = dataclasses.replace(found, country=where)
    actor = found.to_actor()
    actor.text = text
    actor.span = Span(start=rng[0], end=rng[1], text=text)
    return actor


def _civilian_place(doc: Doc, head: int | None, rng: tuple[int, int], found: ActorMatch) -> Actor | None:
    """A demonym with a settlement or home noun ("Iraqi towns", "the Bosnian town of Gorazde",
    "Palestinian homes") stands for the civilians of that country, as a city aimed at does."""
    if head is None or found.country is None:
        return None
    places = convention_words("civilian_places")
    tok = doc_tokens(doc)[head]
    if tok.lower_ not in places and tok.lemma_.lower() not in places:
        return None
    return _span_actor(doc, rng, country=found.country, sector="CVL", acled_type="Civilians",
                       inter_code=ACLED_INTER["Civilians"], name=f"Civilians ({_country_word(found.country)})")


def _coordinated_role(doc: Doc, head: int | None, rng: tuple[int, int], body_start: int,
                      draft: _Draft) -> Actor | None:
    """'Sierra Leonean and Liberian refugees' parsed with the first demonym as head: the phrase up to
    the co-ordinated role noun is the actor."""
    if head is None:
        return None
    conj = next((c for c in doc_tokens(doc)[head].children if c.dep_ == "conj" and c.pos_ == "NOUN"), None)
    if conj is None:
        return None
    end = conj.idx + len(conj.text)
    found = match_actor(doc_text(doc)[rng[0]:end])
    if found is None or found.kind != "country_role":
        return None
    return _actor(doc, (rng[0], end), conj.i, body_start, "actor2", draft)


def _given(doc: Doc, head: int, later: list[int]) -> bool:
    """Is the phrase at `head` a bare role word that actor 1 gives or sends to a later recipient
    ("contribute 4,000 troops to a force in Liberia", "sent advisers to Mali")? It is what moves.
    (Never asked of coercion: "outlawed the extremist organization in Northern Ireland" moves nothing.)"""
    doc_toks = doc_tokens(doc)
    if doc_toks[head].dep_ != "dobj" or not later:
        return False
    found = match_actor(_phrase_text(doc_toks[head]))
    # a bare common noun moves too, even one a body answers to ("deploy peacekeepers in Iraq")
    bare = doc_toks[head].pos_ == "NOUN" and doc_toks[head].text.islower() and _phrase_text(doc_toks[head]) == doc_toks[head].text
    return found is not None and (found.kind == "role" or bare)


def _forceful(d: _Draft) -> bool:
    """Is the event, or what was threatened or planned, done by force to a place's people ('would
    blockade Paris', 'imposed a curfew on Abidjan')?"""
    if d.plover and d.plover[0] in {"COERCE", "ASSAULT"}:
        return True
    original = d.main.payload.get("plover") or []
    return bool(original) and (original[0] in {"COERCE", "ASSAULT"} or tuple(original[:2]) == ("PROTEST", "obstruct"))


def _struck_target(doc: Doc, d: _Draft, body_start: int, actor1: Actor | None) -> Actor | None:
    """A violent event whose object names no actor ("kidnapped 16 Russian advisers ... and exploded a
    series of bombs", "retook a village in western Cambodia"): the victims of another of its mentions,
    what it was aimed at or its owner ("set fire to the offices of X"), else the civilians of the
    country a settlement it hit lies in."""
    doc_toks = doc_tokens(doc)
    heads = [int(m.payload["object_head"]) for m in d.mentions
             if m.payload.get("object_head") is not None and m.payload["object_head"] != d.actor2_head]
    # not what another event of the sentence acts on ("destroyed 12 drones ...; debris damaged a car park")
    mine = {m.start for m in d.mentions}
    others = {s._.trigger.get("object_head") for s in doc.spans.get(TRIGGERS, [])
              if s._.trigger and s.start not in mine}
    heads += [i for i in _recipients_of(d) if i != d.actor2_head and i not in heads and i not in others]
    for i in heads:
        if doc_toks[i].dep_ == "pobj" and doc_toks[i].head.lower_ in LOCATIVE - {"at", "on"}:
            continue  # where it happened ("rioted at a jail in northern Israel"), not whom it hit ("fired at")
        found = _actor(doc, _range_of(doc, i), i, body_start, "actor2", d)
        if found is None:
            found = _owner_actor(doc, i, body_start, d)
            named = match_actor(found.text) if found is not None else None
            if named is None or named.country is None:
                continue  # "nine members of one family": whose, only a guess from the sentence would say
        if found is None or not (found.country or found.sector) or _same_actor(actor1, found):
            continue
        if actor1 is not None and _owned_by(doc, i, actor1, body_start):
            continue
        return found
    for h in [d.actor2_head, *heads]:
        if h is not None and (found := _settlement_people(doc, h)) is not None:
            return found
    return None


def _victims_over_place(doc: Doc, d: _Draft, body_start: int, actor1: Actor | None, actor2: Actor) -> Actor:
    """'Israeli strikes on Gaza killed 30 Palestinians': who was hit, named by another mention of the
    event, before the place that was hit."""
    found = match_actor(actor2.text)
    place = found.kind in {"country", "capital"} if found is not None else place_country(actor2.text) is not None
    if not place:
        return actor2
    for m in d.mentions:
        head = m.payload.get("object_head")
        if head is None or head == d.actor2_head:
            continue
        victims = _actor(doc, _range_of(doc, head), head, body_start, "actor2", d,
                         avoid=actor1.country if actor1 is not None else None)
        named = match_actor(victims.text) if victims is not None else None
        if victims is not None and named is not None and named.kind in {"people", "country_role", "role", "named"} \
                and not _same_actor(actor1, victims):
            if named.country is None and actor2.country:  # "shelled Donetsk, killing two residents": its people
                victims = victims.model_copy(update={"country": actor2.country})
            return victims
    return actor2


def _settlement_people(doc: Doc, head: int) -> Actor | None:
    """'a village in western Cambodia', 'homes near Kandahar': the civilians of the country it lies in."""
    tok = doc_tokens(doc)[head]
    places = convention_words("civilian_places")
    if tok.lower_ not in places and tok.lemma_.lower() not in places:
        return None
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"in", "near", "outside", "around"}):
        for g in (g for g in prep.children if g.dep_ == "pobj"):
            found = match_actor(_phrase_text(g))
            code = found.country if found is not None and found.kind in {"country", "capital"} else (
                place_country(_phrase_text(g)) if found is None else None)
            if code:
                s, e = _range_of(doc, head)
                return _span_actor(doc, (s, e), country=code, sector="CVL", acled_type="Civilians",
                                   inter_code=ACLED_INTER["Civilians"], name=f"Civilians ({_country_word(code)})")
    return None


def _ordered_object(doc: Doc, d: _Draft, body_start: int, actor1: Actor | None) -> Actor | None:
    """'ordered the newspaper La Prensa to suspend publication', 'pressed parliament to amend ...': who
    is made to act is the target of what actor 1 imposes."""
    trig = doc_tokens(doc)[d.main.start]
    if trig.dep_ not in {"xcomp", "ccomp"} or trig.head.pos_ != "VERB":
        return None
    for obj in (c for c in trig.head.children if c.dep_ in {"dobj", "dative"} and c.pos_ in {"NOUN", "PROPN"}):
        found = _actor(doc, _range_of(doc, obj.i), obj.i, body_start, "actor2", d)
        if found is not None and (found.country or found.sector) and not _same_actor(actor1, found):
            return found
    return None


def _charged_subject(doc: Doc, d: _Draft, body_start: int, actor1: Actor | None) -> Actor | None:
    """'Croatian authorities are failing to ..., a rights group protested', 'demanded that its partners
    refuse ...': what an accusation, a protest or a demand says is about the subject of its clause."""
    if not d.plover or d.plover[0] not in {"ACCUSE", "PROTEST", "REQUEST"}:
        return None
    trig = doc_tokens(doc)[d.main.start]
    for clause in (c for c in trig.children if c.dep_ == "ccomp" and c.lemma_.lower() not in REPORT_LEMMAS):
        for subj in (c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ in {"NOUN", "PROPN"}
                     and not _reporter(c, trig.i)):
            found = _actor(doc, _range_of(doc, subj.i), subj.i, body_start, "actor2", d)
            if found is not None and (found.country or found.sector) and not _same_actor(actor1, found):
                return found
    return None


FORUMS = {"UNO", "IGO", "EUR"}  # bodies a complaint is lodged with


def _complained_about(doc: Doc, d: _Draft, body_start: int, actor1: Actor | None) -> Actor | None:
    """'complained to the United Nations over two Israeli air raids': a complaint lodged with an
    international body targets whom it is about ('over', 'about', 'against'), a demonym's country too."""
    for i in _recipients_of(d):
        tok = doc_tokens(doc)[i]
        if tok.dep_ != "pobj" or tok.head.lower_ not in {"over", "about", "against"}:
            continue
        rng = _range_of(doc, i)
        found = _actor(doc, rng, i, body_start, "actor2", d) or _demonym_actor(doc, tok, rng)
        if found is not None and found.country and not _same_actor(actor1, found):
            return found
    return None


def _proposal_owner(doc: Doc, d: _Draft, body_start: int, actor1: Actor | None) -> Actor | None:
    """Whose proposal a response answers is its target: 'rejected North Korea's demand', 'vetoed a
    Security Council resolution', 'is opposed to French mediation', 'an appeal from President X'."""
    doc_toks = doc_tokens(doc)
    trig = doc_toks[d.main.start]
    cands: list[Token] = [doc_toks[d.actor2_head]] if d.actor2_head is not None else []
    for c in trig.children:
        if c.dep_ == "dobj":
            cands.append(c)
        elif c.dep_ == "prep":
            cands += [g for g in c.children if g.dep_ == "pobj"]
    nouns = convention_words("proposal_nouns")
    for tok in cands:
        if tok.lower_ not in nouns and tok.lemma_.lower() not in nouns:
            continue
        owners: list[tuple[tuple[int, int], Token]] = []
        for c in tok.children:
            if c.dep_ == "poss" and c.pos_ in {"PROPN", "NOUN"}:
                owners.append((_range_of(doc, c.i), c))
            elif c.dep_ in {"compound", "amod", "nmod"} and c.i < tok.i and c.text[:1].isupper():
                left, right = c.left_edge, c.right_edge
                owners.append(((left.idx, right.idx + len(right.text)), c))
            elif c.dep_ == "prep" and c.lower_ in {"from", "by"}:
                owners += [(_range_of(doc, g.i), g) for g in c.children if g.dep_ == "pobj"]
        for rng, o in owners:
            found = _actor(doc, rng, o.i, body_start, "actor2", d, avoid=actor1.country if actor1 else None)
            if found is None:
                match = match_actor(doc_text(doc)[rng[0]:rng[1]])
                if match is None or match.kind != "demonym" or not match.country:
                    continue
                found = _span_actor(doc, rng, country=match.country)
            if (found.country is None and found.sector is None) or _same_actor(actor1, found):
                continue
            return found
    return None


def _appositive_actor(doc: Doc, head: int) -> ActorMatch | None:
    """'Kenzo Oshima, the UN relief coordinator': what the appositive of a name says it is."""
    for c in doc_tokens(doc)[head].children:
        if c.dep_ == "appos":
            found = match_actor(_phrase_text(c))
            if found is not None and (found.country or found.sector):
                return found
    return None


def _unidentified(doc: Doc, d: _Draft, body_start: int) -> Actor | None:
    """A bombing nobody is named for: ACLED's 'Unidentified Armed Group (<country>)', in the country
    the sentence names ('A roadside bomb near Samarra killed ...')."""
    doc_toks = doc_tokens(doc)
    ranged = bool(d.acled and d.acled[0] == "Explosions/Remote violence") or bool(
        d.plover and d.plover[0] == "ASSAULT" and d.plover[1] in {"explosives", "suicide"})
    if not ranged:
        return None
    code = _place_country_of(doc, d.main.start) or _sentence_country(doc, d.main.start)
    if code is None:
        return None
    if d.actor1 is not None:
        s, e = d.actor1
    else:
        s, e = doc_toks[d.main.start].idx, doc_toks[d.main.end - 1].idx + len(doc_toks[d.main.end - 1].text)
    if s < body_start:
        return None
    return Actor(span=Span(start=s, end=e, text=doc_text(doc)[s:e]), text=doc_text(doc)[s:e], country=code, sector="UAF",
                 acled_type="Political militia", inter_code=3,
                 name=f"Unidentified Armed Group ({_country_word(code)})")


def _place_country_of(doc: Doc, head: int) -> str | None:
    """The country of the place a sentence locates its event in ('near the town of Samarra',
    'outside the Iraqi city of Basra'): names under a locative preposition."""
    for tok in token_sent(doc, head):
        if tok.pos_ not in {"PROPN", "ADJ"} or not tok.text[:1].isupper():
            continue
        if not any(a.dep_ == "prep" and a.lower_ in LOCATIVE | {"near", "outside"} for a in list(tok.ancestors)[:4]):
            continue
        if tok.head.lemma_.lower() in {"border", "frontier", "boundary", "coast", "side"}:
            continue  # "on the Thai border": the neighbour, not where it happened
        found = match_actor(tok.text)
        code = found.country if found is not None and found.kind in {"country", "capital", "demonym"} else None
        code = code or (place_country(tok.text) if tok.pos_ == "PROPN" else None)
        if code:
            return _read_in_sentence(doc, tok, code) if tok.pos_ == "PROPN" else code
    return None


def _same_actor(a: Actor | None, b: Actor | None) -> bool:
    """Two mentions of one actor ('The United States ... to the United States')?"""
    if a is None or b is None:
        return False
    def bare(t: str) -> str:
        return re.sub(r"^(?:the|a|an)\s+", "", t.strip().casefold())
    if bare(a.text) == bare(b.text):
        return True
    return bool(a.name and a.name == b.name and a.country == b.country and a.sector == b.sector)


def _violent(d: _Draft) -> bool:
    return bool(d.acled and d.acled[0] in VIOLENT_TYPES) or bool(d.plover and d.plover[0] == "ASSAULT")


def _role_head(tok: Token) -> bool:
    """Is the head of a phrase a role word ('forces', 'officials') or a name ('Minister X')?"""
    from eventwire.knowledge.actors import dictionary

    roles = dictionary().roles
    words = _phrase_text(tok).lower().split()
    last = words[-1].strip(".,'")
    if tok.pos_ == "PROPN" or tok.lower_ in roles or tok.lemma_.lower() in roles or last in roles:
        return True
    # a multi-word role ending at the head ("extremist organization", "armed group")
    return any(" ".join(words[k:]).strip(".,'") in roles for k in range(max(0, len(words) - 3), len(words) - 1))


def _recipients_of(d: _Draft) -> list[int]:
    out: list[int] = []
    for m in d.mentions:  # the main mention first, then what it absorbed ("agreed to provide aid to X")
        out += [i for i in (m.payload.get("recipients") or []) if i not in out]
    return out


def _target_place(doc: Doc, d: _Draft, actor1: Actor | None) -> Actor | None:
    """PLOVER's target when no actor is named: the country of the place the event is aimed at."""
    doc_toks = doc_tokens(doc)
    for i in _recipients_of(d):
        text = _phrase_text(doc_toks[i])
        code = place_country(doc_toks[i].text) or place_country(text)
        if code is None or (actor1 is not None and actor1.country == code and len(_recipients_of(d)) > 1):
            continue
        s, e = _range_of(doc, i)
        return Actor(span=Span(start=s, end=e, text=doc_text(doc)[s:e]), text=doc_text(doc)[s:e], country=code)
    return None


def _recipient_actor(doc: Doc, d: _Draft, body_start: int, actor1: Actor | None) -> Actor | None:
    """For what is said or given: the first recipient that names an actor ('apologised to Brazil')."""
    recipients = _recipients_of(d)
    for n, i in enumerate(recipients):
        if _given(doc, i, recipients[n + 1:]):
            continue
        rng = _range_of(doc, i)
        found = _actor(doc, rng, i, body_start, "actor2", d)
        if found is None or (found.country is None and found.sector is None):
            continue
        if actor1 is not None and (_same_actor(actor1, found) or _owned_by(doc, i, actor1, body_start)):
            continue
        return found
    return None


PHRASE_HEAD_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "dative", "oprd", "ROOT",
                    "npadvmod", "agent"}
REPORT_LEMMAS = {"say", "tell", "report", "announce", "add", "accord", "quote", "state", "confirm", "write"}


def _reporter(tok: Token, trigger: int) -> bool:
    """Is `tok` (after the trigger) who reports the sentence ('..., officials said'; 'according to X')?"""
    cur = tok
    for _ in range(8):
        head = cur.head
        if head.i == cur.i:
            return False
        if head.lower_ == "according" or cur.lower_ == "according":
            return True
        if head.lemma_.lower() in REPORT_LEMMAS and head.i > trigger:
            return cur.dep_ in {"nsubj", "pobj", "prep", "dobj", "dative", "npadvmod"}
        cur = head
    return False


def _owned_by(doc: Doc, head: int | None, actor1: Actor, body_start: int) -> bool:
    """Does the phrase at `head` belong to actor 1 through a possessive pronoun ('its troops')?"""
    doc_toks = doc_tokens(doc)
    if head is None or actor1.span is None:
        return False
    poss = next((c for c in doc_toks[head].lefts if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if poss is None or poss.lower_ not in {"its", "their", "his", "her", "our"}:
        return False
    ante = _resolve_pronoun(doc, poss.i, body_start)
    return ante is not None and actor1.span.start <= doc_toks[ante].idx < actor1.span.end


def _patient(tok: Token, d: _Draft) -> bool:
    """The subject of a passive whose agent is named ('... were killed by an IED', 'was accused by X'),
    of a passive of violence ('three soldiers were killed'), or who died: actor 2's side, not actor 1's."""
    violent = _violent(d)
    for a in [tok, *tok.ancestors][:3]:
        if a.dep_ == "nsubj" and violent and a.head.lemma_.lower() in {"die", "perish", "succumb"}:
            return True  # "a prisoner died as a result of torture"
        if a.dep_ == "nsubjpass":
            verb = a.head
            if not violent and _trigger_verb(verb, d) and verb.lemma_.lower() not in convention_words(
                    "stative_passives"):
                return True  # "a missionary was arrested in Lebanon", "X was put under investigation"
            # the subject of a passive of violence is its victim ("a journalist was killed in a car bomb")
            return any(c.dep_ == "agent" for c in verb.children) or (
                violent and verb.lemma_.lower() not in {"engage", "involve", "accuse", "suspect", "blame"})
    return False


def _trigger_verb(verb: Token, d: _Draft) -> bool:
    """Is `verb` the draft's trigger, or the verb whose "under X" names it ("put under investigation")?"""
    if d.main.start <= verb.i < d.main.end:
        return True
    trig = verb.doc[d.main.start]
    return trig.dep_ == "pobj" and trig.head.lower_ == "under" and trig.head.head.i == verb.i


def _ancestor_depths(a: Token) -> dict[int, int]:
    """Token index -> number of arcs up from `a` to it (`a` itself at 0)."""
    up = {a.i: 0}
    for n, anc in enumerate(a.ancestors, 1):
        up[anc.i] = n
    return up


def _sentence_heads(doc: Doc, sent: Any) -> list[int]:
    """Indices of the nouns and proper nouns of a sentence that head a phrase (PHRASE_HEAD_DEPS), in
    order; read once per sentence (every event and role of the sentence asks), kept in `doc.user_data`."""
    cache: dict[int, list[int]] = doc.user_data.setdefault("ew_sentence_heads", {})
    heads = cache.get(sent.start)
    if heads is None:
        heads = cache[sent.start] = [t.i for t in sent if t.pos_ in {"NOUN", "PROPN"} and t.dep_ in PHRASE_HEAD_DEPS]
    return heads


def _tree_distance(a: Token, b: Token, up: dict[int, int] | None = None) -> int:
    """Number of dependency arcs between two tokens of one sentence (`up`: `_ancestor_depths(a)`, if read)."""
    if up is None:
        up = _ancestor_depths(a)
    if b.i in up:
        return up[b.i]
    for n, anc in enumerate(b.ancestors, 1):
        if anc.i in up:
            return n + up[anc.i]
    return 99


def _fallback_actor(doc: Doc, d: _Draft, body_start: int, role: str, actor1: Actor | None,
                    demonyms: bool = False) -> Actor | None:
    """When the parse paths give no actor: the first phrase of the clause the dictionary can place,
    before the trigger for actor 1 (its subject side), after it for actor 2 ('accused X of',
    'met with X', 'imposed sanctions on X'), leaving out who reports the sentence."""
    trig = doc_tokens(doc)[d.main.start]
    sent = token_sent(doc, trig.i)
    taken = (actor1.span.start, actor1.span.end) if actor1 is not None and actor1.span is not None else None
    toks = [doc_tokens(doc)[i] for i in _sentence_heads(doc, sent)]
    if role == "actor1":
        # not a place the sentence opens with ("In Khartoum, hundreds of residents protested"): where, not who
        toks = [t for t in toks if t.i < trig.i and t.dep_ in {"nsubj", "nsubjpass", "ROOT", "appos", "conj",
                                                                 "pobj"} and not _patient(t, d)
                and not (t.dep_ == "pobj" and t.head.lower_ in LOCATIVE)]
    else:
        # after the trigger, or between actor 1 and a noun trigger ("arrived in Amman on a visit")
        after = taken[1] if taken is not None else None
        toks = [t for t in toks if t.i > d.main.end - 1 or (t.i > trig.i and t.i not in range(d.main.start,
                                                                                          d.main.end))
                or (after is not None and trig.pos_ in {"NOUN", "PROPN"} and after <= t.idx < trig.idx)]
    if role == "actor2":
        # the nearest argument in the parse first; of two as near, whom it is against before where it is
        up = _ancestor_depths(trig)
        toks.sort(key=lambda t: (_tree_distance(trig, t, up), t.dep_ == "pobj" and t.head.lower_ in LOCATIVE, t.i))
    for t in toks:
        if t.idx < body_start or t.i in range(d.main.start, d.main.end) or _reporter(t, trig.i):
            continue
        if taken is not None and (taken[0] <= t.idx < taken[1] or (role == "actor2" and any(
                taken[0] <= a.idx < taken[1] for a in list(t.ancestors)[:3]))):
            continue  # inside actor 1, or hanging off it ("X, Algeria's leading activist")
        rng = _range_of(doc, t.i)
        if taken is not None and rng[0] < taken[1] and taken[0] < rng[1]:
            continue
        found = _actor(doc, rng, t.i, body_start, role, d, avoid=actor1.country if actor1 else None)
        if found is None and demonyms:
            found = _demonym_actor(doc, t, rng)  # "lifted a blockade on Palestinian lorries": Palestine
        if found is None and role == "actor2" and t.pos_ == "PROPN":
            code = place_country(doc_text(doc)[rng[0]:rng[1]]) or place_country(t.text)
            if code is not None:  # "a curfew in Mombasa": the place aimed at
                found = Actor(span=Span(start=rng[0], end=rng[1], text=doc_text(doc)[rng[0]:rng[1]]),
                              text=doc_text(doc)[rng[0]:rng[1]], country=code)
        if found is None or (found.country is None and found.sector is None):
            continue
        if actor1 is not None and _owned_by(doc, t.i, actor1, body_start):
            continue
        if _same_actor(actor1, found):
            continue
        return found
    return None


def _owner_actor(doc: Doc, head: int, body_start: int, d: _Draft) -> Actor | None:
    """The actor a non-actor target belongs to: 'positions of the security forces', 'the rebels' camp',
    or whose doing it is ('protests against violations by the Israeli military')."""
    tok = doc_tokens(doc)[head]
    owners = [c for c in tok.children if c.dep_ == "poss" and c.pos_ in {"NOUN", "PROPN"}]
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"of", "for", "by"}):
        owners += [g for g in prep.children if g.dep_ == "pobj" and g.pos_ in {"NOUN", "PROPN"}]
    for o in owners:
        rng = _range_of(doc, o.i)
        # "the offices of the Kenyan electoral commission": a demonym's country at least
        found = _actor(doc, rng, o.i, body_start, "actor2", d) or _demonym_actor(doc, o, rng)
        if found is None or not (found.country or found.sector):
            continue
        own = match_actor(found.text)
        named = found.country is not None and (
            o.pos_ == "PROPN" or o.dep_ == "poss" or (own is not None and own.country is not None))
        if found.sector != "GOV" or named:
            # "the offices of the government" is a building; "offices of Hamas", "the Russian
            # government's refusal", "the offices of the Palestinian administrators" are their owner's
            return found
    return None


ETHNIC = re.compile(r"\bethnic\b", re.IGNORECASE)
LOCATIVE = {"in", "at", "into", "near", "around", "across", "outside", "inside", "throughout", "on"}


# lower case: "South Africa", "North Korea", "Northern Ireland" are countries, not regions
REGION = re.compile(r"^(?:the\s+)?(?:north|south|east|west|central|(?:north|south)-?(?:east|west))(?:ern)?\s")


def _passive_verb(doc: Doc, d: _Draft) -> Token | None:
    """The trigger's verb when it is a passive with no "by" agent (the verb of "put under X" for a
    noun trigger X), else None."""
    trig = doc_tokens(doc)[d.main.start]
    verb = trig.head.head if trig.dep_ == "pobj" and trig.head.lower_ == "under" else trig
    if not any(c.dep_ == "auxpass" for c in verb.children) or any(c.dep_ == "agent" for c in verb.children):
        return None
    return verb


def _passive_patient(doc: Doc, d: _Draft, body_start: int) -> Actor | None:
    """The subject of a passive act with no agent is whom it was done to ("A US national has been put
    under investigation in Italy"), unless the verb names a state of mind ("is opposed to")."""
    verb = _passive_verb(doc, d)
    if verb is None or verb.lemma_.lower() in convention_words("stative_passives"):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subj is None or subj.idx < body_start:
        return None
    return _actor(doc, _range_of(doc, subj.i), subj.i, body_start, "actor2", d)


def _authorities_of_place(doc: Doc, d: _Draft) -> Actor | None:
    """The state where a passive act of authority with no agent took place ("a missionary was arrested
    in Lebanon", "was put under investigation in Italy", "were expelled from Kenya"): its authorities,
    as PLOVER and ACLED code it. Only for coercion, accusation and sanctions."""
    if not d.plover or d.plover[0] not in {"COERCE", "ACCUSE", "SANCTION"}:
        return None
    verb = _passive_verb(doc, d)
    if verb is None:
        return None
    trig = doc_tokens(doc)[d.main.start]
    for c in [*verb.children, *(trig.children if trig.i != verb.i else [])]:
        if c.dep_ == "prep" and c.lower_ in {"in", "from"}:
            for p in c.children:
                if p.dep_ != "pobj" or p.pos_ != "PROPN":
                    continue
                rng = _range_of(doc, p.i)
                text = doc_text(doc)[rng[0]:rng[1]]
                found = match_actor(text)
                if found is not None and found.kind in {"country", "capital"} and found.country:
                    actor = found.to_actor()
                    actor.text, actor.span = text, Span(start=rng[0], end=rng[1], text=text)
                    return actor
    return None


def _aimed_place(doc: Doc, d: _Draft) -> Actor | None:
    """A named town or city the trigger layer gave as the target, when the dictionary knows no actor
    by its name: the place (its country), made its civilians by `_place_people`."""
    if d.actor2 is None or d.actor2_head is None or doc_tokens(doc)[d.actor2_head].pos_ != "PROPN":
        return None
    head = doc_tokens(doc)[d.actor2_head]
    text = doc_text(doc)[d.actor2[0]:d.actor2[1]]
    # under "in"/"near" ("targets in Jericho") the name is a place: any town GeoNames ships will do
    located = head.dep_ == "pobj" and head.head.lower_ in LOCATIVE | {"near", "outside"}
    code = place_country(text, TOWN_POPULATION if located else CITY_POPULATION)
    if code is None or match_actor(text) is not None:
        return None
    return Actor(span=Span(start=d.actor2[0], end=d.actor2[1], text=text), text=text, country=code)


def _place_people(doc: Doc, actor: Actor | None, forceful: bool) -> Actor | None:
    """A town or city as the target ('a curfew in Abidjan', 'would blockade Paris', 'shelled Jericho')
    is its people, as PLOVER codes it: civilians of the place's country. A capital that is talked to
    or about ('urged Tehran to ...') stays the government."""
    if actor is None or actor.span is None or not actor.country:
        return actor
    found = match_actor(actor.text)
    # (the actor has its country already: a town's name is read as the town, "shelled Jericho")
    city = found is None and place_country(actor.text, TOWN_POPULATION) is not None
    # "northern Israel", "eastern Ukraine": a region of a country is a place like a city
    region = found is not None and found.kind == "country" and bool(REGION.match(actor.text))
    city = city or (region and forceful)
    if not (city or (found is not None and found.kind == "capital")):
        return actor
    span = doc.char_span(actor.span.start, actor.span.end, alignment_mode="expand")
    if span is None:
        return actor
    head = span.root
    located = head.dep_ == "pobj" and head.head.lower_ in LOCATIVE
    if not (located or forceful or city):
        return actor
    name = f"Civilians ({_country_word(actor.country)})"
    return actor.model_copy(update={"sector": "CVL", "acled_type": "Civilians", "inter_code": 7, "name": name})


def _demonym_actor(doc: Doc, tok: Token, rng: tuple[int, int]) -> Actor | None:
    """A phrase whose only actor word is a demonym ("Palestinian lorries"): PLOVER codes the country."""
    for c in tok.lefts:
        if c.dep_ in {"amod", "compound", "nmod"} and c.text[:1].isupper():
            found = match_actor(c.text)
            if found is not None and found.kind == "demonym" and found.country:
                return _span_actor(doc, rng, country=found.country)
    return None


def _span_actor(doc: Doc, rng: tuple[int, int], **fields: Any) -> Actor:
    """An actor for the characters `rng` of the document, with the given fields."""
    text = doc_text(doc)[rng[0]:rng[1]]
    return Actor(span=Span(start=rng[0], end=rng[1], text=text), text=text, **fields)


def _country_nearby(doc: Doc, head: int) -> str | None:
    """'Rebels in the Ivory Coast', 'Leaders of the Azadliq ...', 'Kenzo Oshima, the UN ...': the
    country (or international body) a phrase's prepositional phrase or appositive names."""
    tok = doc_tokens(doc)[head]
    cands: list[Token] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in {"in", "of", "from"}:
            cands += [g for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ == "appos":
            cands.append(c)
    for c in cands:
        found = match_actor(_phrase_text(c))
        if found is not None and found.country:
            return _read_in_sentence(doc, c, found.country)
    return None


def _read_in_sentence(doc: Doc, tok: Token, code: str) -> str:
    """The country of place name `tok` read against the other countries its sentence names: "rival
    militias in Tripoli ... the north Lebanese port" is Lebanon's Tripoli, not Libya's capital. The
    dictionary's answer stands unless exactly one other country named has a city of that name."""
    rng = _range_of(doc, tok.i)
    named = {c for s, e, c in _sentence_places(doc, token_sent(doc, tok.i)) if not (s < rng[1] and rng[0] < e)}
    return _one_that_fits(doc_text(doc)[rng[0]:rng[1]], code, named)


def _one_that_fits(name: str, code: str, named: set[str]) -> str:
    """`code` for place `name`, unless it is not among the countries `named` around it and exactly
    one of those has a city of that name."""
    if code in named:
        return code
    fits = place_countries(name) & named
    return next(iter(fits)) if len(fits) == 1 else code


def _sentence_country(doc: Doc, head: int, avoid: str | None = None) -> str | None:
    """An actor the dictionary cannot place ("President Omar El Bashir", "Yoruba leaders"): the
    first country its sentence names (a country, demonym, capital or city) stands in, as PLOVER
    coders do. A guess: only for actors that have no country of their own. A country to `avoid`
    (actor 1's, for its target) is taken only when the sentence names no other one; the country an
    "anti-"/"pro-" prefix names is not the actor's ("a prominent anti-Syria journalist")."""
    own = _range_of(doc, head)  # not the actor's own words ("President Ama Kanu": no city "Ama")
    avoided = False
    for start, end, code in _sentence_places(doc, token_sent(doc, head)):
        if start < own[1] and own[0] < end:
            continue
        if code == avoid:
            avoided = True
        else:
            return code
    return avoid if avoided else None


def _sentence_places(doc: Doc, sent: Any) -> list[tuple[int, int, str]]:
    """(start, end, country) of the countries a sentence names, in order: country terms, multi-word ones
    too ("Ivory Coast", "Sierra Leonean"), capitals and cities; not after "anti-"/"pro-". Cached per sentence."""
    cache: dict[int, list[tuple[int, int, str]]] = doc.user_data.setdefault("ew_sentence_places", {})
    if sent.start_char in cache:
        return cache[sent.start_char]
    text = doc_text(doc)
    runs = _proper_names(doc, sent)
    in_run = {t.i for t in sent if any(s <= t.idx < e for s, e, name in runs if " " in name)}
    # (start, end, words, may name a city): a city is named by a whole run ("Union" is a US city)
    names = [(t.idx, t.idx + len(t.text), t.text, t.i not in in_run) for t in sent
             if t.text[:1].isupper() and t.pos_ in {"PROPN", "ADJ", "NOUN"}]
    names += [(s, e, name, True) for s, e, name in runs if " " in name]
    out: list[tuple[int, int, str]] = []
    towns: list[tuple[int, str]] = []  # (index in out, name) of the places named as capitals or cities
    for start, end, term, city in sorted(names, key=lambda n: (n[0], -n[1])):  # "Ivory Coast" before "Ivory"
        if re.search(r"\b(?:anti|pro)-$", text[max(0, start - 5):start], re.IGNORECASE):
            continue
        if _border_word(doc, start, end):
            continue  # "near the Thai border": a neighbour, not whose the actor is
        found = match_actor(term)
        code = found.country if found is not None and found.kind in {"country", "capital", "demonym", "people"} \
            else (place_country(term) if found is None and city else None)
        if code:
            if found is None or found.kind == "capital":
                towns.append((len(out), term))
            out.append((start, end, code))
    for k, term in towns:  # "Tripoli, the Lebanese port": Lebanon's Tripoli
        start, end, code = out[k]
        out[k] = (start, end, _one_that_fits(term, code, {c for j, (_, _, c) in enumerate(out) if j != k}))
    cache[sent.start_char] = out
    return out


BORDER_WORDS = {"border", "borders", "frontier", "boundary", "coast", "side"}


def _border_word(doc: Doc, start: int, end: int) -> bool:
    """Do the words at start..end name a country by its border ("the Thai border", "Macedonia's border
    with Bulgaria")?"""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.root.head.i == span.root.i:
        return False
    head = span.root.head
    if span.root.dep_ == "pobj" and head.dep_ == "prep" and head.head.i != head.i:
        head = head.head  # "border with Bulgaria"
    return head.lemma_.lower() in BORDER_WORDS


def _proper_names(doc: Doc, sent: Any) -> list[tuple[int, int, str]]:
    """Runs of capitalised proper nouns ("Tel Aviv", "National Union"): a city is named by the whole
    run, never by one word of a longer name ("Union", "Independence" are US cities)."""
    out: list[tuple[int, int, str]] = []
    run: list[Token] = []
    for t in [*sent, None]:
        if t is not None and t.pos_ == "PROPN" and t.text[:1].isupper():
            run.append(t)
            continue
        if run:
            start, end = run[0].idx, run[-1].idx + len(run[-1].text)
            out.append((start, end, doc_text(doc)[start:end]))
            run = []
    return out


def _trigger_heads(doc: Doc) -> set[int]:
    heads = doc.user_data.get("ew_trigger_heads")
    if heads is None:
        heads = {int(s._.trigger["head"]) for s in doc.spans.get(TRIGGERS, []) if s._.trigger}
        doc.user_data["ew_trigger_heads"] = heads
    return heads


def _country_word(code: str) -> str:
    from eventwire.knowledge.actors import country_name

    return country_name(code)


def _state_armed(actor: Actor | None, violent: bool) -> Actor | None:
    """A state named as the agent of violence acts through its military ("Ukraine pounded ...")."""
    if actor is None or not violent or not actor.country or len(actor.country) != 3:
        return actor
    bare = match_actor(actor.text) if actor.text else None
    state_named = bare is None or bare.kind in {"country", "capital", "demonym", "people"}
    if actor.sector is None or (actor.sector == "GOV" and actor.name and actor.name.startswith("Government of")
                                and state_named):  # "Ukraine pounded ...", not "the labour minister"
        actor.sector = "MIL"
        actor.acled_type = "State forces"
        actor.inter_code = 1
        actor.name = acled_state_name(actor.country, "MIL")
    elif actor.sector == "GOV" and actor.country and actor.acled_type == "State forces" and actor.name in {
            "Kremlin", "White House", "Pentagon"}:
        actor.sector = "MIL"
        actor.name = acled_state_name(actor.country, "MIL")
    return actor


def _event_id(article_id: str, start: int, end: int, kind: str) -> str:
    return hashlib.sha1(f"{article_id}:{start}:{end}:{kind}".encode()).hexdigest()[:16]


def _salience(e: Event, m: _Mention, d: _Draft) -> float:
    """Earlier sentences first; within a sentence the trigger nearest the root, violence before words.

    A mention governed by another event, or standing as its cause or adjunct, ranks lower, unless
    that governor is part of the same event: "forces killed X in an airstrike" is one event, the
    airstrike, and the lead sentence's main one."""
    weight = TYPE_WEIGHT.get(e.acled.event_type, 1.0) if e.acled else (
        1.5 if e.plover and e.plover.type in PLOVER_MATERIAL else 1.0)
    governor = m.payload.get("governor")
    own = [x for x in d.mentions if governor is not None and x.start <= governor < x.end]
    depth = min([int(m.payload.get("depth", 3)), *(int(x.payload.get("depth", 3)) for x in own)])
    score = (1.0 + 1.5 / (1.0 + depth) + 0.1 * weight) / (1.0 + 0.5 * m.sent_index)
    if not own:
        if governor is not None:
            score *= 0.85  # the content of another event ("accused X of violating ...")
        if m.payload.get("cause") or m.payload.get("adjunct"):
            score *= 0.6
    if e.modality != "occurred" and not said_now(e):
        score *= 0.1
    return score


def said_now(e: Event) -> bool:
    """A threat, demand, promise or refusal that was voiced happened, whatever its content's modality."""
    if e.plover is None:
        return False
    if e.modality == "threatened" and e.plover.type in {"THREATEN", "REQUEST"}:
        return True
    return "+speech:" in (e.rule or "")


def events_from_doc(article: Article, doc: Doc) -> list[Event]:
    """Events of one article, most salient first; the main event has `primary=True`."""
    body_start = int(getattr(doc._, "body_start", 0) or 0) if Doc.has_extension("body_start") else 0
    body_start = max(body_start, article.body_start)
    mentions = [m for m in _mentions(doc, body_start) if doc_tokens(doc)[m.start].idx >= body_start]
    drafts = _drafts(doc, mentions)
    for d in drafts:
        _speech_act(d)
    scored: list[tuple[float, int, Event]] = []
    text = doc_text(doc)
    for order, d in enumerate(drafts):
        m = d.main
        start_c = doc_tokens(doc)[m.start].idx
        end_c = doc_tokens(doc)[m.end - 1].idx + len(doc_tokens(doc)[m.end - 1].text)
        violent = bool(d.acled and d.acled[0] in VIOLENT_TYPES) or bool(d.plover and d.plover[0] == "ASSAULT")
        actor1 = _state_armed(_actor(doc, d.actor1, d.actor1_head, body_start, "actor1", d), violent)
        # victims with no country of their own are not the attacker's people by a guess ("Russian missiles
        # hit Kharkiv, killing four civilians")
        # (police acting on a crowd or a group is the country's own: "Turkish police prevented a
        # demonstration by students" → Turkish students)
        actor2 = _actor(doc, d.actor2, d.actor2_head, body_start, "actor2", d,
                        avoid=actor1.country if violent and actor1 is not None and actor1.sector != "COP" else None)
        if actor1 is None:
            actor1 = _state_armed(_fallback_actor(doc, d, body_start, "actor1", None), violent)
        if actor1 is None and violent:
            actor1 = _unidentified(doc, d, body_start)
        if actor1 is None and not violent:
            actor1 = _authorities_of_place(doc, d)  # "was arrested in Lebanon": Lebanon's authorities
        if actor2 is not None and actor1 is not None and _owned_by(doc, d.actor2_head, actor1, body_start):
            actor2 = None  # "offered its troops to Lebanon": what actor 1 gives, not whom it targets
        elif actor2 is not None and not violent and not _forceful(d) and d.actor2_head is not None and _given(
                doc, d.actor2_head, [i for i in _recipients_of(d) if i > d.actor2_head]):
            actor2 = None  # "refused to deploy peacekeepers in Iraq": what moves, not where it goes
        if _same_actor(actor1, actor2):
            actor2 = None
        if actor2 is None and not violent:
            actor2 = _passive_patient(doc, d, body_start)
        if actor2 is None and not violent:
            actor2 = _proposal_owner(doc, d, body_start, actor1) or _charged_subject(doc, d, body_start, actor1) \
                or _ordered_object(doc, d, body_start, actor1) or _recipient_actor(doc, d, body_start, actor1) \
                or _target_place(doc, d, actor1)
        if actor2 is not None and actor2.country in FORUMS and d.plover and d.plover[0] in {"ACCUSE", "PROTEST"}:
            actor2 = _complained_about(doc, d, body_start, actor1) or actor2
        if actor2 is None and d.actor2_head is not None:
            actor2 = _owner_actor(doc, d.actor2_head, body_start, d)  # "shelled positions of X", "X's offices"
        if actor2 is not None and violent:
            actor2 = _victims_over_place(doc, d, body_start, actor1, actor2)
        if actor2 is None and violent and d.actor2 is not None:
            actor2 = _struck_target(doc, d, body_start, actor1)
        if actor2 is None and violent and d.actor2 is not None and d.actor2_head is not None:
            actor2 = _aimed_place(doc, d)  # "fired shells at targets in Jericho": the town's people
        if actor2 is None and (d.actor2 is None or not violent):
            actor2 = _fallback_actor(doc, d, body_start, "actor2", actor1, demonyms=not violent)
        if actor2 is not None and violent and actor2.sector in STATE_SECTORS and actor2.sector == "GOV" and \
                actor2.name and actor2.name.startswith("Government of"):
            actor2 = _state_armed(actor2, True)
        if _same_actor(actor1, actor2):
            actor2 = None
        actor2 = _place_people(doc, actor2, violent or _forceful(d))
        assoc: list[Actor] = []
        if violent and actor1 is not None:
            # "Malian troops and Wagner fighters attacked ...": ACLED's associated actor of side 1
            for i in m.payload.get("subject_conj") or []:
                extra = _state_armed(_actor(doc, _range_of(doc, i), i, body_start, "actor1", d), True)
                if extra is not None and extra.text != actor1.text:
                    assoc.append(extra)
        kind = d.acled[1] if d.acled else (d.plover[0] if d.plover else "event")
        evidence = [Span(start=s, end=e, text=text[s:e]) for s, e in sorted(
            {(doc_tokens(doc)[x.start].idx, doc_tokens(doc)[x.end - 1].idx + len(doc_tokens(doc)[x.end - 1].text)) for x in d.mentions}
            | set(d.extra_evidence))]
        event = Event(
            id=_event_id(article.id, start_c, end_c, kind),
            acled=AcledType(event_type=d.acled[0], sub_event_type=d.acled[1]) if d.acled else None,
            plover=PloverType(type=d.plover[0], mode=d.plover[1], context=d.context) if d.plover else None,
            actor1=actor1,
            actor2=actor2,
            assoc_actors=assoc,
            modality=d.modality,
            trigger=Span(start=start_c, end=end_c, text=text[start_c:end_c]),
            sentence=Span(start=m.sent_start, end=m.sent_end, text=text[m.sent_start:m.sent_end]),
            evidence=evidence,
            confidence=round(d.confidence, 2),
            rule=d.rule,
            article_ids=[article.id],
        )
        scored.append((_salience(event, m, d), order, event))
    scored.sort(key=lambda x: (-x[0], x[1]))
    events = [e for _, _, e in scored]
    for e in events:
        if e.modality == "occurred" or said_now(e):
            e.primary = True
            break
    return events


__all__ = ["events_from_doc"]
