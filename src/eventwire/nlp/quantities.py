"""spaCy component `eventwire_quantities`: figures with their kind, range and qualifier.

Writes span group `QUANTITIES`; each span's payload `span._.quantity` is a plain dict with the
fields of `records.Quantity` other than `span`: kind, low, best, high, unit, qualifier, actor.

How a figure is read (lexicons in `knowledge/data/figures/`):
- the number: digits ("120,000", "1.5 million", "0.6-1.2"), number words ("one to two",
  "twenty-three": `parse_number_words`), or a vague amount ("dozens of", "a dozen",
  "hundreds of thousands": vague.yaml);
- a qualifier written before it ("more than", "over", "up to", "nearly", "between":
  qualifiers.yaml) and a range after it ("one to two", "10-15", "between 3 and 5");
- a unit after it (units.yaml) or the noun it counts ("four Russian airfields");
- the kind from the unit, the counted noun ("12 dead"), the verb it belongs to (walking up the
  dependency tree: "three rebels were killed") or the counted noun's class (kinds.yaml);
- for people, whose figure it is (`actor`: "one Ukrainian soldier and three rebels").
Dates, years, times and ordinals (spaCy's NER) and numbers with nothing counted are skipped,
as are conversions in brackets ("(0.6-1.2 miles)" after "one to two kilometers").

Number words are read by `parse_number_words` (a small grammar, a few µs a call). quantulum3 is
not used: its `extract_spellout_values` imports `inflect` (~2.8 s of CPU at start-up), and its full
`parse` costs ~3 ms a sentence, about as much as the whole spaCy pass, with no notion of vague
amounts or of what a figure counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventwire.knowledge.figures import FiguresLexicon, KindRule, Qualifier, Vague, figures_lexicon
from eventwire.nlp.layers import QUANTITIES, doc_tokens, token_sent

if not Span.has_extension("quantity"):
    Span.set_extension("quantity", default=None)

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_DIGIT_SCALE = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|bn|b)$", re.IGNORECASE)
_DIGIT_RANGE = re.compile(r"^(\d[\d,]*(?:\.\d+)?)[-–](\d[\d,]*(?:\.\d+)?)$")
_SKIP_ENTS = frozenset({"DATE", "TIME", "ORDINAL"})
_RANGE_WORDS = frozenset({"to", "-", "–", "and", "or"})
_MONEY_PREFIX = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP"}
_STOP_VERB_LEMMAS = frozenset({"say", "tell", "report", "claim", "state", "announce", "add", "confirm"})
_DETERMINERS = frozenset({"a", "an", "the", "some", "their", "its", "his", "her", "our", "these", "those"})


_UNITS = {w: float(k) for k, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"])}
_TENS = {w: float(10 * k) for k, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 2)}
_BIG = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def parse_number_words(text: str) -> float | None:
    """The value of English number words ('twenty three', 'one hundred and twenty thousand'), or None.

    Hand-written on purpose: quantulum3's `extract_spellout_values` (used before) imports `inflect`,
    which costs ~2.8 s of CPU at start-up, for what is a 30-line grammar here. The rules follow
    quantulum3's, stricter on malformed runs: words are separated by spaces or hyphens, 'and' may join
    groups; a unit after a unit, a ten or teen after a ten ('twenty eleven'), 'hundred' twice in a
    group, or a scale not smaller than the one before ('two thousand three thousand') is not one
    number, so None (as is any other word). A differential check against quantulum3 on 200,000 random
    word runs found no well-formed number read differently, except long numbers quantulum3 misreads
    ('... five hundred and twelve thousand ...').
    """
    total = 0.0
    group = 0.0  # the value below the last big scale ("three hundred and five" of "... thousand")
    prev = ""  # kind of the previous word: unit, ten, hundred, big, and
    hundred_in_group = False
    last_big = float("inf")
    words = text.lower().replace("-", " ").split()
    if not words or words[0] == "and" or words[-1] == "and":
        return None
    for word in words:
        if word == "zero" and len(words) > 1:
            return None
        if word in _UNITS:
            if prev in ("unit", "ten") and not (prev == "ten" and _UNITS[word] < 10 and word != "zero"):
                return None
            group += _UNITS[word]
            prev = "unit"
        elif word in _TENS:
            if prev in ("unit", "ten"):
                return None
            group += _TENS[word]
            prev = "ten"
        elif word == "hundred":
            if hundred_in_group or prev not in ("unit", "ten"):
                return None
            group *= 100
            hundred_in_group, prev = True, "hundred"
        elif word in _BIG:
            scale = _BIG[word]
            if prev == "big" and last_big == _BIG["thousand"] and scale > last_big and total < 1e6:
                # "two thousand million": thousands of millions
                total, last_big = total * scale, scale
                continue
            if scale >= last_big or prev not in ("unit", "ten", "hundred"):
                return None
            total += group * scale
            group, hundred_in_group, last_big, prev = 0.0, False, scale, "big"
        elif word == "and":
            if prev not in ("hundred", "big"):
                return None
            prev = "and"
        else:
            return None
    return total + group


def _spellout(text: str) -> float | None:
    """The value of number words ('twenty three', 'two hundred'), or None."""
    return parse_number_words(text)


@dataclass(frozen=True)
class _LexIndex:
    """The lexicon's multi-word entries split once and keyed by the word a match must start/end with."""

    vague_by_first: dict[str, tuple[tuple[Vague, tuple[str, ...]], ...]]
    qualifiers_by_last: dict[str, tuple[tuple[Qualifier, tuple[str, ...]], ...]]


_LEX_INDEXES: dict[int, tuple[FiguresLexicon, _LexIndex]] = {}


def _lex_index(lex: FiguresLexicon) -> _LexIndex:
    """Built once per lexicon: `_read_number` and `_qualifier_before` otherwise split and try every
    entry at every candidate token. Entries keep the lexicon's order (longest first)."""
    got = _LEX_INDEXES.get(id(lex))
    if got is not None and got[0] is lex:
        return got[1]
    vague: dict[str, list[tuple[Vague, tuple[str, ...]]]] = {}
    for v in lex.vague:
        words = tuple(v.text.split())
        if words:
            vague.setdefault(words[0], []).append((v, words))
    quals: dict[str, list[tuple[Qualifier, tuple[str, ...]]]] = {}
    for q in lex.qualifiers:
        words = tuple(q.text.split())
        if words:
            quals.setdefault(words[-1], []).append((q, words))
    index = _LexIndex({k: tuple(v) for k, v in vague.items()}, {k: tuple(v) for k, v in quals.items()})
    _LEX_INDEXES[id(lex)] = (lex, index)
    return index


@dataclass
class _Number:
    start: int  # token index
    end: int  # exclusive
    low: float
    high: float | None = None  # set for ranges
    vague: Vague | None = None


def _digit_value(text: str) -> float | None:
    if _DIGITS.match(text):
        return float(text.replace(",", ""))
    m = _DIGIT_SCALE.match(text)
    if m:
        scale = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9}[m.group(2).lower()]
        return float(m.group(1)) * scale
    return None


_ORDINALS = frozenset({"first", "second", "third", "fifth", "eighth", "ninth", "twelfth"})
_WORD_SCALES = frozenset({"hundred", "thousand", "million", "billion", "trillion"})


def _is_number_word(tok: Token, lex: FiguresLexicon) -> bool:
    """A number word `parse_number_words` can read ('twenty', 'three', 'hundred'); 'dozen' is applied as a scale."""
    low = tok.lower_
    if not tok.is_alpha or low in _ORDINALS or low.endswith(("th", "ieth")):
        return False
    return tok.like_num or low in _WORD_SCALES


_TEMPORAL = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "year", "years", "month",
    "months", "week", "weeks", "day", "days", "ago", "decade", "decades", "century", "hour", "hours",
    "minute", "minutes", "am", "pm", "a.m.", "p.m.", "o'clock", "night", "nights", "morning", "evening",
    "since", "until", "bc", "ad", "today", "yesterday", "tomorrow", "weekend",
})


def _skip_token(tok: Token) -> bool:
    """A number inside a real time expression ('August 6', '2022', '6:30'), not a NER slip ('40 and 50 fighters')."""
    if tok.ent_type_ == "ORDINAL":
        return True
    if tok.ent_type_ not in _SKIP_ENTS:
        return False
    if tok.ent_type_ == "TIME" or ":" in tok.text:
        return True
    doc = tok.doc
    start = tok.i
    while start > 0 and doc_tokens(doc)[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc_tokens(doc)[end].ent_iob_ == "I":
        end += 1
    ent_tokens = doc[start:end]
    if any(t.lower_ in _TEMPORAL for t in ent_tokens):
        return True
    if any(t.text.isdigit() and len(t.text) == 4 and 1000 <= int(t.text) <= 2200 for t in ent_tokens):
        return True
    return end < len(doc) and doc_tokens(doc)[end].lower_ in _TEMPORAL


def _read_number(doc: Doc, i: int, lex: FiguresLexicon) -> _Number | None:
    """A number starting at token i (digits, words, vague amount), or None."""
    doc_toks = doc_tokens(doc)
    tok = doc_toks[i]
    if _skip_token(tok):
        return None
    # vague amounts ("tens of thousands", "a dozen", "dozens"), longest first
    for vague, words in _lex_index(lex).vague_by_first.get(tok.lower_, ()):
        if i + len(words) <= len(doc) and all(doc_toks[i + k].lower_ == w for k, w in enumerate(words)):
            return _Number(i, i + len(words), vague.low, vague.high, vague=vague)
    m = _DIGIT_RANGE.match(tok.text)
    if m:
        a, b = float(m.group(1).replace(",", "")), float(m.group(2).replace(",", ""))
        if a <= b:
            return _Number(i, i + 1, a, b)
    value = _digit_value(tok.text)
    end = i + 1
    if value is None:
        if tok.lower_ in ("a", "an") and i + 1 < len(doc) and doc_toks[i + 1].lower_ in lex.scales:
            value, end = lex.scales[doc_toks[i + 1].lower_], i + 2
        elif _is_number_word(tok, lex) and tok.lower_ not in lex.scales:
            j = i + 1
            while j < len(doc) and _continues_words(doc, j, lex):
                j += 1
            spelled = " ".join(doc_toks[k].lower_ for k in range(i, j) if doc_toks[k].text != "-")
            value = _spellout(spelled)
            end = j
            if value is None:
                return None
        else:
            return None
    # scale words after digits ("1.5 million", "two dozen")
    while end < len(doc) and doc_toks[end].lower_ in lex.scales and not _is_digit_scale_stop(doc, end):
        value *= lex.scales[doc_toks[end].lower_]
        end += 1
    return _Number(i, end, value)


def _continues_words(doc: Doc, j: int, lex: FiguresLexicon) -> bool:
    """Whether token j continues a run of number words ('twenty-three', 'one hundred and five')."""
    doc_toks = doc_tokens(doc)
    t = doc_toks[j]
    if _is_number_word(t, lex):
        return True
    nxt_is_word = j + 1 < len(doc) and _is_number_word(doc_toks[j + 1], lex)
    if t.text == "-":
        return nxt_is_word and not t.whitespace_ and not doc_toks[j - 1].whitespace_
    return t.lower_ == "and" and nxt_is_word and doc_toks[j - 1].lower_ in ("hundred", "thousand", "million")


def _is_digit_scale_stop(doc: Doc, i: int) -> bool:
    # "m"/"k" alone are scales only when glued to the figure ("5m"), never as separate words
    doc_toks = doc_tokens(doc)
    return doc_toks[i].lower_ in {"m", "k"} and bool(doc_toks[i - 1].whitespace_)


def _match_words(doc: Doc, i: int, words: tuple[str, ...]) -> bool:
    return i + len(words) <= len(doc) and all(doc_tokens(doc)[i + k].lower_ == w for k, w in enumerate(words))


def _qualifier_before(doc: Doc, i: int, lex: FiguresLexicon, floor: int) -> tuple[int, str, str] | None:
    """(start token, text, role) of a qualifier ending just before token i."""
    if i == 0:
        return None
    for q, words in _lex_index(lex).qualifiers_by_last.get(doc_tokens(doc)[i - 1].lower_, ()):
        start = i - len(words)
        if start >= floor and _match_words(doc, start, words):
            return start, doc[start:i].text.lower(), q.role
    return None


def _unit_at(doc: Doc, i: int, lex: FiguresLexicon) -> tuple[int, str, str] | None:
    """(end token, unit, kind) of a unit starting at token i."""
    for n in range(min(lex.unit_max_len, len(doc) - i), 0, -1):
        key = tuple(doc_tokens(doc)[i + k].lower_ for k in range(n))
        unit = lex.units.get(key)
        if unit is not None:
            return i + n, unit.unit, unit.kind
    return None


def _counted_noun(doc: Doc, num: _Number) -> Token | None:
    """The noun a figure counts: 'four Russian [airfields]', 'dozens of [settlements]'."""
    doc_toks = doc_tokens(doc)
    last = doc_toks[num.end - 1]
    sent_end = token_sent(doc, last.i).end
    j = num.end
    if j < sent_end and doc_toks[j].lower_ == "of":
        # "dozens of settlements", "25 of them", "20 of 25 drones"
        k = j + 1
        while k < sent_end and k < j + 6:
            t = doc_toks[k]
            if t.pos_ in ("NOUN", "PROPN", "PRON") and not t.like_num:
                nxt = doc_toks[k + 1] if k + 1 < sent_end else None
                if nxt is not None and nxt.dep_ == "case" and k + 2 < sent_end:
                    k += 2  # "two of Khan's bodyguards"
                    continue
                if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.dep_ != "conj":
                    k += 1
                    continue
                return t
            if t.pos_ in ("VERB", "AUX", "PUNCT", "ADP", "CCONJ") and t.lower_ not in ("-",):
                return None
            k += 1
        return None
    head = last.head
    if head.i >= num.end and head.pos_ in ("NOUN", "PROPN") and head.i - num.end <= 4 and token_sent(doc, head.i) == token_sent(doc, last.i):
        return head
    k = j
    while k < sent_end and k < j + 5:
        t = doc_toks[k]
        if t.pos_ in ("NOUN", "PROPN") or (t.ent_type_ == "NORP" and t.pos_ != "ADJ"):
            nxt = doc_toks[k + 1] if k + 1 < sent_end else None
            if nxt is not None and nxt.pos_ == "NOUN" and t.dep_ in ("compound", "amod"):
                k += 1
                continue
            return t
        if t.pos_ not in ("ADJ", "ADV") and t.ent_type_ != "NORP" and t.text not in ("-",):
            return None
        k += 1
    return None


def _noun_class(noun: Token | None, lex: FiguresLexicon) -> str | None:
    if noun is None:
        return None
    low = noun.lower_
    for key in (noun.lemma_.lower(), low, low[:-1] if low.endswith("s") else low,
                low[:-2] if low.endswith("es") else low):
        if key in lex.noun_class:
            return lex.noun_class[key]
    if noun.ent_type_ == "NORP":
        return "person"
    return None


def _rule_matches(rule: KindRule, tok: Token, cls: str | None) -> bool:
    lemma = tok.lemma_.lower()
    hit = False
    if (lemma in rule.verbs or tok.lower_ in rule.verbs) and tok.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
        hit = True
    elif lemma in rule.particles:
        words = rule.particles[lemma]
        hit = any(c.lower_ in words for c in tok.children)
    elif tok.lower_ in rule.adjectives or lemma in rule.adjectives:
        hit = True
    if not hit:
        return False
    return rule.objects is None or cls in rule.objects


def _kind_from_tree(anchor: Token, cls: str | None, lex: FiguresLexicon) -> tuple[str, Token] | None:
    """The kind given by the verb or predicate the counted phrase belongs to."""
    # predicates attached to the counted noun: "20 people killed", "12 soldiers wounded"
    for child in anchor.children:
        if child.dep_ in ("acl", "amod", "relcl") and child.i > anchor.i:
            for rule in lex.rules:
                if _rule_matches(rule, child, cls):
                    return rule.kind, child
    tok = anchor
    verbs_seen = 0
    for _ in range(6):
        if tok.head is tok:
            break
        dep = tok.dep_
        tok = tok.head
        if dep in ("conj",) and tok.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            continue
        if dep == "nsubj" and tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() not in lex.intransitive \
                and any(c.dep_ in ("dobj", "ccomp") for c in tok.children):
            return None  # the doer, not what is counted: "two blasts killed 20 people"
        for rule in lex.rules:
            if _rule_matches(rule, tok, cls):
                return rule.kind, tok
        # "12 dead": complements of the predicate
        if tok.pos_ in ("VERB", "AUX"):
            for child in tok.children:
                if child.dep_ in ("acomp", "oprd", "attr") and child.i != anchor.i:
                    for rule in lex.rules:
                        if child.lower_ in rule.adjectives or child.lemma_.lower() in rule.adjectives:
                            return rule.kind, child
                        if tok.lemma_.lower() in rule.particles and child.lower_ in rule.particles[tok.lemma_.lower()]:
                            return rule.kind, tok
            verbs_seen += 1
            if verbs_seen >= 2 or tok.lemma_.lower() in _STOP_VERB_LEMMAS or tok.dep_ in ("ccomp", "ROOT"):
                break
    return None


def _kind_from_window(doc: Doc, i: int, cls: str | None, lex: FiguresLexicon) -> tuple[str, Token] | None:
    """When the parse loses the phrase: a predicate right after it ('... 5 civilians were killed')."""
    end = min(len(doc), i + 4)
    for k in range(i, end):
        t = doc_tokens(doc)[k]
        if t.pos_ == "AUX" or t.pos_ == "ADV" or t.lower_ in ("been", "being", "have", "had", "has"):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            return None  # the predicate has a subject of its own: the parse did not lose ours
        for rule in lex.rules:
            if _rule_matches(rule, t, cls):
                return rule.kind, t
        return None
    return None


def _kind_from_noun(noun: Token | None, num: _Number, doc: Doc, lex: FiguresLexicon) -> str | None:
    cands = [noun] if noun is not None else []
    if num.end < len(doc):
        cands.append(doc_tokens(doc)[num.end])
    for tok in cands:
        for rule in lex.rules:
            if tok.lower_ in rule.nouns or tok.lemma_.lower() in rule.nouns:
                return rule.kind
            if tok.i == num.end and (tok.lower_ in rule.adjectives) and tok.pos_ in ("ADJ", "NOUN", "VERB"):
                return rule.kind
    return None


def _actor(noun: Token, num: _Number) -> dict[str, Any]:
    """Whose figure it is: the counted noun with its modifiers ('Russian servicemen')."""
    left = noun.i
    for child in noun.lefts:
        if child.i >= num.end and child.dep_ in ("amod", "compound", "nmod") and child.i < left:
            left = child.i
    doc = noun.doc
    while left < noun.i and (doc_tokens(doc)[left].lower_ in _DETERMINERS or doc_tokens(doc)[left].is_punct):
        left += 1
    span = doc[left:noun.i + 1]
    actor: dict[str, Any] = {"text": span.text,
                             "span": {"start": span.start_char, "end": span.end_char, "text": span.text}}
    try:
        from eventwire.knowledge.actors import lookup_actor  # written by the actors issue
    except ImportError:
        return actor
    try:
        found = lookup_actor(span.text)
    except Exception:  # the dictionary is another stage's: a failure there must not lose the figure
        found = None
    if found is not None:
        for key in ("name", "country", "sector", "acled_type", "inter_code"):
            value = getattr(found, key, None)
            if value is not None:
                actor[key] = value
    return actor


def _values(num: _Number, role: str | None) -> tuple[float | None, float | None, float | None]:
    if num.vague is not None:
        v = num.vague
        if role == "lower":
            return num.low, None, None
        if role == "upper":
            return None, None, v.high if v.high is not None else num.low
        return v.low, v.best, v.high
    if num.high is not None:
        return num.low, None, num.high
    value = num.low
    if role == "lower":
        return value, None, None
    if role == "upper":
        return None, None, value
    if role == "near":
        return None, value, value
    if role == "approx":
        return None, value, None
    return value, value, value


def find_quantities(doc: Doc) -> list[Span]:
    """The figures in a Doc as spans with their `quantity` payloads."""
    doc_toks = doc_tokens(doc)
    lex = figures_lexicon()
    out: list[Span] = []
    i = 0
    last_end = 0  # token after the previous figure
    measure_end: int | None = None  # token after the previous figure with a unit
    n = len(doc)
    while i < n:
        tok = doc_toks[i]
        first = tok.lower_
        if not (tok.like_num or first in ("a", "an", "several", "dozens", "hundreds", "thousands", "tens",
                                          "scores", "millions", "numerous", "multiple")
                or _DIGIT_RANGE.match(tok.text) or _DIGIT_SCALE.match(tok.text)):
            i += 1
            continue
        num = _read_number(doc, i, lex)
        if num is None:
            i += 1
            continue
        # a range after the number: "one to two", "10-15", "between 3 and 5"
        qual = _qualifier_before(doc, num.start, lex, last_end)
        role = qual[2] if qual else None
        if num.high is None and num.vague is None and num.end + 1 < n and doc_toks[num.end].lower_ in _RANGE_WORDS:
            joiner = doc_toks[num.end].lower_
            other = _read_number(doc, num.end + 1, lex)
            if other is not None and other.vague is None and other.high is None and \
                    (joiner != "and" or role == "range") and other.low >= num.low:
                num = _Number(num.start, other.end, num.low, other.low)
        start = qual[0] if qual else num.start
        qualifier = qual[1] if qual else None
        if num.vague is not None and qualifier is None:
            qualifier = num.vague.text
        # money written before the figure: "$40 billion"
        unit: str | None = None
        kind: str | None = None
        if start > 0 and doc_toks[start - 1].lower_ in _MONEY_PREFIX:
            start -= 1
            unit, kind = _MONEY_PREFIX[doc_toks[start].lower_], "money"
        end = num.end
        if unit is None:
            found = _unit_at(doc, end, lex)
            if found is not None:
                end, unit, kind = found
        # a conversion in brackets right after a measure: "(0.6-1.2 miles)"
        if measure_end is not None and num.start >= 1 and doc_toks[num.start - 1].text == "(" \
                and num.start - 1 == measure_end:
            i = max(end, num.end)
            continue
        if any(_skip_token(doc_toks[k]) for k in range(num.start, num.end)) and unit is None:
            i = num.end
            continue
        if unit is None and _hyphen_compound(doc, num.end):
            i = num.end  # "a ten-storey building", "a five-year plan": a modifier, not a count
            continue
        noun = None if unit is not None else _counted_noun(doc, num)
        partitive = noun is not None and noun.i > num.end and doc_toks[num.end].lower_ == "of" \
            and any(c.dep_ == "nummod" or c.like_num for c in noun.lefts)
        actor: dict[str, Any] | None = None
        cue_tok: Token | None = None
        if kind is None:
            cls = _noun_class(noun, lex)
            if cls == "time" or (noun is not None and noun.pos_ == "PROPN" and cls is None
                                 and noun.ent_type_ != "NORP" and noun.is_title):
                i = num.end  # spans of time, fractions, and names with a number ("the 52 Project")
                continue
            kind = _kind_from_noun(noun, num, doc, lex)
            if kind is None:
                anchor = noun if noun is not None and noun.pos_ != "PRON" and not partitive else doc_toks[num.end - 1]
                found_kind = _kind_from_tree(anchor, cls, lex)
                if found_kind is None and anchor is not doc_toks[num.end - 1]:
                    found_kind = _kind_from_tree(doc_toks[num.end - 1], cls, lex)
                if found_kind is None and partitive and noun is not None:
                    found_kind = _kind_from_tree(noun, cls, lex)
                if found_kind is None and (noun is None or noun.dep_ not in ("nsubj", "dobj", "nsubjpass")):
                    found_kind = _kind_from_window(doc, noun.i + 1 if noun is not None else num.end, cls, lex)
                if found_kind is not None:
                    kind, cue_tok = found_kind
            if kind is None and cls is not None:
                kind = lex.default_kind.get(cls, "count")
            if kind is None and noun is not None and noun.pos_ in ("NOUN", "PROPN") and num.vague is None:
                kind = "count"
            if kind is None:
                i = num.end
                continue
            if noun is not None and noun.pos_ != "PRON":
                if noun.i < num.start or (kind == "count" and _is_year_like(doc, num)):
                    i = num.end
                    continue
                if not partitive:  # "21 of the 25 drones": the second figure is its own
                    end = max(end, noun.i + 1)
                unit = "people" if (noun.ent_type_ == "NORP" and cls == "person") else noun.lower_
                if cls == "person":
                    actor = _actor(noun, num)
        lone_one = num.low == 1 and num.high is None and num.vague is None and qual is None and cue_tok is None
        if (lone_one and kind == "count") or (noun is None and unit is None and kind == "count"):
            i = num.end  # "one of ...", "one" as a pronoun
            continue
        low, best, high = _values(num, role)
        span = doc[start:end]
        payload: dict[str, Any] = {"kind": kind, "low": low, "best": best, "high": high, "unit": unit,
                                   "qualifier": qualifier, "actor": actor}
        span._.quantity = payload
        out.append(span)
        if kind in ("distance", "area", "money", "mass", "percent"):
            measure_end = end
        last_end = end
        i = max(end, num.end)
    return out


def _hyphen_compound(doc: Doc, i: int) -> bool:
    """Whether token i starts '-word' glued to the figure before it ('ten-storey')."""
    doc_toks = doc_tokens(doc)
    if i + 1 >= len(doc) or doc_toks[i].text not in ("-", "–") or doc_toks[i].whitespace_ or doc_toks[i - 1].whitespace_:
        return False
    nxt = doc_toks[i + 1]
    return nxt.is_alpha and not nxt.like_num


def _is_year_like(doc: Doc, num: _Number) -> bool:
    text = doc_tokens(doc)[num.start].text
    return num.end - num.start == 1 and text.isdigit() and len(text) == 4 and 1800 <= int(text) <= 2100


@Language.component("eventwire_quantities")
def quantities_component(doc: Doc) -> Doc:
    doc.spans[QUANTITIES] = find_quantities(doc)
    return doc
