"""cluster: mentions of one real-world event, within and across articles, merged into one event.

`pair_score(a, b)` explains whether two mentions are the same event (features + score);
`assign(mention, candidates)` picks the event a new mention joins; `build_merged(...)` builds the
merged event with every source, per-source figures and their range, and linked claims. The store
calls these on every write; `Clusterer` does the same in memory.
"""

from eventwire.cluster.config import DEFAULT_CONFIG, MergeConfig
from eventwire.cluster.features import PairScore, pair_score
from eventwire.cluster.merge import Candidate, Clusterer, Decision, Member, assign, build_merged, cluster_id_for
from eventwire.cluster.model import FigureRange, MentionLink, MergedEvent, Source, SourceFigure

__all__ = [
    "DEFAULT_CONFIG",
    "Candidate",
    "Clusterer",
    "Decision",
    "FigureRange",
    "Member",
    "MentionLink",
    "MergeConfig",
    "MergedEvent",
    "PairScore",
    "Source",
    "SourceFigure",
    "assign",
    "build_merged",
    "cluster_id_for",
    "pair_score",
]
