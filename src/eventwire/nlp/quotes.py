"""spaCy component `eventwire_quotes`: direct quotes, attribution relations, and who says so.

Writes two span groups:

- `QUOTES`: the text inside quotation marks (curly, straight or single curly; across sentences;
  partial and one-word quotes such as “dislodge”). Payload `span._.quote`:
  `{"speaker": dict | None, "source": [start, end] | None, "cue": [start, end] | None,
  "cue_text": str | None}` (character offsets; `speaker` holds the fields of `records.Speaker`).
- `ATTRIBUTIONS`: the content of every attribution relation, direct or indirect. Payload
  `span._.attribution`: `{"source", "cue", "cue_text", "cue_lemma", "direct", "speaker",
  "status", "kind", "answers"}` where `kind` is speech / denial / evidential / hedge / according /
  quote, `status` an `AttributionStatus`, and `answers` the content offsets of the earlier claims
  a denial ("dismissed these claims") answers.

How it works, on spaCy's parse and entities (cue lexicon: `knowledge/data/attribution/`):
- a quote's cue is the first reporting verb among the ancestors of the quote's tokens (“…,” she
  said / said his troops were “moving further”); failing that, the nearest reporting verb in the
  sentences where it starts and ends; failing that, a quote that opens a sentence continues the
  previous quote's speaker;
- the speaker is the cue's subject (inherited through "vowed ..., accusing ..."), the object of
  "according to", or the media source of "Footage from TSN showed"; pronouns go to the last
  matching named entity outside quotes ("she said" → Yulia Rusakova), surnames to the full
  name mentioned earlier ("Zelensky" → Volodymyr Zelensky), appositions give the role
  ("a Moscow resident"), demonyms the affiliation; country and sector come from the actor
  dictionary (`knowledge.actors.lookup_actor`), and a local role ("the regional governor")
  takes the country of the nearest demonym before it;
- indirect speech: a reporting verb's that-clause, infinitive ("vowed to ...") or object;
  hedges ("reportedly") and agentless passives ("what is described as") make `reportedly`
  relations with no source; denials link back to the claims they answer.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventwire.knowledge.cues import CueLexicon, cue_lexicon
from eventwire.nlp import paragraphs as _paragraphs  # noqa: F401  (registers eventwire_paragraphs)
from eventwire.nlp.layers import ATTRIBUTIONS, QUOTES, doc_text, doc_tokens, token_sent, tokens_text

if not Span.has_extension("quote"):
    Span.set_extension("quote", default=None)
if not Span.has_extension("attribution"):
    Span.set_extension("attribution", default=None)

_QUOTE_PATTERNS = (
    re.compile(r"“([^“”]+)”"),
    re.compile(r"“([^“”\n]+)(?=\n|$)"),  # an unclosed quote runs to the paragraph's end
    re.compile(r'"([^"\n]+)"'),
    # a straight quote left open (at an opening position) runs to the paragraph's end
    re.compile(r'(?<![^\s(\[:])"(?=[^\s.,;:!?])([^"\n]+)(?=\n|$)'),
    re.compile(r"(?<![\w])‘((?:[^‘’\n]|’(?=\w))+)’(?!\w)"),
    re.compile(r"«([^«»]+)»"),
)
_SUBJECTS = ("nsubj", "csubj")
_CORE_LEFT = frozenset({"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "flat", "case", "advmod"})
_CONTENT_CLAUSE = ("ccomp", "parataxis")
_ENT_NAMES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
_EDGE_TRIM = frozenset({"that", "whether", "if"})


@dataclass
class _Rel:
    content: tuple[int, int]  # token indices [start, end)
    cue: Token | None
    source: tuple[int, int] | None
    speaker: dict[str, Any] | None
    status: str
    kind: str
    direct: bool = False
    answers: list[tuple[int, int]] = field(default_factory=list)  # char offsets


# ---------------------------------------------------------------- quotes in the text


def _find_quote_chars(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted text (inside the marks, trimmed), without overlaps."""
    found: list[tuple[int, int]] = []
    for pattern in _QUOTE_PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.start(1), m.end(1)
            while start < end and text[start].isspace():
                start += 1
            while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
                end -= 1
            if end <= start or any(s < end and start < e for s, e in found):
                continue
            found.append((start, end))
    return sorted(found)


# ---------------------------------------------------------------- people and names


@dataclass
class _Context:
    doc: Doc
    lex: CueLexicon
    quote_tokens: set[int]
    people: dict[str, dict[str, Any]]  # full name -> {"role", "affiliation"}
    surnames: dict[str, str]  # last name -> full name
    ents: tuple[Span, ...] = ()  # doc.ents read once: spaCy rebuilds the tuple on each access


def _strip_det(tokens: list[Token], lex: CueLexicon) -> list[Token]:
    while tokens and (tokens[0].lower_ in lex.role_stop or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    return tokens


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    return tokens_text(tokens[0].doc, tokens[0].i, tokens[-1].i + 1)


def _core(head: Token) -> list[Token]:
    """The noun phrase of a head without its clauses and appositions: 'Ukrainian President Volodymyr Zelensky'."""
    left = head.i
    for child in head.lefts:
        if child.dep_ in _CORE_LEFT:
            left = min(left, child.left_edge.i)
    right = head.i
    for child in head.rights:
        if child.dep_ in ("compound", "flat") and child.i == right + 1:
            right = child.i
    return [head.doc[k] for k in range(left, right + 1)]


def _appos_role(head: Token, lex: CueLexicon) -> tuple[str | None, str | None]:
    """Role and affiliation from an apposition: 'Yulia Rusakova, a Moscow resident' → Moscow resident."""
    for child in head.rights:
        if child.dep_ == "appos":
            core = _strip_det(_core(child), lex)
            if core:
                aff = next((t.text for t in core if t.ent_type_ in ("GPE", "ORG", "NORP")), None)
                return _text(core), aff
    return None, None


def _build_people(doc: Doc, lex: CueLexicon, quote_tokens: set[int],
                  ents: tuple[Span, ...] | None = None) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    doc_toks = doc_tokens(doc)
    people: dict[str, dict[str, Any]] = {}
    surnames: dict[str, str] = {}
    for ent in (doc.ents if ents is None else ents):
        if ent.label_ != "PERSON":
            continue
        start = ent.start
        # given names the NER left out: "Rustem [Umerov]"
        while start > 0 and doc_toks[start - 1].pos_ == "PROPN" and not doc_toks[start - 1].ent_type_ \
                and doc_toks[start - 1].is_title and doc_toks[start - 1].lower_ not in lex.titles:
            start -= 1
        if start < ent.start:
            ent = doc[start:ent.end]
        if len(ent) < 2:
            continue
        name = ent.text
        surnames.setdefault(ent[-1].text, name)
        info = people.setdefault(name, {"role": None, "affiliation": None})
        role, aff = _appos_role(ent.root, lex)
        if role is None:
            # titles before the name in its own noun phrase: "Ukrainian President Volodymyr Zelensky"
            titles = [t for t in _core(ent.root) if t.i < ent.start]
            titles = _strip_det(titles, lex)
            aff = next((t.text for t in titles if t.ent_type_ in ("NORP", "GPE", "ORG")), None)
            words = [t for t in titles if t.ent_type_ not in ("NORP", "GPE", "ORG")]
            role = _text(words) or None if words else None
        if info["role"] is None and role:
            info["role"] = role
        if info["affiliation"] is None and aff:
            info["affiliation"] = aff
    return people, surnames


def _full_name(name: str, ctx: _Context) -> str:
    if " " not in name and name in ctx.surnames:
        return ctx.surnames[name]
    return name


def _antecedent(pron: Token, ctx: _Context) -> Span | None:
    """The last entity before a pronoun, outside quotes, of a label the pronoun can refer to."""
    labels = ctx.lex.pronouns.get(pron.lower_)
    if not labels:
        return None
    cands: list[Span] = []
    for ent in ctx.ents:
        if ent.end > pron.i:
            break
        if ent.label_.lower() in labels and ent.start not in ctx.quote_tokens:
            cands.append(ent)
    if not cands:
        return None
    # prefer the subject of this or the previous sentence (the one the story is about), else the last
    sent = token_sent(ctx.doc, pron.i)
    window_start = token_sent(ctx.doc, sent.start - 1).start if sent.start > 0 else sent.start
    for ent in reversed(cands):
        if ent.start < window_start:
            break
        if ent.root.dep_ in ("nsubj", "nsubjpass") and ent.label_ == cands[-1].label_:
            return ent
    return cands[-1]


def _lookup(text: str | None) -> Any:
    if not text:
        return None
    try:
        from eventwire.knowledge.actors import lookup_actor
    except ImportError:  # the actor dictionary is optional for this layer
        return None
    try:
        return lookup_actor(text)
    except Exception:  # another stage's data must not lose a quote
        return None


def _context_country(tok: Token, ctx: _Context) -> str | None:
    """The country of the nearest demonym or place before a local role, in this or the previous sentence."""
    sent = token_sent(tok.doc, tok.i)
    start = sent.start
    if start > 0:
        start = token_sent(ctx.doc, start - 1).start
    for k in range(tok.i - 1, start - 1, -1):
        t = ctx.doc[k]
        if t.ent_type_ in ("NORP", "GPE") and k not in ctx.quote_tokens:
            found = _lookup(t.text)
            if found is not None and found.country:
                return str(found.country)
    return None


def _speaker(head: Token, ctx: _Context) -> tuple[tuple[int, int], dict[str, Any]]:
    """Source span (token indices) and speaker fields for a subject head."""
    doc, lex = ctx.doc, ctx.lex
    source = (head.left_edge.i, head.right_edge.i + 1)
    # never across a paragraph break (a parse that ran two paragraphs together)
    for k in range(head.i - 1, source[0] - 1, -1):
        if "\n" in doc_tokens(doc)[k].text:
            source = (k + 1, source[1])
            break
    for k in range(head.i + 1, source[1]):
        if "\n" in doc_tokens(doc)[k].text:
            source = (source[0], k)
            break
    while source[1] - 1 > source[0] and (doc_tokens(doc)[source[1] - 1].is_punct or doc_tokens(doc)[source[1] - 1].is_space
                                         or doc_tokens(doc)[source[1] - 1].dep_ == "case"):
        source = (source[0], source[1] - 1)
    core = _strip_det(_core(head), lex) or [head]
    name: str | None = None
    role: str | None = None
    affiliation: str | None = None
    anonymous = False
    text = _text(core)
    phrase = tokens_text(doc, source[0], source[1]).lower()
    if head.pos_ == "PRON":
        ante = _antecedent(head, ctx)
        if ante is not None:
            name = _full_name(ante.text, ctx) if ante.label_ == "PERSON" else ante.text
            info = ctx.people.get(name, {})
            role, affiliation = info.get("role"), info.get("affiliation")
    else:
        # media as a source: "Footage from Ukrainian news outlet TSN"
        if head.lemma_.lower() in lex.evidential_subjects:
            for t in head.subtree:
                if t.ent_type_ == "ORG" and t.dep_ in ("pobj", "compound", "appos", "poss"):
                    org_head = t if t.dep_ != "compound" else t.head
                    core = _strip_det(_core(org_head), lex) or [org_head]
                    text = _text(core)
                    break
        ents = [e for e in ctx.ents if e.end > core[0].i and e.start <= core[-1].i and e.label_ in _ENT_NAMES]
        person = next((e for e in reversed(ents) if e.label_ == "PERSON"), None)
        # an organisation names the speaker only when it is the phrase's head ("the White House");
        # as a modifier it is the affiliation ("a UN spokesperson")
        org_head = core[-1] if head not in core else head
        named = person or next((e for e in reversed(ents) if e.label_ in ("ORG", "FAC")
                                and e.start <= org_head.i < e.end), None)
        if named is None and len(ents) == 1 and ents[0].label_ == "GPE" and len(core) == len(ents[0]):
            named = ents[0]  # "Kyiv said": the capital for its government
        if named is not None:
            name = _full_name(named.text, ctx) if named.label_ == "PERSON" else named.text
            if name.lower().startswith("the "):
                name = name[4:]
        aff_tokens = [t for t in core if t.ent_type_ in ("NORP", "GPE", "ORG")
                      and (named is None or not (named.start <= t.i < named.end))]
        affiliation = _text(aff_tokens) if aff_tokens else None
        skip = {t.i for t in aff_tokens}
        if named is not None:
            skip |= set(range(named.start, named.end))
        role_tokens = _strip_det([t for t in core if t.i not in skip], lex)
        if named is None and role_tokens and all(t.pos_ == "PROPN" for t in role_tokens):
            # a proper name the NER missed ("Umerov said"): a surname seen earlier gives the full name
            proper = _text(role_tokens)
            name = ctx.surnames.get(role_tokens[-1].text, proper) if len(role_tokens) == 1 else proper
            role_tokens = []
            if name in ctx.people:
                person = None  # looked up below through ctx.people
                info = ctx.people[name]
                role_tokens = []
                affiliation = affiliation or info.get("affiliation")
        role = _text(role_tokens) or None
        arole, aaff = _appos_role(head, lex)
        if arole:
            role = arole
            affiliation = affiliation or aaff
        elif name and person is not None and name in ctx.people:
            info = ctx.people[name]
            role = role or info.get("role")
            affiliation = affiliation or info.get("affiliation")
        anonymous = any(p in phrase for p in lex.anonymity_phrases)
        if not anonymous and named is None and head.lemma_.lower() in lex.anonymous_nouns | {head.lower_}:
            det = next((c for c in head.children if c.dep_ == "det"), None)
            anonymous = head.lower_ in lex.anonymous_nouns and (det is None or det.lower_ in ("a", "an", "some"))
    # the actor dictionary: the phrase, the name, the role with its affiliation ("Moscow resident"),
    # and the affiliation alone only for a speaker with no role (a capital alone means its government)
    with_role = f"{affiliation} {role}" if affiliation and role and affiliation not in role else role
    found = (None if head.pos_ == "PRON" else _lookup(text)) or _lookup(name) or _lookup(with_role) \
        or (None if role else _lookup(affiliation))
    country = getattr(found, "country", None) if found is not None else None
    sector = getattr(found, "sector", None) if found is not None else None
    if country is None and sector is not None and any(t.lower_ in lex.local_roles for t in core):
        country = _context_country(head, ctx)
    if sector is None and found is None and name is None and role:
        found_role = _lookup(role)
        sector = getattr(found_role, "sector", None) if found_role is not None else None
    first, last = core[0], core[-1]
    span_text = tokens_text(doc, first.i, last.i + 1)
    speaker = {
        "text": text, "name": name, "role": role, "affiliation": affiliation,
        "country": country, "sector": sector, "anonymous": anonymous,
        "span": {"start": first.idx, "end": last.idx + len(last.text), "text": span_text},
    }
    return source, speaker


# ---------------------------------------------------------------- cues and contents


def _subject(cue: Token) -> tuple[Token | None, bool]:
    """The cue's subject (inherited through xcomp/advcl/conj) and whether the cue is an agentless passive."""
    t = cue
    for _ in range(4):
        passive = False
        for c in t.children:
            if c.dep_ in _SUBJECTS and not c.is_punct:
                if c.lower_ in ("who", "which", "that") and t.dep_ == "relcl" and t.head is not t:
                    return t.head, False  # "Smith, who has denied wrongdoing": the relative's antecedent
                return c, False
            if c.dep_ == "agent":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj, False
            if c.dep_ in ("nsubjpass", "auxpass"):
                passive = True
        if passive:
            if t.lemma_.lower() in ("quote", "cite") and t is not cue:
                # "he was quoted as saying ...": the one quoted is the speaker
                subj = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
                if subj is not None:
                    return subj, False
            return None, True
        if t.dep_ == "acl" and t.head is not t:
            if t.tag_ == "VBN":
                return None, True  # "a strike described as ..."
            if t.head.pos_ in ("NOUN", "PROPN"):
                return t.head, False  # "reports stating that ...", "a letter telling them ..."
        if t.dep_ in ("xcomp", "advcl", "conj", "pcomp", "prep") and t.head is not t:
            t = t.head  # "vowed ..., accusing ...", "justified it by saying ..."
            continue
        break
    return None, cue.tag_ == "VBN" and cue.dep_ in ("pcomp", "acl", "relcl")


def _is_cue_verb(tok: Token, lex: CueLexicon) -> bool:
    if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "NOUN" and tok.dep_ == "ROOT" and tok.tag_.startswith("V")):
        return False
    lemma = tok.lemma_.lower()
    return lemma in lex.speech or lemma in lex.denial or lemma in lex.evidential_verbs


def _span_of(tokens: list[Token], exclude: set[int]) -> tuple[int, int] | None:
    idx = sorted(t.i for t in tokens if t.i not in exclude)
    if not idx:
        return None
    doc = tokens[0].doc
    start, end = idx[0], idx[-1] + 1
    if exclude:
        # keep the longest stretch that does not cross an excluded phrase ("..., according to X.")
        runs: list[tuple[int, int]] = []
        run_start = idx[0]
        for a, b in itertools.pairwise(idx):
            if b != a + 1 and any(k in exclude for k in range(a + 1, b)):
                runs.append((run_start, a + 1))
                run_start = b
        runs.append((run_start, idx[-1] + 1))
        start, end = max(runs, key=lambda r: sum(1 for k in range(r[0], r[1]) if not doc_tokens(doc)[k].is_punct))
    while start < end and (doc_tokens(doc)[start].is_punct or (doc_tokens(doc)[start].lower_ in _EDGE_TRIM and doc_tokens(doc)[start].dep_ == "mark")
                           or doc_tokens(doc)[start].is_space
                           or (doc_tokens(doc)[start].lower_ == "as" and doc_tokens(doc)[start].head.lemma_.lower() == "describe")):
        start += 1
    while end > start and (doc_tokens(doc)[end - 1].is_punct or doc_tokens(doc)[end - 1].is_space):
        end -= 1
    return (start, end) if end > start else None


def _content(cue: Token, lex: CueLexicon) -> tuple[tuple[int, int] | None, Token | None]:
    """The content span of a reporting verb and, for denials, its object."""
    lemma = cue.lemma_.lower()
    clauses = [c for c in cue.children if c.dep_ in _CONTENT_CLAUSE]
    if not clauses:
        clauses = [c for c in cue.children if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "that"
                                                                        for g in c.children)]
    if not clauses:
        # "vowed to dislodge ...", and for any reporting verb a gerund: "reported losing ..."
        clauses = [c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i
                   and (lemma in lex.infinitive or c.tag_ == "VBG")]
    if not clauses:
        # "announced in an internal memo that ...": a that-clause hung on the verb's prepositional phrase
        for prep in (c for c in cue.children if c.dep_ == "prep" and c.i > cue.i):
            for t in prep.subtree:
                if t.dep_ in ("ccomp", "acl") and any(g.dep_ == "mark" and g.lower_ == "that" for g in t.children):
                    clauses = [t]
                    break
            if clauses:
                break
    if not clauses and cue.dep_ == "parataxis" and cue.head is not cue:
        # "His plan, he stated, was ...": the sentence around the inserted cue
        inner = {t.i for t in cue.subtree}
        return _span_of([t for t in cue.head.subtree if t.i not in inner], inner), None
    obj: Token | None = None
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in cue.children)
    if not clauses and lemma not in lex.clause_only and not passive:
        objs = [c for c in cue.children if c.dep_ in ("dobj", "attr", "oprd") and c.i > cue.i]
        if objs and objs[0].lemma_.lower() in lex.not_content_objects:
            return None, None  # "claimed responsibility for the attack"
        if objs:
            obj = objs[0]
            clauses = objs + [c for c in cue.children
                              if c.dep_ in ("prep", "advcl", "xcomp") and c.i > obj.i and c.lower_ not in ("on", "in", "at")]
    if not clauses and lemma == "describe":
        clauses = [c for c in cue.children if c.dep_ == "prep" and c.lower_ == "as"]
    if not clauses:
        return None, None
    # a clause that is itself reported by another cue is its own relation ("vowed ..., accusing ...")
    own = [c for c in clauses if not (_is_cue_verb(c, lex) and c.dep_ in ("xcomp", "advcl"))] or clauses
    tokens = [t for c in own for t in c.subtree]
    if all(c.i > cue.i for c in own):
        # "which the White House said posed ...": keep the content after the cue
        tokens = [t for t in tokens if t.i > cue.i]
    return _span_of(tokens, set()), obj


def _rel_for_cue(cue: Token, ctx: _Context) -> _Rel | None:
    lex = ctx.lex
    lemma = cue.lemma_.lower()
    subj, _agentless = _subject(cue)
    evidential = False
    if lemma in lex.evidential_verbs and lemma not in lex.speech | lex.denial:
        if subj is None or subj.lemma_.lower() not in lex.evidential_subjects:
            return None
        evidential = True
    elif lemma in lex.evidential_verbs and subj is not None and subj.lemma_.lower() in lex.evidential_subjects:
        evidential = True
    if evidential:
        objs = [c for c in cue.children if c.dep_ in ("dobj", "ccomp") and c.i > cue.i]
        if not objs:
            return None
        extra = [c for c in cue.children if c.dep_ in ("advcl", "prep") and c.i > objs[0].i]
        content = _span_of([t for c in objs + extra for t in c.subtree], set())
        obj = None
    else:
        content, obj = _content(cue, lex)
    if content is None:
        return None
    kind = "evidential" if evidential else ("denial" if lemma in lex.denial else "speech")
    status = lex.status_of(lemma)
    if kind == "denial" and obj is not None and (obj.lower_ in lex.claim_anaphors or obj.lemma_.lower() in lex.claim_anaphors):
        status = "attributed"  # a dismissal of earlier claims: they become disputed
    source: tuple[int, int] | None = None
    speaker: dict[str, Any] | None = None
    if subj is not None:
        source, speaker = _speaker(subj, ctx)
        source = _shrink_source(source, speaker, cue, ctx)  # the cue in a relative clause of its source
        if source[0] <= content[0] < source[1]:
            return None
    elif kind == "speech":
        status = lex.agentless_status  # agentless passive or no subject: a hedge
    rel = _Rel(content=content, cue=cue, source=source, speaker=speaker, status=status, kind=kind)
    if kind == "denial" and obj is not None:
        rel.answers = []  # filled once every claim is known
        rel.kind = "denial-anaphor" if status == "attributed" else "denial"
    return rel


def _hedge_rel(tok: Token, ctx: _Context) -> _Rel | None:
    head = tok.head
    if head is tok:
        return None
    content = _span_of(list(head.subtree), set())
    if content is None:
        return None
    return _Rel(content=content, cue=tok, source=None, speaker=None, status="reportedly", kind="hedge")


def _noun_cue_rel(tok: Token, ctx: _Context) -> _Rel | None:
    """'reports that ...' (a hedge), 'Moscow's claim that ...', 'a statement by the ministry that ...'."""
    clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > tok.i
                   and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
    if clause is None:
        return None
    content = _span_of(list(clause.subtree), set())
    if content is None:
        return None
    src_tok = next((c for c in tok.children if c.dep_ == "poss"), None)
    if src_tok is None:
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")):
            src_tok = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if src_tok is not None:
                break
    if src_tok is None or src_tok.pos_ not in ("NOUN", "PROPN", "PRON"):
        denial = tok.lemma_.lower() == "denial"
        return _Rel(content=content, cue=tok, source=None, speaker=None,
                    status="denied" if denial else "reportedly", kind="hedge")
    source, speaker = _speaker(src_tok, ctx)
    source = (min(source[0], src_tok.i), min(source[1], tok.i)) if source[0] < tok.i else source
    status = "denied" if tok.lemma_.lower() == "denial" else "attributed"
    return _Rel(content=content, cue=tok, source=source, speaker=speaker, status=status, kind="speech")


def _according_rel(tok: Token, ctx: _Context) -> _Rel | None:
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None:
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        to = nxt if nxt is not None and nxt.lower_ == "to" else None
    if to is None:
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    head = tok.head
    while head.dep_ in ("prep",) and head.head is not head:
        head = head.head
    if head is tok:
        return None
    exclude = {t.i for t in tok.subtree} | {t.i for t in to.subtree}
    content = _span_of(list(head.subtree), exclude)
    if content is None:
        return None
    source, speaker = _speaker(pobj, ctx)
    return _Rel(content=content, cue=tok, source=source, speaker=speaker, status="attributed", kind="according")


# ---------------------------------------------------------------- quotes and their speakers


def _quote_cue(doc: Doc, span: Span, ctx: _Context) -> Token | None:
    inside = set(range(span.start, span.end))
    lex = ctx.lex
    for tok in span:
        if tok.head.i in inside:
            continue
        t = tok.head
        for _ in range(8):
            if t.i not in inside and t.i not in ctx.quote_tokens and (_is_cue_verb(t, lex) or t.lower_ in lex.according):
                return t
            if t.head is t:
                break
            t = t.head
    # the nearest reporting verb outside any quote in the sentences where the quote ends or starts
    best: Token | None = None
    best_dist = 10**9
    for sent in {token_sent(doc, span.end - 1), token_sent(doc, span.start)}:
        for t in sent:
            if t.i in ctx.quote_tokens or not (_is_cue_verb(t, lex) or t.lower_ in lex.according):
                continue
            dist = t.i - span.end if t.i >= span.end else (span.start - t.i) + 2
            if dist < best_dist:
                best, best_dist = t, dist
    return best


def _colon_cue(doc: Doc, span: Span, ctx: _Context) -> Token | None:
    """'In his message, he praised the general: “…”': the verb of the clause the colon ends,
    when its subject is a person, an organisation or a pronoun."""
    doc_toks = doc_tokens(doc)
    k = span.start - 1
    while k >= 0 and doc_toks[k].is_punct and doc_toks[k].text != ":":
        k -= 1
    if k <= 0 or doc_toks[k].text != ":":
        return None
    verb = token_sent(doc, k - 1).root
    if verb.i in ctx.quote_tokens or verb.pos_ not in ("VERB", "AUX"):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or not (subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or subj.pos_ == "PRON"
                            or subj.lemma_.lower() in ctx.lex.anonymous_nouns):
        return None
    return verb


def _quote_speaker(cue: Token, ctx: _Context) -> tuple[tuple[int, int] | None, dict[str, Any] | None]:
    if cue.lower_ in ctx.lex.according:
        rel = _according_rel(cue, ctx)
        return (rel.source, rel.speaker) if rel is not None else (None, None)
    subj, _ = _subject(cue)
    if subj is None:
        subj = _adjacent_noun(cue, ctx)
    if subj is None or subj.i in ctx.quote_tokens:
        return None, None
    source, speaker = _speaker(subj, ctx)
    return _shrink_source(source, speaker, cue, ctx), speaker


def _shrink_source(source: tuple[int, int], speaker: dict[str, Any], cue: Token, ctx: _Context) -> tuple[int, int]:
    """A source whose phrase holds its own cue ('a letter … stating', 'Smith, who denied …') is its core."""
    if source[0] <= cue.i < source[1]:
        core = ctx.doc.char_span(speaker["span"]["start"], speaker["span"]["end"], alignment_mode="expand")
        if core is not None:
            return core.start, core.end
    return source


def _adjacent_noun(cue: Token, ctx: _Context) -> Token | None:
    """When the parse gives the cue no subject: the noun right before it ('», the driver said'),
    or right after it ('said the driver')."""
    doc = ctx.doc
    k = cue.i - 1
    while k >= 0 and k not in ctx.quote_tokens and not doc_tokens(doc)[k].is_punct:
        if doc_tokens(doc)[k].pos_ in ("NOUN", "PROPN", "PRON"):
            return doc_tokens(doc)[k]
        k -= 1
    k = cue.i + 1
    while k < len(doc) and k not in ctx.quote_tokens and not doc_tokens(doc)[k].is_punct and k <= cue.i + 5:
        if doc_tokens(doc)[k].pos_ in ("NOUN", "PROPN") and doc_tokens(doc)[k].dep_ not in ("compound", "amod"):
            return doc_tokens(doc)[k]
        k += 1
    return None


def _char(doc: Doc, tokens: tuple[int, int] | None) -> list[int] | None:
    if tokens is None:
        return None
    span = doc[tokens[0]:tokens[1]]
    return [span.start_char, span.end_char]


def find_attributions(doc: Doc) -> tuple[list[Span], list[Span]]:
    """Quote spans and attribution content spans with their payloads."""
    lex = cue_lexicon()
    quote_spans: list[Span] = []
    for start, end in _find_quote_chars(doc_text(doc)):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span) > 0:
            quote_spans.append(span)
    quote_tokens = {t.i for s in quote_spans for t in s}
    ents = tuple(doc.ents)
    people, surnames = _build_people(doc, lex, quote_tokens, ents)
    ctx = _Context(doc, lex, quote_tokens, people, surnames, ents)

    rels: list[_Rel] = []
    for tok in doc_tokens(doc):
        lower = tok.lower_
        rel: _Rel | None = None
        if lower in lex.hedges and tok.pos_ == "ADV":
            rel = _hedge_rel(tok, ctx)
        elif lower in lex.according:
            rel = _according_rel(tok, ctx)
        elif tok.pos_ == "NOUN" and lower in lex.noun_cues and tok.i not in quote_tokens:
            rel = _noun_cue_rel(tok, ctx)
        elif _is_cue_verb(tok, lex) and tok.i not in quote_tokens:
            rel = _rel_for_cue(tok, ctx)
        if rel is not None:
            rels.append(rel)
    _link_denials(doc, rels, lex)

    # who says each quote: its cue, else the previous speaker's continuation
    found: list[tuple[Token | None, tuple[int, int] | None, dict[str, Any] | None]] = []
    previous: dict[str, Any] | None = None
    prev_source: tuple[int, int] | None = None
    prev_cue: Token | None = None
    prev_end = -1
    for span in quote_spans:
        cue = _quote_cue(doc, span, ctx) or _colon_cue(doc, span, ctx)
        source: tuple[int, int] | None = None
        speaker: dict[str, Any] | None = None
        if cue is not None:
            source, speaker = _quote_speaker(cue, ctx)
        elif previous is not None and span.start == token_sent(doc, span.start).start + 1 \
                and token_sent(doc, span.start).start - prev_end <= 60:
            speaker, source = previous, prev_source  # a quote that continues the previous speaker
            cue = prev_cue
        found.append((cue, source, speaker))
        if speaker is not None:
            previous, prev_end, prev_source, prev_cue = speaker, span.end, source, cue
    # a quoted paragraph left open is said by whoever says the quote that opens the next paragraph
    for k in range(len(quote_spans) - 2, -1, -1):
        span, nxt = quote_spans[k], quote_spans[k + 1]
        gap = doc_text(doc)[span.end_char:nxt.start_char]
        if found[k][2] is None and found[k + 1][2] is not None and "\n" in gap \
                and gap.strip(" \n\t“\"") == "" and not gap.lstrip(",.;:!? ").startswith(("”", '"')):
            found[k] = found[k + 1]

    quotes_out: list[Span] = []
    for span, (cue, source, speaker) in zip(quote_spans, found, strict=True):
        span._.quote = {"speaker": speaker, "source": _char(doc, source),
                        "cue": _char(doc, _cue_tokens(cue)) if cue is not None else None,
                        "cue_text": cue.text if cue is not None else None}
        quotes_out.append(span)
        # a quote is its own (direct) relation unless an indirect relation of the same cue covers it
        covered = cue is not None and any(
            r.cue is not None and r.cue.i == cue.i and r.content[0] <= span.start and span.end <= r.content[1]
            and (r.content[0] < span.start - 1 or r.content[1] > span.end + 1) for r in rels)
        if not covered and speaker is not None:  # a scare quote, or "known as “…”", attributes nothing
            # an indirect relation whose content is this quote is the same relation: keep one, direct
            rels = [r for r in rels if not (r.content[0] >= span.start - 1 and r.content[1] <= span.end + 1
                                            and cue is not None and r.cue is not None and r.cue.i == cue.i)]
            rels.append(_Rel(content=(span.start, span.end), cue=cue, source=source, speaker=speaker,
                             status="attributed", kind="quote", direct=True))

    # spaCy keeps a span's extension values per (start, end): one relation per content span,
    # the one whose cue is nearest its content ("quoted as saying that ..." → saying)
    attributions: list[Span] = []
    seen: set[tuple[int, int]] = set()

    def nearness(r: _Rel) -> int:
        if r.cue is None:
            return 10**6
        return min(abs(r.cue.i - r.content[0]), abs(r.cue.i - r.content[1]))

    for rel in sorted(rels, key=lambda r: (r.content[0], r.content[1], nearness(r))):
        key = (rel.content[0], rel.content[1])
        if key in seen:
            continue
        seen.add(key)
        span = doc[rel.content[0]:rel.content[1]]
        cue = rel.cue
        span._.attribution = {
            "source": _char(doc, rel.source),
            "cue": _char(doc, _cue_tokens(cue)) if cue is not None else None,
            "cue_text": _cue_text(cue) if cue is not None else None,
            "cue_lemma": cue.lemma_.lower() if cue is not None else None,
            "direct": rel.direct,
            "speaker": rel.speaker,
            "status": rel.status,
            "kind": rel.kind,
            "answers": [list(a) for a in rel.answers],
        }
        attributions.append(span)
    return quotes_out, attributions


def _cue_tokens(cue: Token) -> tuple[int, int]:
    """The cue's tokens: 'according to' is two words."""
    doc = cue.doc
    if cue.lower_ == "according" and cue.i + 1 < len(doc) and doc_tokens(doc)[cue.i + 1].lower_ == "to":
        return cue.i, cue.i + 2
    return cue.i, cue.i + 1


def _cue_text(cue: Token) -> str:
    if cue.lower_ == "according":
        return "according to"
    prt = [c for c in cue.children if c.dep_ == "prt"]
    return cue.text + ("" if not prt else " " + " ".join(p.text for p in prt))


def _link_denials(doc: Doc, rels: list[_Rel], lex: CueLexicon) -> None:
    """A dismissal of 'these claims' answers the claims just before it (same or previous sentences)."""
    doc_toks = doc_tokens(doc)
    for rel in rels:
        if rel.kind == "denial" and rel.cue is not None:
            _link_content_denial(doc, rel, rels)
            continue
        if rel.kind != "denial-anaphor" or rel.cue is None:
            continue
        cue = rel.cue
        obj = doc[rel.content[0]:rel.content[1]].root
        plural = obj.tag_ in ("NNS", "NNPS") or obj.lower_ in ("them", "these", "those")
        own = rel.speaker["text"].lower() if rel.speaker else None
        sent = token_sent(cue.doc, cue.i)
        for _ in range(3):
            cands = [r for r in rels if r is not rel and r.cue is not None and r.kind in ("speech", "according", "evidential")
                     and sent.start <= r.cue.i < min(sent.end, cue.i)
                     and not (own and r.speaker and r.speaker["text"].lower() == own)]
            if cands:
                chosen = cands if plural else [cands[-1]]
                rel.answers = [(doc_toks[r.content[0]].idx, doc_toks[r.content[1] - 1].idx + len(doc_toks[r.content[1] - 1]))
                               for r in chosen]
                break
            if sent.start == 0:
                break
            sent = token_sent(doc, sent.start - 1)


def _lemmas(doc: Doc, span: tuple[int, int]) -> set[str]:
    return {t.lemma_.lower() for t in doc[span[0]:span[1]]
            if t.pos_ in ("NOUN", "VERB", "PROPN") and not t.is_stop and len(t.text) > 2}


def _link_content_denial(doc: Doc, rel: _Rel, rels: list[_Rel]) -> None:
    """'Moscow denied striking the hospital' answers an earlier claim by another source about the
    same thing (a content word in common: strike, hospital) in this or the two sentences before."""
    doc_toks = doc_tokens(doc)
    cue = rel.cue
    if cue is None:
        return
    words = _lemmas(doc, rel.content)
    if not words:
        return
    own = rel.speaker["text"].lower() if rel.speaker else None
    first = token_sent(cue.doc, cue.i).start
    for _ in range(2):
        if first > 0:
            first = token_sent(cue.doc, first - 1).start
    answered = [r for r in rels if r is not rel and r.cue is not None and r.kind in ("speech", "according", "evidential", "hedge", "quote")
                and first <= r.cue.i < cue.i and r.content[1] <= cue.i
                and not (own and r.speaker and r.speaker["text"].lower() == own)
                and words & _lemmas(doc, r.content)]
    rel.answers = [(doc_toks[r.content[0]].idx, doc_toks[r.content[1] - 1].idx + len(doc_toks[r.content[1] - 1])) for r in answered]


@Language.component("eventwire_quotes")
def quotes_component(doc: Doc) -> Doc:
    quotes, attributions = find_attributions(doc)
    doc.spans[QUOTES] = quotes
    doc.spans[ATTRIBUTIONS] = attributions
    return doc
