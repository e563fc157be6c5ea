"""How the two layers of `eventwire classify` combine: a weighted vote.

The rules' ACLED sub-type gets `RULE_WEIGHT × rule confidence` on top of the model's probability
for it; the model's probabilities count for every type. The rules win when they are confident and
the model does not clearly disagree; the model decides when the rules found no trigger (they
then get no vote) or when it clearly prefers another type. The weight was chosen on sentences
the rules had never seen (the `paraphrases` batch at first sight; docs/classify-model.md).
"""

from __future__ import annotations

from dataclasses import dataclass

RULE_WEIGHT = 0.2


@dataclass(frozen=True)
class Vote:
    sub_event_type: str
    probability: float  # the model's probability of the winner
    by_model: bool      # the model overruled (or stood in for) the rules


def vote(rule_sub: str | None, rule_confidence: float, probs: dict[str, float],
         weight: float = RULE_WEIGHT) -> Vote:
    """The combined sub-type; `rule_sub` None when the rules found no trigger."""
    scores = dict(probs)
    if rule_sub is not None:
        scores[rule_sub] = scores.get(rule_sub, 0.0) + weight * rule_confidence
    best = max(scores, key=scores.__getitem__)
    return Vote(best, probs.get(best, 0.0), best != rule_sub)


__all__ = ["RULE_WEIGHT", "Vote", "vote"]
