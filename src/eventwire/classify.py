"""`eventwire classify`: the event type of short snippets (one sentence or a few), the same logic
as `eventwire extract` (trigger layer → assembled events), answering for every snippet:

    {"id", "is_event", "acled": {"event_type", "sub_event_type"}, "plover": {"type", "mode"},
     "confidence", "rule"}

ACLED's sub-event type is always given (the best guess, with a low confidence, when no event
was found), as ACLED's exact strings. Two layers decide it: the rules (trigger lexicon, read
through the parse; explainable, `rule` names the entry) and a learned linear model
(`eventwire.learn`) that votes with them and decides where they find no trigger (`rule`
"model:linear"); see docs/classify-model.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language

from eventwire.assemble.events import events_from_doc, said_now
from eventwire.knowledge.taxonomy import taxonomy
from eventwire.knowledge.triggers import lexicon
from eventwire.learn.combine import vote
from eventwire.learn.model import MODEL_NAME, LinearModel, shipped_model
from eventwire.nlp import load_nlp
from eventwire.records import Article, Event, Extraction, content_id
from eventwire.resolve.actors import resolve_actors

COMPONENTS = ("eventwire_triggers",)


def classifier_nlp(model: str | None = None) -> Language:
    """The spaCy pipeline `classify` uses: tagger, parser and the trigger layer (no NER: the trigger
    layer does not read it, and it costs as much as the parse)."""
    nlp = load_nlp(model, components=COMPONENTS)
    if "ner" in nlp.pipe_names:
        nlp.disable_pipe("ner")
    return nlp


def _best(events: list[Event]) -> tuple[Event | None, Event | None]:
    """The snippet's events: (most salient with an ACLED type, most salient overall), occurred first.

    ACLED codes the violent or strategic happening a snippet reports even when a verbal event
    frames it ("Moscow accused Kyiv of shelling the plant" is a shelling for ACLED); PLOVER codes
    the main event (the accusation).
    """
    if not events:
        return None, None
    occurred = [e for e in events if e.modality == "occurred" or said_now(e)]
    pool = occurred or events
    with_acled = [e for e in pool if e.acled is not None]
    return (with_acled[0] if with_acled else None), pool[0]


def _fallback_acled(text: str) -> tuple[str, str, str]:
    """No trigger: guess from instrument words alone (the weakest evidence we have)."""
    lex = lexicon()
    low = text.lower()
    for wt in lex.weapon_types:
        if any(f" {w} " in f" {low} " or f" {w}s " in f" {low} " for w in lex.classes.get(wt.cls, ())):
            return ("Explosions/Remote violence", wt.acled, f"fallback:{wt.cls}")
    return ("Strategic developments", "Other", "fallback:none")


def _note_tag(text: str) -> tuple[str, str, str] | None:
    """'Interception: On 3 March, ...': the sub-event type an ACLED-style note's leading tag names."""
    head, sep, _ = text.strip().partition(":")
    if not sep or len(head) > 40:
        return None
    found = taxonomy().note_tags.get(head.strip().lower())
    return (found[0], found[1], head.strip()) if found else None


def _with_model(acled: dict[str, str], conf: float, rule: str | None, found: bool, text: str,
                model: LinearModel) -> tuple[dict[str, str], float, str | None]:
    """The learned layer's vote on the rules' ACLED type (`learn/combine.py`)."""
    v = vote(acled["sub_event_type"] if found else None, conf, model.proba(text))
    if not v.by_model:
        return acled, conf, rule
    sub = v.sub_event_type
    return {"event_type": taxonomy().event_type_of(sub), "sub_event_type": sub}, v.probability, f"model:{MODEL_NAME}"


def result_for(snippet_id: Any, text: str, events: list[Event], model: LinearModel | None = None) -> dict[str, Any]:
    """The classify answer for one snippet from its events (the rules), with the learned layer's
    vote when `model` is given; `rule` names what decided the ACLED type."""
    tax = taxonomy()
    tag = _note_tag(text)
    best, main = _best(events)
    if main is None:
        et, sub, why = (tag[0], tag[1], f"note-tag:{tag[2]}") if tag else _fallback_acled(text)
        conf = 0.1
        if tag is None and model is not None:
            voted, p, by = _with_model({"event_type": et, "sub_event_type": sub}, 0.0, why, False, text, model)
            et, sub, why, conf = voted["event_type"], voted["sub_event_type"], by or why, min(max(p, 0.1), 0.2)
        return {"id": snippet_id, "is_event": False, "acled": {"event_type": et, "sub_event_type": sub},
                "plover": {"type": None, "mode": None}, "confidence": round(conf, 2), "rule": why, "modality": None}
    if best is not None and best.acled is not None:
        acled = {"event_type": best.acled.event_type, "sub_event_type": best.acled.sub_event_type}
        conf = best.confidence
    else:
        ptype = main.plover.type if main.plover else None
        et, sub = tax.plover_fallback.get(ptype or "", ("Strategic developments", "Other"))
        acled = {"event_type": et, "sub_event_type": sub}
        conf = min(main.confidence, 0.3)
    typed = best or main
    is_event = typed.modality == "occurred" and typed.acled is not None
    rule: str | None = typed.rule
    if model is not None:
        acled, conf, rule = _with_model(acled, conf, rule, True, text, model)
    if tag is not None and (acled["event_type"], acled["sub_event_type"]) != tag[:2]:
        acled = {"event_type": tag[0], "sub_event_type": tag[1]}
        conf, is_event, rule = 0.9, True, f"note-tag:{tag[2]}"
    return {
        "id": snippet_id,
        "is_event": is_event,
        "acled": acled,
        "plover": {"type": main.plover.type if main.plover else None,
                   "mode": main.plover.mode if main.plover else None},
        "confidence": round(conf if is_event else min(conf, 0.4), 2),
        "rule": rule,
        "modality": main.modality,
    }


def snippet_events(items: Iterable[tuple[Any, str]], *, nlp: Language | None = None,
                   batch_size: int = 256) -> Iterator[tuple[Any, str, list[Event]]]:
    """(id, text, events) for each (id, text), lazily and in input order; actors resolved."""
    nlp = nlp or classifier_nlp()

    def docs() -> Iterator[tuple[tuple[Any, str], Any]]:
        buffer: list[tuple[Any, str]] = []
        for pair in items:
            buffer.append(pair)
            if len(buffer) >= batch_size:
                yield from zip(buffer, nlp.pipe(t for _, t in buffer), strict=True)
                buffer = []
        if buffer:
            yield from zip(buffer, nlp.pipe(t for _, t in buffer), strict=True)

    for (sid, text), doc in docs():
        article = Article(id=content_id(text) if text else "empty", text=text)
        extraction = resolve_actors(Extraction(id=article.id, article=article, events=events_from_doc(article, doc)))
        yield sid, text, extraction.events


def classify_snippets(items: Iterable[dict[str, Any]], *, nlp: Language | None = None, batch_size: int = 256,
                      use_model: bool = True, model: LinearModel | None = None) -> Iterator[dict[str, Any]]:
    """Classify `{"id", "text"}` items lazily, in input order: the rules, then (unless `use_model` is
    False) the learned layer's vote, with `model` or the shipped one (rules only when none ships)."""
    if use_model and model is None:
        model = shipped_model()
    pairs = ((item.get("id"), str(item.get("text") or "")) for item in items)
    for sid, text, events in snippet_events(pairs, nlp=nlp, batch_size=batch_size):
        yield result_for(sid, text, events, model if use_model else None)


def classify_text(text: str, *, nlp: Language | None = None, use_model: bool = True) -> dict[str, Any]:
    """Classify one snippet."""
    return next(classify_snippets([{"id": None, "text": text}], nlp=nlp, use_model=use_model))


def model_acled(text: str) -> tuple[str, str, float] | None:
    """The learned layer alone on one sentence: (event_type, sub_event_type, probability), or None
    when no model ships. The hook for `eventwire extract` (assemble/events.py) to type sentences
    the rules leave without an ACLED type; its `rule` should read f"model:{MODEL_NAME}"."""
    model = shipped_model()
    if model is None:
        return None
    sub, p = model.predict(text)
    return taxonomy().event_type_of(sub), sub, p


__all__ = ["classifier_nlp", "classify_snippets", "classify_text", "model_acled", "result_for", "snippet_events"]
