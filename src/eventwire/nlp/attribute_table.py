"""A drop-in for spaCy's AttributeRuler that reads its rules as token tables.

The English models' attribute ruler maps each fine-grained tag to its coarse part of speech and
morphology, and fixes a few words ("his", "'s", "gonna"): 179 rules, nearly all about one token's
tag and lower-cased form. spaCy runs them through its general `Matcher`, which tests every rule
against every token (profiling: ~3.5 ms a story, a third of the parser's time and more than all of
eventwire's place finding). Here the one-token rules are indexed by the tag and word they test, so
each token looks up only the rules that can fit it; rules of other shapes (several tokens, regular
expressions) stay with a `Matcher` of their own. Matches are read before anything is set and
applied in rule order, later rules winning, exactly as the AttributeRuler does: the output is the
same token for token (a test compares the two on varied text), only faster.

Hand-written rather than a library because no package offers a faster AttributeRuler; it is used
only when every rule is of a shape it can read, else the model's own ruler stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

from eventwire.nlp.layers import doc_tokens

FACTORY = "eventwire_attribute_table"
_READ = (TAG, LOWER, DEP, IS_SPACE)  # the token attributes the rules may test, as table columns
_KEYS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}

# A column test: None (any value), the allowed hashes, ("not", hashes) or ("re", regex on the text).
_Pred = frozenset[int] | tuple[str, Any] | None
_TokenTest = tuple[_Pred, ...]
_Compiled = tuple[int, list[_TokenTest], bool]  # rule, one test per token, found by index alone
ROW_MEMO_LIMIT = 200_000  # distinct (tag, word, dep, space) rows remembered; cleared beyond


def _hashes(items: Iterable[Any], strings: Any, column: int) -> frozenset[int] | None:
    out = set()
    for item in items:
        if column == 3 and isinstance(item, bool):
            out.add(int(item))
        elif column != 3 and isinstance(item, str):
            out.add(strings.add(item) if item else 0)  # "" is an unset attribute: hash 0
        else:
            return None
    return frozenset(out)


def _pred(value: Any, strings: Any, column: int) -> _Pred | bool:
    """The column test of a pattern value, or False when it is a form the table cannot read."""
    if isinstance(value, dict):
        if len(value) != 1:
            return False
        (op, arg), = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list):
            allowed = _hashes(arg, strings, column)
            if allowed is None:
                return False
            return allowed if op == "IN" else ("not", allowed)
        if op == "REGEX" and isinstance(arg, str) and column in (0, 1, 2):
            return ("re", re.compile(arg))
        return False
    allowed = _hashes([value], strings, column)
    return False if allowed is None else allowed


def _token_test(token: dict[str, Any], strings: Any) -> _TokenTest | None:
    if not token or not set(token) <= set(_KEYS):
        return None  # an operator ("OP"), another attribute or an empty wildcard: the Matcher's job
    test: list[_Pred] = [None] * len(_KEYS)
    for key, value in token.items():
        pred = _pred(value, strings, _KEYS[key])
        if pred is False:
            return None
        test[_KEYS[key]] = pred  # type: ignore[assignment]
    return tuple(test)


class AttributeTable:
    """The rules of an `AttributeRuler`, applied by table look-up (see the module docstring)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        self.attrs: list[dict[int, Any]] = list(ruler.attrs)
        self.indices: list[int] = list(ruler.indices)
        strings = self.vocab.strings
        # rules filed under the values their first token must have: its tag and word, its tag, its
        # word or its relation; `exact` rules need no further test once found there
        self.by_tag_lower: dict[tuple[int, int], list[_Compiled]] = {}
        self.by_tag: dict[int, list[_Compiled]] = {}
        self.by_lower: dict[int, list[_Compiled]] = {}
        self.by_dep: dict[int, list[_Compiled]] = {}
        self.always: list[_Compiled] = []
        self.matcher: Matcher | None = None
        self._regex_memo: dict[tuple[int, int], bool] = {}
        self._row_memo: dict[tuple[int, int, int, int], tuple[tuple[int, ...], tuple[_Compiled, ...]]] = {}
        for rule, entry in enumerate(ruler.patterns):
            patterns: list[list[dict[str, Any]]] = entry["patterns"]  # type: ignore[assignment]
            for pattern in patterns:
                tests = [_token_test(t, strings) for t in pattern]
                if not tests or any(t is None for t in tests):
                    if self.matcher is None:
                        self.matcher = Matcher(self.vocab, validate=False)
                    self.matcher.add(str(rule), [pattern])
                    continue
                self._file(rule, tests)  # type: ignore[arg-type]

    def _file(self, rule: int, tests: list[_TokenTest]) -> None:
        first = tests[0]
        tag, lower, dep = (p if isinstance(p, frozenset) else None for p in first[:3])
        indexed = {0, 1} if tag is not None and lower is not None else {0} if tag is not None else \
            {1} if lower is not None else {2} if dep is not None else set()
        exact = len(tests) == 1 and all(p is None or c in indexed for c, p in enumerate(first))
        compiled = (rule, tests, exact)
        if tag is not None and lower is not None:
            for t in tag:
                for w in lower:
                    self.by_tag_lower.setdefault((t, w), []).append(compiled)
        elif tag is not None:
            for t in tag:
                self.by_tag.setdefault(t, []).append(compiled)
        elif lower is not None:
            for w in lower:
                self.by_lower.setdefault(w, []).append(compiled)
        elif dep is not None:
            for d in dep:
                self.by_dep.setdefault(d, []).append(compiled)
        else:
            self.always.append(compiled)

    def _ok(self, test: _TokenTest, row: list[int]) -> bool:
        for column, pred in enumerate(test):
            if pred is None:
                continue
            value = row[column]
            if isinstance(pred, frozenset):
                if value not in pred:
                    return False
            elif pred[0] == "not":
                if value in pred[1]:
                    return False
            else:
                key = (id(pred[1]), value)
                hit = self._regex_memo.get(key)
                if hit is None:
                    hit = self._regex_memo[key] = bool(pred[1].search(self.vocab.strings[value]))
                if not hit:
                    return False
        return True

    def _starting(self, row: list[int]) -> tuple[tuple[int, ...], tuple[_Compiled, ...]]:
        """For a token whose columns are `row`: the one-token rules that fit it, and the longer rules
        whose first token it fits (their later tokens are tested per match)."""
        singles: list[int] = []
        longer: list[_Compiled] = []
        for cands in (self.by_tag_lower.get((row[0], row[1])), self.by_tag.get(row[0]),
                      self.by_lower.get(row[1]), self.by_dep.get(row[2]), self.always):
            for compiled in cands or ():
                rule, tests, exact = compiled
                if not (exact or self._ok(tests[0], row)):
                    continue
                if len(tests) == 1:
                    singles.append(rule)
                else:
                    longer.append(compiled)
        return tuple(singles), tuple(longer)

    def _matches(self, doc: Doc) -> list[tuple[int, int]]:
        """(rule, token) of every rule that fits, read before any is applied. What fits one token
        depends only on its four columns, so it is worked out once per distinct row."""
        found: list[tuple[int, int]] = []
        rows = doc.to_array(list(_READ)).tolist() if len(doc) else []
        n = len(rows)
        memo = self._row_memo
        if len(memo) > ROW_MEMO_LIMIT:
            memo.clear()
        for i, row in enumerate(rows):
            key = (row[0], row[1], row[2], row[3])
            fits = memo.get(key)
            if fits is None:
                fits = memo[key] = self._starting(row)
            singles, longer = fits
            for rule in singles:
                found.append((rule, self._target(rule, i, i + 1)))
            for rule, tests, _ in longer:
                end = i + len(tests)
                if end > n or not all(self._ok(t, rows[i + k]) for k, t in enumerate(tests[1:], 1)):
                    continue
                found.append((rule, self._target(rule, i, end)))
        if self.matcher is not None:
            strings = self.vocab.strings
            for match_id, start, end in self.matcher(doc, allow_missing=True):
                rule = int(strings[match_id])
                found.append((rule, self._target(rule, start, end)))
        return found

    def _target(self, rule: int, start: int, end: int) -> int:
        index = self.indices[rule]
        token = start + index if index >= 0 else end + index
        if not start <= token < end:
            raise ValueError(f"attribute rule {rule}: index {index} is outside its match {start}..{end}")
        return token

    def __call__(self, doc: Doc) -> Doc:
        found = self._matches(doc)
        if not found:
            return doc
        found.sort()  # rule order: a later rule overrides what an earlier one set
        merged: dict[int, dict[int, Any]] = {}
        for rule, token in found:
            merged.setdefault(token, {}).update(self.attrs[rule])
        toks = doc_tokens(doc)
        for token, attrs in merged.items():
            set_token_attrs(toks[token], attrs)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory(FACTORY)
def make_attribute_table(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> AttributeTable:
    """The table version of an AttributeRuler with these patterns (`AttributeRuler.patterns`)."""
    ruler = AttributeRuler(nlp.vocab, name=name, validate=False)
    ruler.add_patterns(patterns)
    return AttributeTable(ruler)


def use_attribute_table(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Swap the model's AttributeRuler for the table version, same name and place; False (nothing
    changed) when the pipeline has no such ruler."""
    ruler = nlp.get_pipe(name) if name in nlp.pipe_names else None
    if not isinstance(ruler, AttributeRuler):
        return False
    patterns = ruler.patterns
    nlp.replace_pipe(name, FACTORY, config={"patterns": patterns})
    return True
