"""Quotes, speakers, attribution relations and claims on sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventwire.assemble.quotes import extract_quotes, quotes_from_doc
from eventwire.records import Claim, Quote


@pytest.fixture(scope="module")
def qnlp() -> Language:
    from eventwire.assemble.quotes import quotes_nlp

    return quotes_nlp()


def run(nlp: Language, text: str) -> tuple[list[Quote], list[Claim]]:
    quotes, _rels, claims = quotes_from_doc(nlp(text))
    return quotes, claims


def quote(quotes: list[Quote], starts: str) -> Quote:
    found = [q for q in quotes if q.text.startswith(starts)]
    assert found, f"no quote starting {starts!r} in {[q.text for q in quotes]}"
    return found[0]


def test_inverted_named_speaker_with_role(qnlp: Language) -> None:
    quotes, _ = run(qnlp, "“The shelling never stops,” said Marta Kovalenko, a nurse from Kharkiv.")
    sp = quote(quotes, "The shelling").speaker
    assert sp is not None and sp.name == "Marta Kovalenko" and sp.role is not None and "nurse" in sp.role


def test_pronoun_goes_to_the_last_named_person_outside_quotes(qnlp: Language) -> None:
    text = ("Andriy Melnyk, a farmer near the front, lost his barn last week. "
            "“I saw Vladimir Putin on television promise peace,” he said.")
    sp = quote(run(qnlp, text)[0], "I saw").speaker
    assert sp is not None and sp.text == "he" and sp.name == "Andriy Melnyk"


def test_surname_resolves_to_the_full_name(qnlp: Language) -> None:
    text = ("Defence Minister Rustem Umerov visited the troops. "
            "Umerov said the brigade had held its positions.")
    _, claims = run(qnlp, text)
    c = next(c for c in claims if c.content.text.startswith("the brigade"))
    assert c.claimant is not None and c.claimant.name == "Rustem Umerov" and c.cue == "said"


def test_institution_and_one_word_partial_quote(qnlp: Language) -> None:
    text = "The Pentagon said the strikes would “degrade” the militia's ability to launch drones."
    q = quote(run(qnlp, text)[0], "degrade")
    assert q.speaker is not None and q.speaker.name == "Pentagon" and q.cue == "said"


def test_anonymous_official_keeps_affiliation(qnlp: Language) -> None:
    text = ("A senior Polish military official, speaking on condition of anonymity, said that "
            "“the border is calm for now” but patrols were doubled.")
    sp = quote(run(qnlp, text)[0], "the border").speaker
    assert sp is not None and sp.anonymous and sp.affiliation == "Polish"


def test_straight_quotes_spanning_sentences(qnlp: Language) -> None:
    text = '"We held the bridge. Then the tanks came," the commander told reporters.'
    q = quote(run(qnlp, text)[0], "We held")
    assert "tanks came" in q.text
    assert q.speaker is not None and "commander" in q.speaker.text


def test_according_to_and_reportedly(qnlp: Language) -> None:
    _, claims = run(qnlp, "Two bridges were destroyed overnight, according to the regional police. "
                          "Hundreds of residents have reportedly left the town.")
    acc = next(c for c in claims if c.cue == "according to")
    assert acc.content.text == "Two bridges were destroyed overnight"
    assert acc.claimant is not None and "police" in acc.claimant.text
    hedge = next(c for c in claims if c.cue == "reportedly")
    assert hedge.status == "reportedly" and hedge.claimant is None


def test_a_dismissal_disputes_the_claim_it_answers_and_is_kept_apart(qnlp: Language) -> None:
    text = ("The defence ministry claimed that its jets destroyed a weapons depot, "
            "but local officials rejected these claims.")
    _, claims = run(qnlp, text)
    original = next(c for c in claims if c.content.text.startswith("its jets destroyed"))
    denial = next(c for c in claims if c.cue == "rejected")
    assert original.status == "disputed"
    assert denial.contradicts == [original.id]
    assert original.id != denial.id and len({c.id for c in claims}) == len(claims)


def test_denial_of_a_clause_is_denied(qnlp: Language) -> None:
    _, claims = run(qnlp, "The army denied that its artillery had hit the hospital.")
    c = next(c for c in claims if c.cue == "denied")
    assert c.status == "denied" and c.content.text.startswith("its artillery had hit")


def test_claim_ids_are_deterministic(qnlp: Language) -> None:
    text = "The governor said that three drones were shot down."
    assert [c.id for c in run(qnlp, text)[1]] == [c.id for c in run(qnlp, text)[1]]


def test_extract_quotes_record_shape(qnlp: Language) -> None:
    rec = extract_quotes("“Stay in the shelters,” the mayor said.", nlp=qnlp)
    assert set(rec) == {"id", "quotes", "attributions", "claims"}
    rel = rec["attributions"][0]
    assert rel["source"]["text"] == "the mayor" and rel["cue"]["text"] == "said"
    assert rel["content"]["text"] == "Stay in the shelters" and rel["direct"] is True


def test_no_quotes_no_relations_in_plain_narration(qnlp: Language) -> None:
    quotes, claims = run(qnlp, "Tanks crossed the river at dawn and the village fell by noon.")
    assert quotes == [] and claims == []


@pytest.mark.parametrize(("open_mark", "close_mark"), [("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»")])
def test_every_quote_style_gives_the_same_quote(qnlp: Language, open_mark: str, close_mark: str) -> None:
    text = f"{open_mark}The convoy was hit twice, and it's still burning,{close_mark} the driver said."
    q = quote(run(qnlp, text)[0], "The convoy")
    assert q.text == "The convoy was hit twice, and it's still burning"
    assert q.speaker is not None and q.speaker.text == "driver" and q.cue == "said"


def test_a_scare_quote_is_no_attribution(qnlp: Language) -> None:
    doc = qnlp("The so-called “buffer zone” was extended to the river.")
    quotes, relations, claims = quotes_from_doc(doc)
    assert [q.text for q in quotes] == ["buffer zone"] and quotes[0].speaker is None
    assert relations == [] and claims == []


def test_a_quote_paragraph_continues_its_speaker(qnlp: Language) -> None:
    text = "“We lost the bridge,” the commander said. “We will take it back.”"
    _, relations, _ = quotes_from_doc(qnlp(text))
    assert [r.source.text if r.source else None for r in relations] == ["the commander", "the commander"]


def test_line_breaks_end_sentences(qnlp: Language) -> None:
    doc = qnlp("Rebels seize airport\nMay 2, 2024\nThe army said it had withdrawn.")
    assert [s.text.strip() for s in doc.sents][:2] == ["Rebels seize airport", "May 2, 2024"]


def test_reports_that_is_a_hedge_and_a_possessive_claim_is_attributed(qnlp: Language) -> None:
    _, claims = run(qnlp, "The talks stalled amid reports that the garrison had surrendered. "
                          "Kyiv's claim that its forces had retaken the port was not confirmed.")
    hedge = next(c for c in claims if c.cue == "reports")
    assert hedge.status == "reportedly" and hedge.claimant is None
    assert hedge.content.text == "the garrison had surrendered"
    own = next(c for c in claims if c.cue == "claim")
    assert own.claimant is not None and own.claimant.text == "Kyiv" and own.status == "attributed"


def test_pronoun_prefers_the_subject_of_the_story(qnlp: Language) -> None:
    text = "Omar Haddad met Pieter Janssen in Geneva on Monday. “We agreed on nothing,” he said."
    sp = quote(run(qnlp, text)[0], "We agreed").speaker
    assert sp is not None and sp.name == "Omar Haddad"


def test_claiming_responsibility_is_no_claim(qnlp: Language) -> None:
    _, claims = run(qnlp, "The group claimed responsibility for the bombing on Sunday.")
    assert claims == []


def test_quotes_jsonl_reads_lines_and_names_bad_ones(qnlp: Language) -> None:
    import json

    from eventwire.assemble.quotes import quotes_jsonl
    from eventwire.errors import InputError

    lines = [json.dumps({"id": "x1", "text": "“Hold on,” the nurse said."}), "",
             json.dumps({"text": "Two villages were shelled, according to the mayor."})]
    out = list(quotes_jsonl(lines, nlp=qnlp))
    assert [o["id"] for o in out] == ["x1", "3"]
    assert out[1]["attributions"][0]["cue"]["text"] == "according to"
    with pytest.raises(InputError, match="line 1"):
        list(quotes_jsonl(["not json"], nlp=qnlp))


def test_a_quote_after_a_colon_belongs_to_the_clause_subject(qnlp: Language) -> None:
    text = "Minister Lena Ortiz visited the port. In her speech, she praised the dock workers: “They never stopped.”"
    sp = quote(run(qnlp, text)[0], "They never").speaker
    assert sp is not None and sp.text == "she" and sp.name == "Lena Ortiz"


def test_a_denial_with_its_own_content_answers_the_claim_about_the_same_thing(qnlp: Language) -> None:
    text = ("Local officials said artillery shelled the grain terminal overnight. "
            "The army denied shelling the terminal.")
    _, claims = run(qnlp, text)
    original = next(c for c in claims if c.cue == "said")
    denial = next(c for c in claims if c.cue == "denied")
    assert denial.status == "denied" and denial.contradicts == [original.id]
    assert original.status == "disputed"
    # an unrelated denial answers nothing
    _, claims = run(qnlp, "Officials said the bridge was rebuilt. The mayor denied any wrongdoing.")
    assert all(not c.contradicts for c in claims)


def test_an_open_quoted_paragraph_takes_the_next_paragraphs_speaker(qnlp: Language) -> None:
    text = "“The shells fell all night. Nobody slept.\n\n“At dawn we left,” said Hanna Boyko, a baker."
    quotes, _ = run(qnlp, text)
    assert [q.speaker.name if q.speaker else None for q in quotes] == ["Hanna Boyko", "Hanna Boyko"]
