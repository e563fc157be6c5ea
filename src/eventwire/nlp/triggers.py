"""spaCy component `eventwire_triggers`: event triggers read through the dependency parse.

Writes span group `TRIGGERS`; each span's payload `span._.trigger` is a plain dict:

    {"entry": "strike-attack", "family": "fight", "acled": [type, sub] | None,
     "plover": [TYPE, mode] | None, "context": [...], "modality": "occurred" | ...,
     "rule": "lexicon:strike-attack+weapon:weapon_drone", "confidence": 0.8,
     "head": token index, "subject": [start_char, end_char] | None, "object": [..] | None,
     "object_is_actor": bool, "weapon": class | None, "victims": "civ" | "mil" | None,
     "territory": bool, "consequence": bool, "anaphoric": bool, "absorb": bool,
     "clause": token index of the clause the trigger belongs to, "governor": token index of
     the trigger that embeds it (absorbing verbs) | None}

The lexicon and word classes are data (`knowledge/data/events/`); this module only reads the
parse: who is the subject / object / instrument of each trigger, what modifies it, and under
which negation, modal, reporting or "since ..." construction it sits. `eventwire.assemble.events`
turns the layer into Event records.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventwire.knowledge.actors import dictionary as actor_dictionary
from eventwire.knowledge.actors import match_actor_cached as match_actor
from eventwire.knowledge.triggers import Lexicon, TriggerEntry, lexicon
from eventwire.nlp.layers import TRIGGERS, doc_text, doc_tokens, token_sent

if not Span.has_extension("trigger"):
    Span.set_extension("trigger", default=None)

VERB_POS = {"VERB"}
NOUN_POS = {"NOUN", "PROPN"}
RANGED = ("weapon_chemical", "weapon_suicide", "weapon_drone", "weapon_air", "weapon_artillery",
          "weapon_grenade", "weapon_ied")
QUANTITY_HEADS = {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "number", "score", "scores",
                  "some", "several", "many", "group", "couple", "handful", "most", "all", "part", "one", "two",
                  "three", "four", "five", "million", "millions", "lot", "lots", "batch", "wave", "series", "team",
                  "unit", "contingent", "convoy", "column", "majority", "rest", "more", "none", "each", "both",
                  "tonne", "ton", "kilogram", "kg", "litre", "liter", "barrel", "truckload", "shipment", "package",
                  "consignment", "crate", "box", "bag", "tranche", "amount", "quantity", "cache", "stockpile",
                  "dollar", "euro", "billion", "worth", "pound", "tons", "tonnes", "crowd", "crowds", "band",
                  "gang"}
LIGHT_VERBS = {"launch", "carry", "conduct", "stage", "mount", "make", "hold", "unleash", "declare", "impose",
               "intensify", "continue", "begin", "start", "step", "order", "announce", "introduce", "prompt",
               "trigger", "perpetrate", "commit", "claim", "undertake", "execute", "wage", "resume", "escalate",
               "initiate", "lead", "spearhead", "orchestrate", "do", "plan", "report", "pursue", "open"}
THREAT_VERBS = {"threaten", "vow", "warn", "swear"}
PLAN_VERBS = {"plan", "intend", "prepare", "aim", "seek", "want", "hope", "expect", "propose", "consider",
              "mean", "scheme", "plot", "try", "attempt", "push", "set", "decide", "agree", "offer", "ready",
              "urge", "call", "ask", "demand", "wish", "need", "promise", "pledge", "commit"}
ATTEMPT_VERBS = {"try", "attempt", "seek", "aim", "push"}
PREVENT_VERBS = {"prevent", "stop", "avert", "deter", "thwart", "avoid", "halt", "block", "forestall", "foil",
                 "disrupt", "preclude"}
NEG_VERBS = {"deny", "fail", "refuse", "reject", "dismiss", "decline"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPO_AUX = {"could", "might", "may", "would", "should", "can", "must", "ca"}
HYPO_MARK = {"if", "unless", "whether", "lest"}
BACKGROUND_PREP = {"since"}
DEFINITE = {"the", "this", "these", "that", "those", "its", "their", "his", "her", "such", "our"}
PRONOUNS = {"it", "they", "he", "she", "we", "its", "their", "them", "his", "her", "who", "which", "that"}
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
GENERIC_ENTRIES = {"strike-attack", "advance-noun", "casualties", "clash"}
PROTEST_WORDS = {"protest", "protester", "demonstration", "demonstrator", "demonstrate", "rally", "march"}
SUICIDE_WORDS = {"himself", "herself", "themselves", "strapped", "suicide"}
GENERIC_HEADS = {"effort", "mission", "process", "bid", "initiative", "attempt", "drive", "campaign", "plan", "talks",
                 "operation", "deal", "programme", "program", "wave", "spree"}
CAUSAL_VERBS = {"prompt", "trigger", "cause", "spark", "lead", "force", "provoke", "result", "drive", "push",
                "displace", "prevent", "halt", "disrupt", "delay", "fuel"}
ADJUNCT_PREPS = {"at", "near", "outside", "inside", "on", "to", "by", "amid", "throughout", "across", "in",
                 "during", "after", "following", "before", "despite", "over", "since", "from", "against", "of",
                 "into", "for", "about"}
# heads whose "of" phrase is part of the name: "ministry of defence", "hundreds of residents"
OF_HEADS = {"ministry", "forces", "army", "president", "government", "minister", "military",
            "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores"}
CLAUSE_DEPS = {"ccomp", "parataxis", "relcl", "csubj"}


def _nominal(tok: Token) -> bool:
    """A noun, or a gerund the tagger left as a verb in a noun's place ('Ukrainian shelling and ...')."""
    if tok.pos_ in NOUN_POS:
        return True
    return tok.tag_ == "VBG" and tok.dep_ in {"amod", "compound", "pobj", "dobj", "nsubj", "nsubjpass"} and not any(
        c.dep_ in {"dobj", "aux", "nsubj"} for c in tok.children)


TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
              "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
              "day", "night", "week", "month", "year", "morning", "evening", "afternoon", "weekend", "overnight",
              "today", "yesterday", "tonight", "dawn", "dusk", "midnight", "noon", "hour", "time"}


def _whole_phrase(tok: Token) -> str:
    toks = _phrase_tokens(tok)
    return doc_text(tok.doc)[toks[0].idx: toks[-1].idx + len(toks[-1].text)]


MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"}


def _timeword(tok: Token) -> bool:
    """A date or time phrase ('on Wednesday', 'on 3 March'), read without the NER."""
    if tok.lower_ in MONTHS:
        return tok.text[:1].isupper()  # "March" the month, "a march" the protest
    return tok.lower_ in TIME_WORDS or tok.lemma_.lower() in TIME_WORDS or (tok.like_num and any(
        c.lower_ in TIME_WORDS and (c.lower_ not in MONTHS or c.text[:1].isupper()) for c in tok.subtree))


def _placename(tok: Token) -> bool:
    """A proper name that is not an actor: read as a place ('captured Bakhmut'), without the NER."""
    if not tok.text[:1].isupper():
        return False
    if tok.pos_ != "PROPN" and not (tok.pos_ == "NOUN" and tok.i > token_sent(tok.doc, tok.i).start and tok.tag_ != "NNS"
                                    and not tok.text.isupper()):
        return False  # a capitalised common noun mid-sentence is a name the tagger missed ("Homs")
    found = match_actor(tok.text)
    return found is None or found.kind in {"country", "capital"}


def _whole_word(tok: Token) -> str:
    """The white-space delimited word a token is part of, lower-cased ('sit' → 'sit-in')."""
    text = doc_text(tok.doc)
    a, b = tok.idx, tok.idx + len(tok.text)
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    while b < len(text) and not text[b].isspace():
        b += 1
    return text[a:b].strip(".,;:!?\"'()“”‘’").lower()


PHRASES_KEY = "ew_phrase_tokens"  # doc.user_data: token index → indices of its noun phrase (ints: picklable)


def _phrase_tokens(tok: Token) -> list[Token]:
    """The noun phrase of a head: its left modifiers and the head (no relative clauses or PPs).

    Memoised per Doc (the trigger layer and the assemblers ask for the same heads many times; the
    parse is final by the time either reads it)."""
    doc = tok.doc
    memo = doc.user_data.get(PHRASES_KEY)
    if memo is None:
        memo = doc.user_data[PHRASES_KEY] = {}
    idxs = memo.get(tok.i)
    if idxs is None:
        idxs = memo[tok.i] = tuple(t.i for t in _phrase_tokens_uncached(tok))
    toks = doc_tokens(doc)
    return [toks[i] for i in idxs]


def _phrase_tokens_uncached(tok: Token) -> list[Token]:
    keep = [tok]
    for child in tok.lefts:
        if child.dep_ in {"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "predet", "npadvmod",
                          "advmod", "case", "punct", "flat"}:
            keep.extend(child.subtree)
    for child in tok.rights:
        owner_of = child.dep_ == "prep" and child.lower_ == "of" and (tok.lemma_.lower() in OF_HEADS or (
            tok.pos_ == "PROPN" and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in child.children)))
        if child.dep_ in {"compound", "flat", "case"} or owner_of:
            keep.extend(child.subtree)
    keep = sorted(set(keep), key=lambda t: t.i)
    while keep and keep[0].dep_ == "punct":
        keep.pop(0)
    while keep and keep[-1].dep_ in {"punct", "case"} and keep[-1].i != tok.i:
        keep.pop()
    return keep


def _through_quantity(tok: Token) -> Token:
    """'dozens of settlements' → settlements; 'a group of soldiers' → soldiers."""
    seen = 0
    while tok.lemma_.lower() in QUANTITY_HEADS or tok.lower_ in QUANTITY_HEADS:
        nxt = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        if nxt is None:
            break
        pobj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
        if pobj is None or seen > 3:
            break
        tok, seen = pobj, seen + 1
    return tok


def _through_gerund(tok: Token) -> Token:
    """'vetoed a resolution censuring X' misparsed with the gerund as the object's head and the noun
    as its compound: the noun is the object."""
    if tok.tag_ != "VBG":
        return tok
    noun = next((c for c in reversed(list(tok.lefts)) if c.dep_ == "compound" and c.pos_ == "NOUN"), None)
    return noun if noun is not None else tok


def _up_to_object(tok: Token) -> Token | None:
    """'kidnapped up to 16 advisers' parsed as a particle 'up' and a PP 'to 16 advisers': the object."""
    prt = next((c for c in tok.children if c.dep_ == "prt" and c.lower_ == "up"), None)
    if prt is None:
        return None
    for prep in (c for c in (*prt.children, *tok.children) if c.dep_ == "prep" and c.lower_ == "to"):
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if pobj is not None and prep.i == prt.i + 1 and any(g.dep_ == "nummod" or g.like_num for g in pobj.lefts):
            return pobj
    return None


def _bare_before_conj(tok: Token) -> bool:
    """'shot and killed a protester': no argument of the first verb stands before 'and'."""
    conj = next((c for c in tok.rights if c.dep_ == "conj"), None)
    if conj is None:
        return True
    return not any(c.dep_ in {"dobj", "prep", "prt", "dative", "xcomp", "ccomp", "npadvmod"} and c.i < conj.i
                   for c in tok.rights)


def _lemmas_of_phrase(tok: Token) -> list[str]:
    mods = [c.lemma_.lower() for c in tok.lefts if c.dep_ in {"compound", "amod", "nmod"}]
    return [*mods, tok.lemma_.lower()]


class _Reader:
    """Reads one Doc's parse for the trigger layer."""

    def __init__(self, doc: Doc, lex: Lexicon) -> None:
        self.doc = doc
        self.toks = doc_tokens(doc)
        self.lex = lex
        self._classes: dict[int, set[str]] = {}
        self._args: dict[tuple[str, int], Token | None] = {}
        self.cue: str | None = None  # what set the last modality ("will", "plan", "try" ...)
        self.cue_token: Token | None = None  # the word that is the cue, when it is a word of the text
        self._sent_facts: dict[tuple[str, int], Any] = {}
        self._years: list[int] | None = None
        self._weapons: dict[int, tuple[str, ...]] = {}

    def sent(self, tok: Token) -> Span:
        """`tok.sent`, from the Doc's sentences read once (spaCy walks to the boundaries on each call)."""
        return token_sent(self.doc, tok.i)

    def year_between(self, first: int, last: int) -> bool:
        """Is any token from `first` to `last` (inclusive) a year ('2022')? Years are found once per Doc."""
        if self._years is None:
            self._years = [t.i for t in self.toks if YEAR.match(t.text)]
        return any(first <= i <= last for i in self._years)

    def sent_fact(self, name: str, tok: Token, read: Any) -> Any:
        """A fact about the sentence of `tok` (`read(sentence)`), computed once per sentence."""
        sent = self.sent(tok)
        key = (name, sent.start)
        if key not in self._sent_facts:
            self._sent_facts[key] = read(sent)
        return self._sent_facts[key]

    # ---- word classes of a noun phrase ----------------------------------------------------
    def classes(self, tok: Token | None) -> set[str]:
        if tok is None:
            return set()
        tok = _through_quantity(tok)
        cached = self._classes.get(tok.i)
        if cached is None:
            cached = self._classes[tok.i] = self._classes_uncached(tok)
        return cached

    def _classes_uncached(self, tok: Token) -> set[str]:
        if _timeword(tok):
            return set()  # "On 11 March": a date, not a march
        if tok.pos_ == "PRON" and tok.lower_ in {"which", "that", "who"} and tok.head.dep_ == "relcl":
            return self.classes(tok.head.head)  # "Homs, which was then entered by ..."
        if tok.pos_ == "PRON" and tok.lower_ in {"them", "they", "him", "her", "it", "he", "she"}:
            ante = self.antecedent(tok)
            return self.classes(ante) if ante is not None else set()
        words = _lemmas_of_phrase(tok)
        out = self.lex.classes_of(words)
        out |= self.lex.classes_of([tok.lower_])
        word = _whole_word(tok)
        if word != tok.lower_:
            out |= self.lex.classes_of([word])  # "sit-in", "anti-tank mine"
        # "prisoners of war"
        of = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None:
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                out |= self.lex.classes_of([f"{tok.lemma_.lower()} of {pobj.lemma_.lower()}"])
        if _placename(tok) and "person_mil" not in out:
            out.add("place")
        for mod in words[:-1]:
            out |= {c for c in self.lex.classes_of([mod]) if c.startswith("weapon_") or c == "crowd_control"}
        text = " ".join(t.text for t in _phrase_tokens(tok))
        head_is_actor = tok.pos_ == "PROPN" or tok.lemma_.lower() in actor_dictionary().roles or \
            tok.lower_ in actor_dictionary().roles
        if out & {"property", "place", "civilian_place", "military_place"} and tok.pos_ != "PROPN":
            head_is_actor = False  # "a school", "the hospital": a place, not its people
        found = match_actor(text) if head_is_actor else None
        if any(c.dep_ == "acl" and c.lemma_.lower() in {"protest", "demonstrate", "riot", "march"}
               for c in tok.children):
            out.add("protesters")
        if out & {"aerial_threat", "weapon_drone", "weapon_air", "weapon_artillery"}:
            found = None  # "attack drones", "warplanes": machines, not the forces flying them
        if found is not None and found.kind == "people":
            out.add("nationals")  # "40 Russians": a people, soldiers or civilians as the verb tells
        if found is not None and found.kind not in {"demonym", "country", "capital"}:
            if found.sector in {"MIL", "REB", "COP", "PRM", "UAF", "SPY"}:
                out.add("person_mil")
            elif found.sector in {"CVL", "REF", "MED", "JRN", "EDU", "LAB", "REL", "OPP", "BUS"}:
                out.add("person_civ")
            elif found.sector in {"GOV", "LEG", "JUD", "PTY"}:
                out.add("person_official")
        if tok.pos_ == "PROPN" and found is not None and found.kind == "named" and found.sector not in {
                "MIL", "REB", "PRM"} and not out & {"person_mil", "person_civ"}:
            out.add("person_civ")
        if "protesters" in out:
            out.discard("person_civ")
        return out

    def antecedent(self, tok: Token) -> Token | None:
        """The nearest earlier noun phrase a pronoun may stand for (this and the previous sentence)."""
        sent = self.sent(tok)
        lo = sent.start
        if sent.start > 0:
            lo = self.sent(self.toks[sent.start - 1]).start
        plural = tok.lower_ in {"them", "they"}
        for deps in ({"nsubj", "dobj", "nsubjpass"}, {"pobj"}):  # arguments before objects of prepositions
            for k in range(tok.i - 1, lo - 1, -1):
                c = _through_quantity(self.toks[k])
                number_ok = plural == (c.tag_ in {"NNS", "NNPS"}) or c.lemma_.lower() in {"people", "police", "crowd"}
                if self.toks[k].pos_ in NOUN_POS and self.toks[k].dep_ in deps and not _timeword(c) and number_ok:
                    return c
        return None

    def weapon_classes(self, toks: list[Token]) -> list[str]:
        found: list[str] = []
        for tok in toks:
            classes = self._weapons.get(tok.i)
            if classes is None:
                classes = self._weapons[tok.i] = self._token_weapons(tok)
            for c in classes:
                if c not in found:
                    found.append(c)
        return found

    def _token_weapons(self, tok: Token) -> tuple[str, ...]:
        """The weapon classes one token names, in name order (read once per token and Doc)."""
        if tok.pos_ not in NOUN_POS | {"ADJ", "VERB"}:
            return ()
        if tok.i >= 2 and self.toks[tok.i - 1].text == "-" and self.toks[tok.i - 2].lower_ in {"anti", "counter"}:
            return ()  # "anti-tank mine", "anti-aircraft gun": what it is against, not what it is
        classes = self.lex.classes_of(_lemmas_of_phrase(tok)) | self.lex.classes_of([tok.lower_])
        if "not_weapon" in classes:
            return ()  # "a copper mine", "gas prices"
        if "crowd_control" in classes:
            classes -= {"weapon_chemical", "weapon_firearm", "weapon_grenade"}  # tear gas, rubber bullets
        if "riot_weapon" in classes and {c.lemma_.lower() for c in tok.lefts} & {"petrol", "molotov", "fire"}:
            classes -= {"weapon_ied", "weapon_artillery"}  # petrol bombs are thrown, not planted
        return tuple(c for c in sorted(classes) if c.startswith("weapon_"))

    # ---- arguments ------------------------------------------------------------------------
    @staticmethod
    def child(tok: Token, *deps: str) -> Token | None:
        return next((c for c in tok.children if c.dep_ in deps), None)

    @staticmethod
    def prep_objects(tok: Token, preps: set[str]) -> list[Token]:
        out = []
        for c in tok.children:
            if c.dep_ in {"prep", "agent"} and c.lower_ in preps:
                for p in c.children:
                    if p.dep_ in {"pobj", "pcomp"}:
                        out.append(p)
                        out.extend(x for x in p.conjuncts)
        return out

    @staticmethod
    def arg_token(tok: Token) -> Token:
        """'have detained/AUX blindfolded/ROOT ...': a main verb the tagger took for an auxiliary."""
        if tok.dep_ == "aux" and tok.pos_ == "AUX" and tok.head.i != tok.i:
            return tok.head
        return tok

    def subject_of(self, tok: Token, depth: int = 0) -> Token | None:
        if depth == 0:
            key = ("s", tok.i)
            if key not in self._args:
                self._args[key] = self._subject_of(tok, 0)
            return self._args[key]
        return self._subject_of(tok, depth)

    def _subject_of(self, tok: Token, depth: int = 0) -> Token | None:
        if depth > 4:
            return None
        tok = self.arg_token(tok)
        if _nominal(tok) and tok.dep_ != "ROOT":
            return self.noun_agent(tok)
        subj = self.child(tok, "nsubj", "csubj")
        if subj is not None:
            return subj
        agent = self.prep_objects(tok, {"by"})
        if agent and self.child(tok, "nsubjpass", "auxpass") is not None:
            return agent[0]
        if tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.head.lemma_.lower() in {
                "show", "see", "film", "watch", "depict", "photograph", "record", "capture", "spot", "picture"}:
            seen = self.child(tok.head, "dobj")
            if seen is not None:
                return seen
        if tok.dep_ == "conj" and tok.head.dep_ == "advcl" and tok.head.tag_ == "VBG":
            return self.subject_of(tok.head, depth + 1)
        if tok.dep_ == "pcomp" and tok.head.lower_ in {"of", "for"} and tok.head.head.lemma_.lower() in {
                "accuse", "blame", "charge", "suspect", "convict", "condemn", "criticise", "criticize", "praise",
                "thank", "punish", "arrest", "detain", "sanction", "indict"}:
            accused = self.child(tok.head.head, "dobj")
            if accused is not None:
                return accused  # "accused Darfur rebels of violating ..." → the rebels
        if tok.dep_ in {"advcl", "pcomp"} and self.child(tok, "auxpass") is not None:
            return None  # "died after being beaten": the head's subject is who suffered it
        if tok.dep_ in {"xcomp", "advcl", "conj", "pcomp", "ccomp"} and tok.head.i != tok.i:
            head = tok.head
            if tok.dep_ == "pcomp" and head.head.i != head.i:
                head = head.head
            if tok.dep_ == "xcomp":
                obj = self.child(head, "dobj")
                if obj is not None and head.lemma_ in {"urge", "ask", "order", "force", "call", "allow"}:
                    return obj
            return self.subject_of(head, depth + 1) if head.pos_ in VERB_POS | {"AUX"} else None
        if tok.dep_ == "acl" and tok.head.pos_ in NOUN_POS:
            return tok.head
        if tok.dep_ == "relcl" and tok.head.pos_ in NOUN_POS:
            return tok.head
        return None

    def noun_agent(self, tok: Token) -> Token | None:
        if tok.dep_ == "compound" and tok.head.lemma_.lower() in GENERIC_HEADS:
            tok = tok.head  # "launched a mediation effort": the effort's agent
        poss = self.child(tok, "poss")
        if poss is not None:
            return poss
        by = self.prep_objects(tok, {"by", "from"})
        if by:
            return by[0]
        for c in tok.lefts:
            if c.dep_ in {"amod", "compound", "nmod"} and c.text[:1].isupper() and match_actor(c.text) is not None:
                if c.lemma_.lower() in self.lex.classes.get("weapon_drone", frozenset()) | self.lex.classes.get(
                        "weapon_air", frozenset()):
                    continue
                return c
        head = tok.head
        if tok.dep_ in {"dobj", "attr"} and head.lemma_.lower() in LIGHT_VERBS:
            return self.subject_of(head, 1)
        verb = head.head if tok.dep_ == "pobj" and head.dep_ == "prep" else head
        if tok.dep_ in {"dobj", "attr", "pobj"} and verb.pos_ in VERB_POS and verb.i != tok.i and \
                verb.lemma_.lower() not in self.lex.by_verb and verb.lemma_.lower() not in SAY_VERBS:
            # "lifted a blockade", "speeded up the withdrawal", "arrived ... on a visit": the verb's subject
            subj = self.child(verb, "nsubj")
            if subj is not None and subj.i != tok.i:
                return subj
        for k in range(tok.i - 1, max(self.sent(tok).start, tok.i - 6) - 1, -1):
            left = self.toks[k]
            if left.pos_ not in {"ADJ", "NOUN", "PROPN", "CCONJ", "VERB", "PUNCT"} or left.lower_ in {".", ";", ":"}:
                break
            if left.pos_ in {"ADJ", "PROPN"} and left.text[:1].isupper():
                found = match_actor(left.text)
                if found is not None and found.country:
                    return left
        if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB" and head.lower_ in {"in", "during"}:
            return None
        return None

    def object_of(self, tok: Token) -> Token | None:
        key = ("o", tok.i)
        if key not in self._args:
            self._args[key] = self._object_of(tok)
        return self._args[key]

    def aimed_at(self, tok: Token, obj: Token | None) -> Token | None:
        """Where a fired weapon was aimed ("fired four shells at X", "launched artillery and rocket fire
        against X"): the target the payload names instead of the munition; None when nothing is named."""
        if obj is None or not self.weapon_classes([obj]):
            return None
        verb = self.arg_token(tok)
        on = self.prep_objects(verb, {"on", "at", "against", "into"}) or [
            p for o in (obj, *obj.conjuncts) for p in self.prep_objects(o, {"on", "at", "against", "into"})]
        on = [p for p in on if not _timeword(p)]
        if not on:
            return None
        aimed = _through_quantity(on[0])
        # "fired shells at targets in Jericho": the place the generic target noun is in
        if aimed.lemma_.lower() in AIM_POINTS:
            where = [p for p in self.prep_objects(aimed, {"in", "inside"}) if p.pos_ == "PROPN"]
            if where:
                return where[0]
        return aimed

    def gathering_agent(self, tok: Token, obj: Token | None) -> Token | None:
        """Who held a gathering that is the object ("dispersed a rally by opposition supporters",
        "prevented the demonstration staged by students"): they are the target, not the rally."""
        if obj is None or obj.pos_ not in NOUN_POS or "protesters" not in self.lex.classes_of([obj.lemma_.lower()]):
            return None
        agents = self.prep_objects(obj, {"by"})
        for c in obj.children:
            if not agents and c.dep_ == "acl" and c.tag_ == "VBN":
                agents = self.prep_objects(c, {"by"})  # "staged by", "organised by", "called by"
        verb = self.arg_token(tok)
        if not agents and obj.head.i == verb.i and self.child(verb, "auxpass") is None:
            # "broke up a rally by X" parsed with "by X" on the (active) verb, right after the rally
            agents = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "by" and
                      c.i == obj.right_edge.i + 1 for p in c.children if p.dep_ == "pobj"]
        return _through_quantity(agents[0]) if agents else None

    def defied(self, tok: Token) -> Token | None:
        """Whom a protest is made against when the clause says so in an adjunct ("marched in defiance of
        the government", "blocked roads in protest against the new tax"): that, not the streets."""
        verb = self.arg_token(tok)
        for noun in self.prep_objects(verb, {"in"}):
            preps = DEFIANCE_NOUNS.get(noun.lemma_.lower())
            if preps:
                against = [p for p in self.prep_objects(noun, preps) if not _timeword(p)]
                if against:
                    return _through_quantity(against[0])
        return None

    def _object_of(self, tok: Token) -> Token | None:
        tok = self.arg_token(tok)
        if _nominal(tok):
            on = [p for p in self.prep_objects(tok, {"on", "against", "at", "of"}) if not _timeword(p)]
            return _through_quantity(on[0]) if on else None  # "a bombing on Sunday": a date, not a target
        obj = self.child(tok, "dobj") or _up_to_object(tok)
        if obj is None and not self.child(tok, "nsubjpass") and _bare_before_conj(tok):
            # "shot and killed a protester", "discovered and destroyed an IED": a shared object
            # (only when nothing stands between the verb and "and": "kidnapped six civilians from a
            # bazaar and exploded bombs" shares nothing)
            sib = next((c for c in tok.children if c.dep_ == "conj" and c.pos_ in VERB_POS and not any(
                g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)), None)
            if sib is not None and self.child(sib, "dobj") is not None:
                obj = self.child(sib, "dobj")
            elif tok.dep_ == "conj" and tok.head.pos_ in VERB_POS and self.child(tok.head, "dobj") is not None \
                    and tok.i < (self.child(tok.head, "dobj") or tok).i:
                obj = self.child(tok.head, "dobj")
        if obj is not None and obj.lemma_.lower() in {"fire", "attack", "strike", "assault", "raid", "barrage", "salvo"}:
            on = self.prep_objects(tok, {"on", "at", "against"}) or self.prep_objects(obj, {"on", "at", "against"})
            if on:
                return _through_quantity(on[0])
        if obj is None:
            obj = self.child(tok, "nsubjpass")
        if obj is None and self.child(tok, "auxpass") is not None and tok.dep_ == "conj":
            obj = self.child(tok.head, "nsubj", "nsubjpass")  # "units advanced but were pushed back"
        if obj is None:
            small = next((c for c in tok.children if c.dep_ in {"ccomp", "xcomp"}), None)
            if small is not None and tok.lemma_.lower() in {"gun", "shoot", "kill", "fire", "beat", "see", "leave",
                                                              "allow", "permit", "let"}:
                obj = self.child(small, "nsubj")  # "gunned down protesters marching ...", "allow X to run"
        if obj is None:
            xcomp = self.child(tok, "xcomp", "oprd")
            if xcomp is not None and xcomp.tag_ in {"VBN", "JJ"}:
                obj = self.child(xcomp, "dobj")
        if obj is None:
            on = [p for p in self.prep_objects(tok, {"on", "against", "at"}) if not _timeword(p)]
            obj = on[0] if on else None
        if obj is not None and _timeword(obj):
            return None
        return _through_quantity(_through_gerund(obj)) if obj is not None else None

    # ---- modality -------------------------------------------------------------------------
    def modality(self, tok: Token, anchor_year: int | None) -> str:
        self.cue_token = None
        chain: list[Token] = []
        cur: Token | None = tok
        steps = 0
        while cur is not None and steps < 12:
            chain.append(cur)
            if cur.head.i == cur.i:
                break
            cur, steps = cur.head, steps + 1
        # background: inside a "since ..." phrase or clause, or pinned to an earlier year
        for a in chain:
            if a.dep_ in {"pobj", "pcomp"} and a.head.lower_ in BACKGROUND_PREP:
                return "background"
            if any(c.dep_ == "mark" and c.lower_ in BACKGROUND_PREP for c in a.children):
                return "background"
            if a.dep_ == "root" or a.dep_ == "ROOT":
                break
        if anchor_year is not None and self.year_between(tok.left_edge.i, tok.right_edge.i):
            for c in tok.subtree:
                if YEAR.match(c.text) and int(c.text) < anchor_year and c.head.i in {tok.i} | {
                        x.i for x in tok.children}:
                    return "background"
        # negation on the trigger or its verb
        self.cue = "not"
        if any(c.dep_ == "neg" for c in tok.children):
            return "negated"
        if tok.pos_ in NOUN_POS and any(c.lower_ in {"no"} and c.dep_ == "det" for c in tok.children):
            return "negated"
        if tok.pos_ in NOUN_POS and tok.dep_ in {"dobj", "nsubjpass", "nsubj"} and any(
                c.dep_ == "neg" for c in tok.head.children):
            return "negated"
        self.cue = None
        auxes = {c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass"}}
        verb = tok
        if tok.pos_ in NOUN_POS and tok.dep_ in {"dobj", "nsubj", "nsubjpass"}:
            verb = tok.head
            auxes |= {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
        going = any(c.lower_ == "going" for c in verb.children) or (
            verb.dep_ == "xcomp" and verb.head.lower_ == "going")
        mods = {c.lower_ for c in tok.children if c.dep_ == "amod"} if tok.pos_ in NOUN_POS else set()
        if mods & {"future", "possible", "potential", "planned", "proposed"} or (
                mods & {"further", "new"} and not _told_as_fact(tok)):
            return "hypothetical" if verb.lemma_.lower() in PREVENT_VERBS | {"for"} or tok.head.lower_ == "for" \
                else "planned"
        prev = tok
        for a in chain[1:]:
            lemma = a.lemma_.lower()
            if (prev.dep_ in {"advcl", "relcl", "parataxis", "conj"} and prev.pos_ in VERB_POS) or \
                    _is_participle_adjunct(prev) or prev.dep_ in {"nsubj", "nsubjpass", "csubj", "agent"}:
                break  # the trigger is not in this verb's complement ("a cyberattack disrupted ...")
            prev = a
            if a.pos_ not in VERB_POS | {"ADJ", "NOUN", "AUX"}:
                continue
            if lemma in THREAT_VERBS:
                self.cue = lemma
                return "threatened"
            if lemma in PREVENT_VERBS or lemma in {"attempt"}:
                self.cue, self.cue_token = lemma, a
                return "hypothetical"
            if lemma in NEG_VERBS and a.i < tok.i:
                self.cue = lemma
                return "negated"
            if lemma in PLAN_VERBS:
                self.cue, self.cue_token = lemma, a
                return "planned"
        if any(c.dep_ == "mark" and c.lower_ in HYPO_MARK for a in chain[:3] for c in a.children):
            return "hypothetical"
        if auxes & FUTURE_AUX or going:
            self.cue = "will"
            return "planned"
        if auxes & HYPO_AUX:
            self.cue = sorted(auxes & HYPO_AUX)[0]
            return "hypothetical"
        return "occurred"

    def clause_of(self, tok: Token) -> int:
        cur = tok
        for _ in range(12):
            if cur.head.i == cur.i or cur.dep_ in CLAUSE_DEPS:
                return cur.i
            if cur.dep_ == "advcl" and (any(c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in cur.children)):
                return cur.i
            if cur.dep_ == "conj" and any(c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in cur.children):
                return cur.i
            cur = cur.head
        return cur.i


def _passes(r: _Reader, entry: TriggerEntry, tok: Token, span_toks: list[Token]) -> bool:
    when = entry.when
    if not when:
        return True
    obj = r.object_of(tok)
    if tok.pos_ in NOUN_POS and obj is None and tok.dep_ in {"dobj"}:
        obj = None
    subj = r.subject_of(tok)
    if "object" in when:
        alts = [obj, *r.prep_objects(r.arg_token(tok), {"with"})] if not _nominal(tok) else [obj]
        if not any(r.classes(o) & set(when["object"]) for o in alts if o is not None):
            return False
    if "object_not" in when and obj is not None and r.classes(obj) & set(when["object_not"]):
        return False
    if "subject" in when and not (r.classes(subj) & set(when["subject"])):
        return False
    if "subject_not" in when and subj is not None and r.classes(subj) & set(when["subject_not"]):
        return False
    if "subject_not_sector" in when and subj is not None:
        found = match_actor(" ".join(t.text for t in _phrase_tokens(subj)))
        if found is not None and found.sector in set(when["subject_not_sector"]):
            return False
    if "subject_sector" in when:
        if subj is None:
            return False
        found = match_actor(" ".join(t.text for t in _phrase_tokens(subj)))
        if found is None or found.sector not in set(when["subject_sector"]):
            return False
    if "object_lemma" in when:
        lemmas = set(when["object_lemma"])
        cands = [obj] if obj is not None else []
        cands += [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass", "attr"}]
        if not any(c is not None and (c.lemma_.lower() in lemmas or c.lower_ in lemmas) for c in cands):
            return False
    if "child" in when:
        need = set(when["child"])
        kids = {c.lemma_.lower() for c in tok.children} | {c.lower_ for c in tok.children}
        kids |= {g.lower_ for c in tok.children if c.dep_ in {"advmod", "prt"} for g in c.children}
        if not kids & need:
            return False
    if "pobj_lemma" in when:
        lemmas = set(when["pobj_lemma"])
        pobjs = r.prep_objects(r.arg_token(tok), {"into", "as", "to"})
        if not any(p.lemma_.lower() in lemmas for p in pobjs):
            return False
    if "args" in when:
        need = set(when["args"])
        have = {c.dep_ for c in tok.children} | {c.lower_ for c in tok.children if c.dep_ == "prep"}
        if not have & need:
            return False
    if "prep_actor" in when:
        pobjs = r.prep_objects(r.arg_token(tok), set(when["prep_actor"]))
        if not any((a := match_actor(_whole_phrase(p))) is not None and a.country for p in pobjs):
            return False
    if "prep" in when and not any(c.dep_ == "prep" and c.lower_ in set(when["prep"]) for c in tok.children):
        return False
    if "head" in when:
        heads = {tok.head.lemma_.lower()} if tok.head.i != tok.i else set()
        if tok.dep_ == "pobj":
            heads.add(tok.head.head.lemma_.lower())
        if not heads & set(when["head"]):
            return False
    if "compound_not" in when:
        mods = {c.lemma_.lower() for c in tok.lefts if c.dep_ in {"compound", "amod", "nmod"}}
        if mods & set(when["compound_not"]):
            return False
    if when.get("weapon") == "required" and not set(r.weapon_classes(_instrument_tokens(r, tok, span_toks))) & set(
            RANGED):
        return False
    if "complement" in when:
        words = set(when["complement"])
        vocab = r.lex.classes.get(words.pop(), frozenset()) if len(words) == 1 else frozenset(words)
        comp = [c for c in tok.children if c.dep_ in {"xcomp", "ccomp", "prep", "dobj", "advcl"}]
        if not any(t.lemma_.lower() in vocab for c in comp for t in c.subtree):
            return False
    return True


def _told_as_fact(tok: Token) -> bool:
    """'New battles left two dead', 'launched new attacks', 'killed in new fighting': a "new" or
    "further" event the sentence reports, not one it expects ("will face new attacks")."""
    if tok.dep_ in {"nsubj", "nsubjpass"}:
        verb = tok.head
    elif tok.dep_ == "pobj" and tok.head.lower_ in {"in", "amid", "during", "after", "despite"}:
        return True
    elif tok.dep_ in {"dobj", "pobj"}:
        verb = tok.head if tok.dep_ == "dobj" else tok.head.head
    else:
        return False
    if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in FUTURE_AUX | HYPO_AUX for c in verb.children):
        return False
    return verb.tag_ in {"VBD", "VBN"} or (tok.dep_ == "nsubj" and verb.tag_ in {"VBZ", "VBP"})


ATTEMPT_CUES = {"try", "attempt"}


def _attempt_made(cue: Token | None) -> bool:
    """'tried to advance', 'are trying to storm', 'an attempt to cross the river failed': an attempt
    that was made (ACLED codes a failed assault as the clash it was), not one planned ("will try")."""
    if cue is None or cue.lemma_.lower() not in ATTEMPT_CUES:
        return False
    verb = cue if cue.pos_ in VERB_POS | {"AUX"} else cue.head
    if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in FUTURE_AUX | HYPO_AUX for c in verb.children):
        return False
    if verb.lemma_.lower() in PLAN_VERBS - ATTEMPT_CUES or verb.lemma_.lower() in THREAT_VERBS | PREVENT_VERBS:
        return False  # "plans an attempt to", "prevented an attempt to" (a repelled attempt is its own entry)
    return verb.tag_ in {"VBD", "VBN", "VBZ", "VBP", "VBG"}


def _instrument_tokens(r: _Reader, tok: Token, span_toks: list[Token]) -> list[Token]:
    toks: list[Token] = list(span_toks)
    toks += [c for c in tok.lefts if c.dep_ in {"compound", "amod", "nmod"}]
    for p in r.prep_objects(r.arg_token(tok), {"with", "using", "by", "from", "on", "over", "onto"}):
        toks += list(p.subtree)
    using = next((c for c in tok.children if c.dep_ in {"advcl", "xcomp"} and c.lemma_ == "use"), None)
    if using is not None:
        toks += list(using.subtree)
    subj = r.subject_of(tok)
    if subj is not None:
        toks += _phrase_tokens(subj)
    obj = r.child(tok, "dobj")
    if obj is not None:
        toks += [x for x in obj.subtree if x.dep_ not in {"relcl"}]
    if tok.pos_ in NOUN_POS and tok.dep_ in {"nsubj", "nsubjpass"}:
        toks.append(tok)
    return toks


def _refine(r: _Reader, entry: TriggerEntry, tok: Token, span_toks: list[Token], payload: dict[str, Any]) -> None:
    rules: list[str] = []
    lex = r.lex
    acled = list(entry.acled) if entry.acled else None
    plover = list(entry.plover) if entry.plover else None
    instruments = _instrument_tokens(r, tok, span_toks)
    if "weapon-agent" in entry.refine:
        # "destroyed two tanks": the object is the target; only the agent or "with X" names a weapon
        target = r.child(tok, "dobj") or r.child(tok, "nsubjpass")
        hit = {x.i for x in target.subtree} if target is not None else set()
        instruments = [x for x in instruments if x.i not in hit]
    weapons = r.weapon_classes(instruments)
    ranged = [w for w in weapons if w in RANGED]
    obj = r.object_of(tok)
    obj_classes = r.classes(obj)
    payload["weapon"] = ranged[0] if ranged else (weapons[0] if weapons else None)
    victims = None
    if obj_classes & {"person_civ", "person_official", "civilian_place", "property"} and not obj_classes & {
            "person_mil", "military_place"}:
        victims = "civ"
    elif obj_classes & {"person_mil", "military_place"}:
        victims = "mil"
    payload["victims"] = victims
    if "weapon" in entry.refine and acled is not None and acled[0] == "Explosions/Remote violence" and \
            "weapon_chemical" not in ranged and r.sent_fact("chemical", tok, lambda sent: any(
                r.lex.classes_of(_lemmas_of_phrase(t)) & {"weapon_chemical"} for t in sent if _nominal(t))):
        ranged = ["weapon_chemical", *ranged]  # "symptoms of a nerve agent after the bombardment"
    if "weapon" in entry.refine and ranged and acled is not None and "weapon_suicide" not in ranged and \
            r.sent_fact("suicide", tok, lambda sent: bool({t.lower_ for t in sent} & SUICIDE_WORDS)) and \
            set(ranged) & {"weapon_ied"}:
        ranged = ["weapon_suicide", *ranged]  # "detonated explosives strapped to his body"
    if ("weapon" in entry.refine or "weapon-agent" in entry.refine) and ranged and acled is not None:
        wt = next(w for w in lex.weapon_types if w.cls in ranged)
        # ACLED precedence among co-occurring instruments: the order of weapon_types
        acled = ["Explosions/Remote violence", wt.acled]
        plover = ["ASSAULT", wt.mode]
        payload["weapon"] = wt.cls
        rules.append(f"weapon:{wt.cls}")
    elif "target" in entry.refine and acled is not None:
        subj_classes = r.classes(r.subject_of(tok))
        targets = [obj, *r.prep_objects(r.arg_token(tok), {"on", "at", "against", "into"})]
        if tok.dep_ in {"advcl", "conj", "xcomp"} and tok.head.i != tok.i:
            targets += [r.object_of(tok.head), *r.prep_objects(tok.head, {"on", "at", "against", "into"})]
        # "shot dead 3 people during a protest": the victims were protesting
        during = [t for t in r.sent(tok) if t.dep_ == "pobj" and t.head.lower_ in {"during", "at", "amid"}]
        protest_scene = any("protesters" in r.classes(t) for t in during) and victims == "civ"
        if protest_scene or any("protesters" in r.classes(t) for t in targets if t is not None):
            acled = ["Protests", "Excessive force against protesters"]
            plover = ["ASSAULT", "firearms" if "weapon_firearm" in weapons or tok.lemma_.lower() in {
                "fire", "shoot", "open"} else "targeted"]
            rules.append("target:protesters")
        elif victims == "civ":
            acled = ["Violence against civilians", "Attack"]
            plover = ["ASSAULT", "firearms" if "weapon_firearm" in weapons else "targeted"]
            rules.append("target:civilian")
        elif victims == "mil" or (subj_classes & {"person_mil"} and tok.lemma_.lower() in {"attack", "assault",
                                                                                            "raid", "ambush"}):
            acled = ["Battles", "Armed clash"]
            plover = ["ASSAULT", "firearms"]
            rules.append("target:armed")
        elif tok.lemma_.lower() in {"attack", "assault", "raid"} and not ranged:
            acled = ["Battles", "Armed clash"]
            plover = ["ASSAULT", None]
            rules.append("target:unknown")
    subj_cls = r.classes(r.subject_of(tok))
    mob_like = "mob" in subj_cls or ("person_civ" in subj_cls and "weapon_blade" in weapons)  # men with sticks
    if acled is not None and mob_like and not subj_cls & {"person_mil", "protesters"} and not ranged and \
            entry.family in {"fight", "vac", "property"} and acled[0] != "Riots":
        if any(t.lemma_.lower() in PROTEST_WORDS for t in r.sent(tok)):  # "angry crowds torched ... in protest"
            acled, plover = ["Riots", "Violent demonstration"], ["PROTEST", "riot"]
            rules.append("subject:crowd+protest")
        else:
            acled, plover = ["Riots", "Mob violence"], ["ASSAULT", "beat"]
            rules.append("subject:mob")
    if "air" in entry.refine and not ranged and plover is not None:
        plover[1] = "aerial"
    if "protest" in entry.refine and acled is not None:
        subj_classes = r.classes(r.subject_of(tok))
        if subj_classes & {"protesters"} and acled[0] == "Battles":
            acled = ["Riots", "Violent demonstration"]
            plover = ["PROTEST", "riot"]
            rules.append("subject:protesters")
        elif acled[0] == "Protests":
            sent = r.sent(tok)
            lemmas = {t.lemma_.lower() for t in sent}
            verbs = {t.lemma_.lower() for t in sent if t.pos_ == "VERB" and t.dep_ not in {"amod", "acl", "compound"}}
            plain = {t.lemma_.lower() for t in sent if not (t.dep_ in {"compound", "amod"} and t.head.lemma_.lower() in {
                "police", "policeman", "officer", "gear", "shield", "squad", "unit", "control", "troops"})}
            if plain & {"violent", "violently", "stone", "torch", "loot", "riot", "hurl", "vandalise", "vandalize",
                        "smash"}:
                acled = ["Riots", "Violent demonstration"]
                plover = ["PROTEST", "riot"]
                rules.append("sentence:violent")
            elif (verbs & {"kill", "shoot"} or "live" in lemmas) and lemmas & {
                    "police", "troops", "soldier", "force", "security"}:
                acled = ["Protests", "Excessive force against protesters"]
                rules.append("sentence:lethal-force")
            elif (verbs & {"disperse", "arrest", "detain", "break"} or lemmas & {"tear", "teargas", "baton"}):
                acled = ["Protests", "Protest with intervention"]
                rules.append("sentence:intervention")
            if "hunger" in {c.lemma_.lower() for c in tok.lefts}:
                plover = ["PROTEST", "hunger"]
    if "threat_mode" in entry.refine and plover is not None:
        comp = {t.lemma_.lower() for c in tok.children if c.dep_ in {"xcomp", "ccomp", "prep", "dobj"}
                for t in c.subtree}
        plover[1] = _threat_mode(comp)
    if "request_mode" in entry.refine and plover is not None:
        comp = {t.lemma_.lower() for c in tok.children if c.dep_ in {"xcomp", "ccomp", "prep", "dobj", "attr"}
                for t in c.subtree}
        plover[1] = _request_mode(comp)
    if "consult_mode" in entry.refine and plover is not None:
        near = {t.lemma_.lower() for t in tok.subtree} | {t.lemma_.lower() for t in tok.head.subtree}
        if tok.lemma_.lower() in {"visit", "travel", "tour", "host", "receive"} or "visit" in near:
            plover[1] = "visit"
        elif near & {"phone", "telephone", "call"}:
            plover[1] = "phone"
        elif near & {"summit", "conference", "multilateral"}:
            plover[1] = "multilateral"
        elif tok.lemma_.lower() == "mediate" or near & {"mediate", "mediation", "mediator"}:
            plover[1] = "third-party"
    if "sanction_mode" in entry.refine and plover is not None:
        lemma = tok.lemma_.lower()
        objs = {t.lemma_.lower() for c in tok.children if c.dep_ in {"dobj", "nsubjpass"} for t in c.subtree}
        if lemma in {"convict", "sentence", "indict", "fine"} or lemma in {"conviction", "sentence", "indictment"}:
            plover[1] = "convict"
        elif lemma in {"expel", "expulsion"}:
            plover[1] = "expel"
        elif lemma in {"recall", "sever", "cut", "downgrade"} or objs & {"ambassador", "envoy", "tie", "relation"}:
            plover[1] = "withdraw"
        elif lemma in {"suspend", "freeze", "halt", "cancel", "postpone"}:
            plover[1] = "discontinue"
    if "territory" in entry.refine:
        payload["territory"] = True
        rules.append("territory")
        words = {t.lower_ for t in r.sent(tok)}
        if acled is not None and acled[0] == "Battles" and (
                words & {"unopposed", "peacefully", "uncontested"} or _without_fighting(tok)):
            acled = ["Strategic developments", "Non-violent transfer of territory"]
            plover = ["RETREAT", "withdraw"]
            rules.append("sentence:without-fighting")
    if "suicide" in entry.refine:
        pass
    payload["acled"] = acled
    payload["plover"] = plover
    payload["refined"] = rules


def _without_fighting(tok: Token) -> bool:
    """'... without fighting', 'without a fight', 'without resistance' in the trigger's sentence."""
    toks = list(token_sent(tok.doc, tok.i))
    for k, t in enumerate(toks[:-1]):
        if t.lower_ == "without":
            nxt = {x.lemma_.lower() for x in toks[k + 1: k + 4]}
            if nxt & {"fight", "fighting", "resistance", "clash", "battle", "bloodshed", "opposition"}:
                return True
    return False


def _threat_mode(comp: set[str]) -> str | None:
    if comp & {"sanction", "restriction", "ban", "embargo", "tariff", "restrict", "impose", "block", "boycott"}:
        return "restrict"
    if comp & {"arrest", "detain", "jail", "prosecute"}:
        return "arrest"
    if comp & {"tie", "relation", "recall", "sever", "cut", "downgrade"}:
        return "relations"
    if comp & {"expel", "deport"}:
        return "expel"
    if comp & {"annex", "territory", "seize", "occupy"}:
        return "territory"
    if comp & {"attack", "strike", "kill", "war", "retaliate", "destroy", "bomb", "dislodge", "fight", "force",
               "invade", "violence", "hit", "shoot", "fire", "assault", "response", "consequence", "resume"}:
        return "violence"
    return None


def _request_mode(comp: set[str]) -> str | None:
    if comp & {"aid", "help", "assistance", "support", "supply", "humanitarian", "food", "weapon", "allow",
               "access", "worker", "relief", "fund", "protect", "protection"}:
        return "assist"
    if comp & {"release", "withdraw", "withdrawal", "resign", "step", "free", "surrender", "leave", "return",
               "ceasefire", "stop", "end", "halt", "lift", "disarm"}:
        return "yield"
    if comp & {"talk", "meeting", "meet", "negotiation", "dialogue", "negotiate", "summit", "visit"}:
        return "meet"
    if comp & {"reform", "change", "election", "policy", "law", "investigation", "inquiry", "probe", "constitution",
               "referendum", "vote"}:
        return "change"
    return None


IRREGULAR = {"retook": "retake", "took": "take", "taken": "take", "overran": "overrun", "shot": "shoot",
             "fled": "flee", "struck": "strike", "fought": "fight", "held": "hold", "threw": "throw",
             "thrown": "throw", "blew": "blow", "blown": "blow", "drove": "drive", "driven": "drive", "stole": "steal",
             "stolen": "steal", "swore": "swear", "sworn": "swear", "withdrew": "withdraw", "withdrawn": "withdraw",
             "overtook": "overtake", "overtaken": "overtake", "led": "lead", "sent": "send", "spoke": "speak",
             "met": "meet", "beaten": "beat", "hit": "hit", "seized": "seize", "forbade": "forbid", "froze": "freeze",
             "frozen": "freeze", "undertook": "undertake", "retaken": "retake", "wrote": "write", "brought": "bring",
             "gave": "give", "given": "give", "won": "win", "lost": "lose", "rode": "ride", "slew": "slay",
             "slain": "slay", "hung": "hang", "hanged": "hang", "laid": "lay", "fell": "fall", "fallen": "fall"}


def _crude_lemma(word: str, lex: Lexicon) -> str:
    """The tagger's lemma missed ('detained/AUX', 'retook'): irregular forms, then regular inflections."""
    if word in IRREGULAR and IRREGULAR[word] in lex.by_verb:
        return IRREGULAR[word]

    for cut, add in (("ied", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"), ("s", ""),
                     ("es", "")):
        if word.endswith(cut):
            cand = word[: -len(cut)] + add
            if cand in lex.by_verb:
                return cand
    if word.startswith("re") and len(word) > 5:
        inner = _crude_lemma(word[2:], lex)  # "reimposed", "redeployed", "reopened"
        if inner in lex.by_verb:
            return inner
    return word


# Generic target nouns a fired weapon is aimed at; the place they are in says where ("at targets in X").
AIM_POINTS = {"target", "position", "site", "area", "location", "facility"}
# verbs whose subject is the one who dies ("two soldiers died", "migrants drowned"): the victim
DEATH_VERBS = {"die", "perish", "drown", "starve", "succumb"}
# "in defiance of X", "in protest against X", "in opposition to X": the noun and the prepositions
# that name whom a protest is against
DEFIANCE_NOUNS = {"defiance": {"of"}, "protest": {"against", "at", "over"}, "opposition": {"to"}}

CANDIDATE_POS = VERB_POS | NOUN_POS | {"AUX", "ADJ"}


def _find_candidates(r: _Reader, start_char: int) -> list[tuple[TriggerEntry, Token, list[Token]]]:
    doc, lex, toks = r.doc, r.lex, r.toks
    out: list[tuple[TriggerEntry, Token, list[Token]]] = []
    used: set[int] = set()
    lemmas = [t.lemma_.lower() for t in toks]
    # phrases first (multi-word triggers win over their single words)
    for i, first in enumerate(lemmas):
        phrases = lex.phrase_first.get(first)
        if not phrases or toks[i].idx < start_char:
            continue
        for words, entry in phrases:
            j, pos, ok = i, 1, True
            idxs = [i]
            while pos < len(words):
                found = None
                for k in range(j + 1, min(len(doc), j + (8 if toks[i].pos_ in VERB_POS else 3))):
                    if lemmas[k] == words[pos] or toks[k].lower_ == words[pos]:
                        found = k
                        break
                if found is None:
                    ok = False
                    break
                idxs.append(found)
                j, pos = found, pos + 1
            if not ok or any(k in used for k in idxs):
                continue
            span_toks = [toks[k] for k in range(idxs[0], idxs[-1] + 1)]
            head = doc[idxs[0]:idxs[-1] + 1].root
            if head.pos_ == "ADP" and head.head.i != head.i:
                head = head.head  # "are now in control of": the clause's verb carries the arguments
            if words in entry.noun_phrases and not _nominal(head):
                continue  # "drones struck" is not the noun "drone strike"
            if words in entry.verb_phrases and toks[idxs[0]].pos_ not in VERB_POS:
                continue  # "forces carried out" is not the verb "force out"
            if not _passes(r, entry, head, span_toks):
                continue
            used.update(idxs)
            out.append((entry, head, span_toks))
            break
    for tok in toks:
        if tok.pos_ not in CANDIDATE_POS:  # no lexicon entry is looked up for other parts of speech
            continue
        if tok.idx < start_char or tok.i in used:
            continue
        if tok.i > 0 and toks[tok.i - 1].text == "-" and toks[tok.i - 1].idx + 1 == tok.idx and \
                tok.dep_ in {"amod", "compound"}:
            continue  # "flood-hit region", "Russian-occupied town": part of a compound modifier
        if tok.dep_ in {"amod", "compound"} and tok.tag_ in {"VBN", "JJ", "VBG"} and tok.pos_ in {"VERB", "ADJ"} and \
                not lex.by_noun.get(tok.lower_):
            continue  # "displaced women", "detained activists": a participle used as an adjective
        if tok.dep_ == "compound" and tok.pos_ in NOUN_POS and tok.head.lemma_.lower() not in GENERIC_HEADS:
            continue  # "bomb disposal experts", "protest leaders" (but "a mediation effort" is mediation)
        lemma = lemmas[tok.i]
        if tok.pos_ in VERB_POS | {"AUX"} and (lemma not in lex.by_verb or lemma == tok.lower_):
            lemma = _crude_lemma(tok.lower_, lex)
        cands: list[TriggerEntry] = []
        if tok.pos_ in VERB_POS and tok.dep_ in {"amod", "compound", "pobj", "dobj", "nsubj", "nsubjpass", "conj"} \
                and tok.tag_ == "VBG" and not any(c.dep_ in {"dobj", "aux", "nsubj"} for c in tok.children) \
                and (lex.by_noun.get(tok.lower_) or []):
            cands = lex.by_noun.get(tok.lower_, [])
        elif tok.pos_ in VERB_POS or (tok.pos_ == "AUX" and lemma not in {"be", "have", "do"}):
            cands = lex.by_verb.get(lemma, []) or lex.by_verb.get(tok.lower_, [])
        elif tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and (tok.i == r.sent(tok).start or (
                tok.is_upper and len(tok) > 2))):  # "Two KIA": an abbreviation the tagger took for a name
            cands = lex.by_noun.get(lemma, []) or lex.by_noun.get(tok.lower_, [])
        elif tok.pos_ == "ADJ" and tok.tag_ == "VBN" and tok.dep_ != "amod":
            cands = lex.by_verb.get(lemma, [])
        for entry in cands:
            if _passes(r, entry, tok, [tok]):
                used.add(tok.i)
                out.append((entry, tok, [tok]))
                break
    return out


ORDER_VERBS = {"order", "force", "compel", "instruct", "direct", "tell", "command"}


def _ordered_by(r: _Reader, tok: Token, entry: TriggerEntry) -> tuple[Token, Token] | None:
    """A coercive act someone was made to do ("ordered the newspaper to suspend publication", "forced
    the agency to close its office"): who gave the order coerced whom it was given to."""
    if not entry.plover or entry.plover[0] not in {"COERCE", "SANCTION"} or tok.dep_ != "xcomp":
        return None
    head = tok.head
    if head.lemma_.lower() not in ORDER_VERBS:
        return None
    subj, obj = r.child(head, "nsubj"), r.child(head, "dobj")
    return (subj, obj) if subj is not None and obj is not None else None


def read_triggers(doc: Doc, lex: Lexicon | None = None) -> list[tuple[int, int, dict[str, Any]]]:
    """(start token, end token, payload) for every trigger of a parsed Doc (after the dateline)."""
    lex = lex or lexicon()
    start_char = int(getattr(doc._, "body_start", 0) or 0) if Doc.has_extension("body_start") else 0
    anchor = getattr(doc._, "anchor", None) if Doc.has_extension("anchor") else None
    anchor_year = anchor.year if anchor is not None and hasattr(anchor, "year") else None
    r = _Reader(doc, lex)
    found = _find_candidates(r, start_char)
    heads = {tok.i: entry for entry, tok, _ in found}
    out: list[tuple[int, int, dict[str, Any]]] = []
    for entry, tok, span_toks in found:
        payload: dict[str, Any] = {
            "entry": entry.id,
            "family": entry.family,
            "context": list(entry.context),
            "head": tok.i,
            "consequence": entry.consequence,
            "absorb": entry.absorb,
            "absorbs": sorted(entry.absorbs),
            "territory": False,
        }
        _refine(r, entry, tok, span_toks, payload)
        r.cue = None
        modality = r.modality(tok, anchor_year)
        payload["modality_cue"] = r.cue
        payload["conditional"] = r.sent_fact("conditional", tok, lambda sent: any(
            t.lower_ in {"unless", "if"} for t in sent))
        if entry.modality and modality in {"occurred", "planned"}:
            modality = entry.modality
        elif entry.family == "fight" and modality in {"planned", "hypothetical"} and _attempt_made(r.cue_token):
            modality, r.cue = "occurred", "attempt"  # "tried to break through": the attempt is the fighting
        payload["modality"] = modality
        payload["obligation"] = _obligation(tok)
        subj = r.subject_of(tok)
        if subj is not None and subj.i == tok.i:
            subj = None
        obj = r.object_of(tok)
        dead = obj is None and subj is not None and tok.lemma_.lower() in DEATH_VERBS and tok.pos_ in VERB_POS
        if dead:
            subj, obj = None, subj  # "five civilians died in the shelling": the dead, not who killed them
        obj = (r.defied(tok) if entry.family == "protest" else None) or r.aimed_at(tok, obj) or \
            r.gathering_agent(tok, obj) or obj
        ordered = _ordered_by(r, tok, entry)
        if ordered is not None:  # "the government ordered the newspaper to suspend publication"
            subj, obj = ordered
        payload["subject"] = _char_range(subj)
        payload["subject_pronoun"] = bool(subj is not None and (subj.pos_ == "PRON" or subj.lower_ in PRONOUNS))
        payload["subject_head"] = subj.i if subj is not None else None
        payload["subject_conj"] = [c.i for c in subj.conjuncts] if subj is not None else []
        payload["object"] = _char_range(obj)
        payload["object_head"] = obj.i if obj is not None else None
        payload["object_pronoun"] = bool(obj is not None and obj.pos_ == "PRON")
        payload["recipients"] = [t.i for t in _recipients(r, tok, obj)]
        speaker = _speaker(r, tok)
        payload["speaker"] = _char_range(speaker)
        payload["speaker_head"] = speaker.i if speaker is not None else None
        payload["clause"] = r.clause_of(tok)
        payload["governor"] = _governor(tok, heads)
        payload["anaphoric"] = bool(entry.anaphoric and _is_anaphoric(r, tok))
        payload["depth"] = _depth(r, tok)
        payload["nominal"] = _nominal(tok)
        head_entry = heads.get(tok.head.i) if tok.head.i != tok.i else None
        payload["cause"] = bool(_nominal(tok) and tok.dep_ in {"nsubj", "csubj"} and (
            tok.head.lemma_.lower() in CAUSAL_VERBS or (head_entry is not None and head_entry.family != entry.family)))
        payload["adjunct"] = bool(_nominal(tok) and tok.dep_ == "pobj" and tok.head.lower_ in ADJUNCT_PREPS)
        conf = 0.55 + (0.15 if payload.get("refined") else 0.0) + (0.1 if subj is not None or dead else 0.0)
        conf += 0.1 if tok.pos_ in VERB_POS else 0.0
        payload["confidence"] = round(min(conf, 0.95), 2)
        refined = payload.pop("refined", [])
        payload["generic"] = entry.id in GENERIC_ENTRIES and not [x for x in refined if not x.endswith("unknown")]
        payload["rule"] = "+".join([f"lexicon:{entry.id}", *refined])
        start, end = span_toks[0].i, span_toks[-1].i + 1
        out.append((start, end, payload))
    return sorted(out, key=lambda x: x[0])


SAY_VERBS = {"say", "announce", "declare", "state", "tell", "insist", "reiterate", "conclude", "add", "confirm",
             "claim", "assert", "note", "stress", "affirm", "report", "indicate", "signal", "write", "quote"}


# nouns of what is said whose "that" clause reports it ("a reminder to Iraq that it must ...")
SPEECH_NOUNS = {"reminder", "warning", "statement", "message", "assurance", "announcement", "declaration",
                "insistence", "notice", "ultimatum", "reply", "claim", "letter", "note", "signal"}


def _speech_noun(r: _Reader, clause: Token) -> Token | None:
    """The noun of what is said whose "that" clause `clause` is: attached to the noun ("a reminder
    that ...") or, as parsers often do, to the verb that has the noun as object ("issued a reminder
    to Serbia on Friday that ...")."""
    if clause.dep_ not in {"acl", "ccomp"} or not any(
            c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return None
    head = clause.head
    if head.pos_ == "NOUN" and head.lemma_.lower() in SPEECH_NOUNS:
        return head
    if head.pos_ in VERB_POS:
        obj = r.child(head, "dobj")
        if obj is not None and obj.pos_ == "NOUN" and obj.lemma_.lower() in SPEECH_NOUNS:
            return obj
    return None


def _speaker(r: _Reader, tok: Token) -> Token | None:
    """Who reports the clause a trigger sits in ('Russia said Sudan must return ...' → Russia)."""
    cur = r.arg_token(tok)
    for _ in range(6):
        if cur.head.i == cur.i:
            return None
        if cur.dep_ in {"ccomp", "parataxis", "xcomp"} and cur.head.lemma_.lower() in SAY_VERBS:
            subj = r.child(cur.head, "nsubj")
            if subj is None:
                agent = r.prep_objects(cur.head, {"by"})
                subj = agent[0] if agent else None
            return subj
        noun = _speech_noun(r, cur)
        if noun is not None:
            # "Chirac issued a reminder to Iraq that it must ...", "Russia's warning that ...": who said it
            owner = r.child(noun, "poss") or next(iter(r.prep_objects(noun, {"by", "from"})), None)
            if owner is None and noun.dep_ == "dobj":
                owner = r.subject_of(noun.head)
            return owner
        cur = cur.head
    return None


RECIPIENT_PREPS = {"to", "with", "from", "against", "on", "for", "toward", "towards", "at", "over", "into", "of"}


def _recipients(r: _Reader, tok: Token, obj: Token | None) -> list[Token]:
    """Who else an event involves, in order of likelihood: the indirect object ('give Tanzania a
    grant'), the direct object, then objects of to/with/against/... ('apologised to Brazil'), and a
    second co-ordinated subject ('Israel and Lebanon renewed negotiations')."""
    verb = r.arg_token(tok)
    if _nominal(verb) and verb.dep_ in {"dobj", "attr"} and verb.head.lemma_.lower() in LIGHT_VERBS:
        verb = verb.head
    out: list[Token] = [_dative(c) for c in verb.children if c.dep_ in {"dative", "iobj"}]
    subj = r.subject_of(tok)
    if subj is not None:
        out += [c for c in subj.children if c.dep_ == "conj"]
    if obj is not None:
        out.append(obj)
    out += r.prep_objects(verb, (RECIPIENT_PREPS - {"of"}) | {"in", "into", "between"})
    comps = [c for c in verb.children if c.dep_ in {"xcomp", "ccomp", "acomp"}]
    comps += [g for c in comps for g in c.children if g.dep_ in {"xcomp", "ccomp"}]
    for head in [x for x in (obj, *comps) if x is not None]:
        objs = [_dative(c) for c in head.children if c.dep_ in {"dobj", "dative"}]
        out += objs
        # "demanded an admission by Moscow", "rejected an offer by X": whose act the object is
        out += r.prep_objects(head, RECIPIENT_PREPS | {"in", "into", "between"} | ({"by"} if head is obj else set()))
        if head is not obj:  # "refused to deploy peacekeepers in Iraq": where what moves goes
            out += [p for o in objs for p in r.prep_objects(o, {"to", "in", "into"})]
    seen: set[int] = set()
    return [t for t in out if not (t.i in seen or seen.add(t.i))][:8]  # type: ignore[func-returns-value]


def _dative(tok: Token) -> Token:
    """'send peacekeepers to/dative Somalia': the parser's dative preposition stands for its object."""
    if tok.dep_ == "dative" and tok.pos_ == "ADP":
        return next((c for c in tok.children if c.dep_ == "pobj"), tok)
    return tok


def _obligation(tok: Token) -> bool:
    """'Sudan must return the helicopter', 'forces must ensure security to allow ...': a demand."""
    verb = tok.head if _nominal(tok) and tok.dep_ in {"dobj", "nsubjpass"} else tok
    for _ in range(3):
        auxes = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
        if auxes & {"must", "should", "ought"}:
            return True
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in {"have", "need"} and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return True
        if verb.dep_ not in {"xcomp", "advcl", "conj"} or verb.head.i == verb.i or _is_participle_adjunct(verb):
            return False
        if any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
            return False
        verb = verb.head
    return False


def _depth(r: _Reader, tok: Token) -> int:
    """Steps from the trigger up to its sentence's root (a light verb's object counts as the verb)."""
    cur = r.arg_token(tok)
    if _nominal(cur) and cur.dep_ in {"dobj", "attr"} and cur.head.lemma_.lower() in LIGHT_VERBS:
        cur = cur.head
    n = 0
    while cur.head.i != cur.i and n < 20:
        if cur.dep_ in {"conj"} and cur.head.dep_ == "ROOT":
            break
        cur, n = cur.head, n + 1
    return n


def _char_range(tok: Token | None) -> list[int] | None:
    if tok is None:
        return None
    toks = _phrase_tokens(tok)
    return [toks[0].idx, toks[-1].idx + len(toks[-1].text)]


def _is_participle_adjunct(tok: Token) -> bool:
    """'..., accusing Ukraine of ...': a participle clause the parser may hang as xcomp; not a complement."""
    return tok.dep_ in {"xcomp", "advcl", "conj"} and tok.tag_ == "VBG" and not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _governor(tok: Token, heads: dict[int, TriggerEntry]) -> int | None:
    """The trigger whose complement holds this one ('vowed to dislodge' → vowed), if any."""
    cur = tok
    for _ in range(8):
        if cur.head.i == cur.i or cur.dep_ in {"advcl", "relcl", "parataxis"} or _is_participle_adjunct(cur):
            return None
        cur = cur.head
        if cur.i in heads:
            return cur.i
    return None


def _is_anaphoric(r: _Reader, tok: Token) -> bool:
    """A definite nominal mention with no arguments of its own: 'the attacks', 'the operation'."""
    if tok.pos_ not in NOUN_POS:
        return False
    dets = {c.lower_ for c in tok.lefts if c.dep_ in {"det", "poss"}}
    if not dets & DEFINITE and not any(c.dep_ == "poss" for c in tok.lefts):
        return False
    if any(c.dep_ == "nummod" for c in tok.lefts):
        return False
    if r.prep_objects(tok, {"on", "against", "into", "in"}):
        return False
    return not any(c.dep_ == "compound" and r.lex.classes_of([c.lemma_.lower()]) & set(RANGED) for c in tok.lefts)


@Language.component("eventwire_triggers", assigns=["doc.spans"])
def triggers_component(doc: Doc) -> Doc:
    spans: list[Span] = []
    for start, end, payload in read_triggers(doc):
        span = Span(doc, start, end, label=payload["entry"])
        span._.trigger = payload
        spans.append(span)
    doc.spans[TRIGGERS] = spans
    return doc


__all__ = ["read_triggers", "triggers_component"]
