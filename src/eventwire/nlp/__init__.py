"""nlp: one spaCy pass with eventwire's components adding span layers (see layers.py)."""

from eventwire.nlp.model import COMPONENTS, load_nlp

__all__ = ["COMPONENTS", "load_nlp"]
