"""Resolve step `resolve_attribution`: who says each event, and how firmly.

An event whose trigger lies inside a claim's content (or a direct quote) carries that claim's
attribution: its claimant as `source`, the cue, the claim id and a status — `attributed` (a
source says it), `reportedly` (an unattributed hedge), `disputed` (another claim contradicts
it; `disputed_by` lists those claims) or `denied` (the source denies it). The innermost claim
wins ("officials said X reportedly happened" → reportedly). Events outside every claim stay
`asserted` (the outlet's own voice). Each claim lists the events inside it (`event_ids`).
"""

from __future__ import annotations

from eventwire.records import Attribution, Claim, Event, Extraction, Quote, Span


def _anchor(event: Event) -> Span | None:
    return event.trigger or (event.evidence[0] if event.evidence else None)


def _innermost(anchor: Span, claims: list[Claim], quotes: list[Quote]) -> Claim | Quote | None:
    found: list[tuple[int, Claim | Quote]] = []
    for c in claims:
        if c.content.contains(anchor):
            found.append((c.content.end - c.content.start, c))
    for q in quotes:
        if q.span.contains(anchor) and (q.speaker is not None or q.cue):
            found.append((q.span.end - q.span.start, q))
    if not found:
        return None
    found.sort(key=lambda x: (x[0], 0 if isinstance(x[1], Claim) else 1))
    return found[0][1]


def resolve_attribution(extraction: Extraction) -> Extraction:
    claims = extraction.claims
    disputed_by: dict[str, list[str]] = {}
    for c in claims:
        for target in c.contradicts:
            disputed_by.setdefault(target, []).append(c.id)
    for event in extraction.events:
        anchor = _anchor(event)
        if anchor is None:
            continue
        holder = _innermost(anchor, claims, extraction.quotes)
        if holder is None:
            continue
        if isinstance(holder, Claim):
            against = disputed_by.get(holder.id, [])
            status = holder.status
            if against and status in ("attributed", "reportedly", "asserted"):
                status = "disputed"
            event.attribution = Attribution(
                status=status, source=holder.claimant, cue=holder.cue, cue_span=holder.cue_span,
                claim_id=holder.id, disputed_by=list(against),
            )
            if event.id not in holder.event_ids:
                holder.event_ids.append(event.id)
        else:
            event.attribution = Attribution(status="attributed", source=holder.speaker, cue=holder.cue,
                                            cue_span=holder.cue_span)
    return extraction
