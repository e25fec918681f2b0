"""Quotation extraction and speaker attribution: the seed labelled by hand, and the hard cases."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from conftest import DATA
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from bot.core.analysis import Quote
from bot.nlp.annotate import load_spacy
from bot.nlp.quote_cues import find_cues
from bot.nlp.quote_marks import MAX_PARAGRAPHS, MarkSpan, quote_spans
from bot.nlp.quotes import extract_quotes

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy()


def quotes_of(nlp: Language, text: str) -> list[Quote]:
    found = extract_quotes(nlp(text))
    for quote in found:  # offsets always point at the verbatim text
        assert text[quote.char_start : quote.char_end] == quote.text
        assert text[quote.cue_start : quote.cue_end] == quote.cue
    return found


def the_quote(found: list[Quote], words: str) -> Quote:
    matching = [q for q in found if words in q.text]
    assert len(matching) == 1, (words, [(q.speaker, q.text) for q in found])
    return matching[0]


# -- the seed article, labelled by hand -------------------------------------------------------


def _seed_gold() -> dict[str, object]:
    line = (DATA / "quotes_seed.jsonl").read_text(encoding="utf-8").splitlines()[0]
    record: dict[str, object] = json.loads(line)
    return record


def test_every_direct_quote_of_the_seed_has_its_speaker(nlp: Language) -> None:
    gold = _seed_gold()
    text = str(gold["text"])
    found = quotes_of(nlp, text)
    by_span = {(q.char_start, q.char_end): q for q in found}
    labelled = gold["quotes"]
    assert isinstance(labelled, list)
    direct = [q for q in labelled if q["kind"] == "direct"]
    assert len(direct) >= 20
    for label in direct:
        quote = by_span.get((label["char_start"], label["char_end"]))
        assert quote is not None, label["text"]
        assert quote.kind == "direct"
        assert quote.speaker == label["speaker"], (label["text"], quote.speaker)
    extra = [
        q
        for q in found
        if q.kind == "direct"
        and (q.char_start, q.char_end)
        not in {(label["char_start"], label["char_end"]) for label in direct}
    ]
    assert extra == []


def test_no_one_only_mentioned_in_the_seed_becomes_a_speaker(nlp: Language) -> None:
    gold = _seed_gold()
    found = quotes_of(nlp, str(gold["text"]))
    speakers = {q.speaker for q in found if q.speaker_kind == "person"}
    not_speakers = gold["not_speakers"]
    assert isinstance(not_speakers, list)
    for person in not_speakers:
        assert person not in speakers
    thune = the_quote(found, "no scheduling announcements")
    assert thune.speaker_kind == "description"
    assert thune.speaker.startswith("a spokesperson for")


def test_seed_roles_come_from_appositions_and_titles(nlp: Language) -> None:
    found = quotes_of(nlp, str(_seed_gold()["text"]))
    snegovaya = the_quote(found, "Many businesses are now wary")
    assert "senior fellow" in snegovaya.role
    assert "(CSIS)" in snegovaya.role
    schmitt = the_quote(found, "would be premature")
    assert "(R-Mo.)" in schmitt.role
    assert "Senate Armed Services Committee" in schmitt.role


# -- hard cases, one by one ------------------------------------------------------------------


def test_straight_quotes_with_attribution_after(nlp: Language) -> None:
    found = quotes_of(nlp, '"We will not back down," Governor Ann Lee said on Monday.')
    quote = the_quote(found, "back down")
    assert (quote.kind, quote.speaker, quote.cue) == ("direct", "Ann Lee", "said")
    assert quote.text == '"We will not back down,"'


def test_interrupted_quote_keeps_one_speaker_and_group(nlp: Language) -> None:
    text = "“The talks are over,” Mayor Tom Reed said. “We tried everything.”"
    found = quotes_of(nlp, text)
    first, second = the_quote(found, "talks are over"), the_quote(found, "tried everything")
    assert first.speaker == second.speaker == "Tom Reed"
    assert first.group == second.group


def test_attribution_before_with_colon(nlp: Language) -> None:
    text = "Finance Minister Carla Diaz wrote on social media: “The budget is balanced.”"
    quote = the_quote(quotes_of(nlp, text), "budget is balanced")
    assert (quote.kind, quote.speaker, quote.cue) == ("direct", "Carla Diaz", "wrote")
    assert "Finance Minister" in quote.role


def test_attribution_in_the_paragraph_before(nlp: Language) -> None:
    text = "The health minister, Rosa Blanco, told parliament:\n\n“We have enough vaccines.”"
    quote = the_quote(quotes_of(nlp, text), "enough vaccines")
    assert quote.speaker == "Rosa Blanco"


def test_quote_continued_over_paragraphs(nlp: Language) -> None:
    text = (
        "Dr. Paul Okafor, a virologist at Lagos University, described the outbreak.\n\n"
        "“It started in the markets.\n\n"
        "“Then it spread to the schools,” he said."
    )
    found = quotes_of(nlp, text)
    quote = the_quote(found, "started in the markets")
    assert "spread to the schools" in quote.text
    assert quote.speaker == "Paul Okafor"


def test_nested_quotes_are_one_quotation(nlp: Language) -> None:
    text = '"I heard him say “never again” twice," said Senator Joan Park.'
    found = quotes_of(nlp, text)
    assert len(found) == 1
    assert found[0].text == '"I heard him say “never again” twice,"'
    assert found[0].speaker == "Joan Park"


def test_unbalanced_mark_never_swallows_the_text(nlp: Language) -> None:
    text = (
        "The so-called “plan was unveiled on Monday.\n\n"
        "Officials said the rollout would take several weeks.\n\n"
        "“It will be fine,” the mayor’s office said."
    )
    found = quotes_of(nlp, text)
    assert all("unveiled" not in q.text for q in found)
    assert the_quote(found, "rollout").kind == "indirect"
    assert the_quote(found, "It will be fine").kind == "direct"


def test_partial_quote_inside_reported_speech_belongs_to_the_speaker(nlp: Language) -> None:
    text = "Secretary Dana Ortiz suggested that a deal was the “best option” for both sides."
    found = quotes_of(nlp, text)
    assert len(found) == 1
    assert found[0].kind == "indirect"
    assert found[0].speaker == "Dana Ortiz"
    assert found[0].text == "a deal was the “best option” for both sides"


def test_scare_quotes_are_not_quotes(nlp: Language) -> None:
    text = (
        "The company’s “innovative” approach drew criticism from regulators.\n\n"
        "Its new “platform” launched on Monday under the brand “Nova”."
    )
    assert quotes_of(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("Mark Hale told reporters that the vote would be delayed.", "Mark Hale", "the vote"),
        ("According to Ines Varga, the ceasefire held overnight.", "Ines Varga", "ceasefire"),
        ("Ines Varga said on Thursday that the border would reopen.", "Ines Varga", "border"),
        ("Omar Haddad said in a statement that the firm would appeal.", "Omar Haddad", "appeal"),
        ("Omar Haddad warned the sanctions would hurt farmers.", "Omar Haddad", "farmers"),
        ("The talks collapsed, Omar Haddad argued.", "Omar Haddad", "talks collapsed"),
    ],
)
def test_reported_speech_forms(nlp: Language, text: str, speaker: str, content: str) -> None:
    quote = the_quote(quotes_of(nlp, text), content)
    assert (quote.kind, quote.speaker) == ("indirect", speaker)


def test_pronouns_go_to_the_right_earlier_speaker(nlp: Language) -> None:
    text = (
        "“We need more time,” said Maria Lopez, a senior analyst at the Brookings Institution.\n\n"
        "John Smith, the committee chair, disagreed.\n\n"
        "“Time is up,” he said.\n\n"
        "“That is a mistake,” she replied."
    )
    found = quotes_of(nlp, text)
    assert the_quote(found, "Time is up").speaker == "John Smith"
    mistake = the_quote(found, "That is a mistake")
    assert mistake.speaker == "Maria Lopez"
    assert mistake.mention == "she"
    assert "Brookings" in mistake.role


def test_surname_and_title_resolve_to_the_full_name(nlp: Language) -> None:
    text = (
        "Anna Berg, an economist at Nordbank, said inflation was easing.\n\n"
        "“Prices are stabilising,” Berg said.\n\n"
        "Russian President Vladimir Putin met the envoys on Friday.\n\n"
        "The Russian president said the talks would continue."
    )
    found = quotes_of(nlp, text)
    assert the_quote(found, "Prices are stabilising").speaker == "Anna Berg"
    putin = the_quote(found, "talks would continue")
    assert putin.speaker == "Vladimir Putin"
    assert putin.mention == "The Russian president"


def test_organisations_and_spokespeople_speak(nlp: Language) -> None:
    text = (
        "The Kremlin said the meeting would not take place.\n\n"
        "A spokesperson for Senator Mark Hale told The Hill that no vote was scheduled."
    )
    found = quotes_of(nlp, text)
    kremlin = the_quote(found, "meeting would not")
    assert (kremlin.speaker, kremlin.speaker_kind) == ("the Kremlin", "organisation")
    spokesperson = the_quote(found, "no vote")
    assert spokesperson.speaker_kind == "description"
    assert spokesperson.speaker != "Mark Hale"


def test_people_only_mentioned_are_never_speakers(nlp: Language) -> None:
    text = (
        "The bill is sponsored by Sens. Lindsey Graham and Richard Blumenthal.\n\n"
        "A photo shows Prime Minister Ellen Cho with the delegation.\n\n"
        "“It is a good day,” Ellen Cho’s husband, Ray Cho, said."
    )
    found = quotes_of(nlp, text)
    assert [q.speaker for q in found] == ["Ray Cho"]


def test_quote_paragraph_after_an_attributed_one_continues_it(nlp: Language) -> None:
    text = (
        "“The first step is done,” said Lee Park, the project lead.\n\n"
        "“The second step starts next month.”\n\n"
        "Critics disagreed with the plan.\n\n"
        "“Nobody asked us.”"
    )
    found = quotes_of(nlp, text)
    assert the_quote(found, "second step").speaker == "Lee Park"
    assert all("Nobody asked" not in q.text for q in found)  # no one said it here


def test_double_apostrophes_are_quotation_marks(nlp: Language) -> None:
    text = "''It is more tinkering at the edges,'' said Alan Cole, an economist."
    quote = the_quote(quotes_of(nlp, text), "tinkering")
    assert quote.text == "''It is more tinkering at the edges,''"
    assert quote.speaker == "Alan Cole"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,\n\"“”„«»'")), max_size=200))
def test_quote_marks_never_crash_or_run_away(text: str) -> None:
    for span in quote_spans(text):
        assert 0 <= span.start < span.end <= len(text)
        assert text.count("\n\n", span.start, span.end) <= MAX_PARAGRAPHS
        assert span.end - span.start >= 2


def test_he_inside_reported_words_is_the_person_named_there(nlp: Language) -> None:
    text = (
        "Retired General Mark Flint said Ana Diaz was right when she said on Monday that "
        "the plan had “failed completely.”"
    )
    found = quotes_of(nlp, text)
    (inner,) = [q for q in found if q.text.startswith("the plan had")]
    assert inner.speaker == "Ana Diaz"
    (outer,) = [q for q in found if q.text.startswith("Ana Diaz was right")]
    assert outer.speaker == "Mark Flint"


def test_dash_attribution_closing_a_line(nlp: Language) -> None:
    text = "“We deserve better than this.” ― Carla Sanchez\n“He never listens.” — Pedro Ruiz."
    found = quotes_of(nlp, text)
    assert the_quote(found, "deserve better").speaker == "Carla Sanchez"
    assert the_quote(found, "never listens").speaker == "Pedro Ruiz"


def test_participle_cue_takes_the_main_subject(nlp: Language) -> None:
    text = "Mayor Lena Fox spoke for an hour on Monday, saying, “The budget is fair.”"
    quote = the_quote(quotes_of(nlp, text), "budget is fair")
    assert quote.speaker == "Lena Fox"
    assert quote.cue == "saying"


def test_closing_mark_typed_at_a_paragraph_start_opens_a_quote(nlp: Language) -> None:
    text = "Voters were asked about the race.\n\n”It is a disgrace,” said Omar Haddad."
    quote = the_quote(quotes_of(nlp, text), "disgrace")
    assert quote.text == "”It is a disgrace,”"
    assert quote.speaker == "Omar Haddad"


def test_given_names_keep_pronouns_from_the_wrong_person(nlp: Language) -> None:
    text = (
        "“We need a vote,” said Heidi Marsh.\n\n"
        "“We will wait,” said Tom Reyes.\n\n"
        "“It cannot wait,” she said."
    )
    assert the_quote(quotes_of(nlp, text), "cannot wait").speaker == "Heidi Marsh"


def test_denied_or_hypothetical_saying_is_no_quote(nlp: Language) -> None:
    text = (
        "A reader would ask: “What happened to the money?”\n\n"
        "Mayor Tom Reed did not say that he would resign."
    )
    assert quotes_of(nlp, text) == []


def test_a_described_speaker_keeps_the_whole_description(nlp: Language) -> None:
    text = (
        "The former governor and current party chair said the vote was rigged.\n\n"
        "Several officials said the count would resume on Monday."
    )
    found = quotes_of(nlp, text)
    chair = the_quote(found, "rigged")
    assert chair.speaker == "the former governor and current party chair"
    assert chair.speaker_kind == "description"
    assert the_quote(found, "count would resume").speaker == "several officials"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ['"', "“", "”", "''", " said Ann Lee", " he said", ", ", ". ", "\n\n", "The plan", "it"]
        ),
        max_size=25,
    )
)
def test_extraction_never_crashes_and_offsets_hold(pieces: list[str]) -> None:
    text = "".join(pieces)
    quotes_of(load_spacy(), text)


def test_a_negation_inside_the_quote_does_not_deny_the_saying(nlp: Language) -> None:
    # the parser sometimes hangs the quote's "not" on the speech verb: built here by hand
    words = ['"', "Probably", "not", ",", '"', "Ms.", "Vardy", "said", "."]
    heads = [7, 2, 7, 7, 7, 6, 7, 7, 7]
    deps = ["punct", "advmod", "neg", "punct", "punct", "compound", "nsubj", "ROOT", "punct"]
    pos = ["PUNCT", "ADV", "PART", "PUNCT", "PUNCT", "PROPN", "PROPN", "VERB", "PUNCT"]
    lemmas = ['"', "probably", "not", ",", '"', "Ms.", "Vardy", "say", "."]
    spaces = [False, True, False, False, True, True, True, False, False]
    doc = Doc(nlp.vocab, words, spaces, pos=pos, lemmas=lemmas, heads=heads, deps=deps)
    text = doc.text
    quoted = [MarkSpan(s.start, s.end) for s in quote_spans(text)]
    cues = find_cues(doc, lambda i: any(s.contains(i) for s in quoted))
    assert [(c.text, c.subject.text) for c in cues] == [("said", "Vardy")]
    denied = Doc(
        nlp.vocab,
        ["Vardy", "did", "not", "say", "."],
        pos=["PROPN", "AUX", "PART", "VERB", "PUNCT"],
        lemmas=["Vardy", "do", "not", "say", "."],
        heads=[3, 3, 3, 3, 3],
        deps=["nsubj", "aux", "neg", "ROOT", "punct"],
    )
    assert find_cues(denied, lambda i: False) == []


def test_a_subject_inside_the_quote_gives_way_to_the_one_after_the_verb(nlp: Language) -> None:
    text = "“The harbour board is in crisis mode. Total crisis mode,” said Oren Palstra, a pilot."
    quote = the_quote(quotes_of(nlp, text), "crisis mode")
    assert (quote.kind, quote.speaker) == ("direct", "Oren Palstra")


def test_a_document_that_reads_speaks_its_words(nlp: Language) -> None:
    text = (
        "Residents sent a petition to the council.\n\n"
        "“We ask for one safe crossing on Mill Road before the school year starts,” "
        "the petition reads."
    )
    quote = the_quote(quotes_of(nlp, text), "safe crossing")
    assert quote.speaker == "the petition"
    assert quotes_of(nlp, "She read the “final report” on Monday.") == []


def test_words_put_on_something_in_quotation_marks_belong_to_the_labeller(nlp: Language) -> None:
    text = (
        "Mayor Dana Holt called the stadium deal “a gift to billionaires” on Tuesday.\n\n"
        "Ivo Ruiz, a councillor, described the budget as “cruel and lazy.”\n\n"
        "She called her brother on Sunday about the “party” at the lake."
    )
    found = quotes_of(nlp, text)
    holt = the_quote(found, "gift to billionaires")
    assert holt.speaker == "Dana Holt"
    assert holt.text == "the stadium deal “a gift to billionaires”"
    ruiz = the_quote(found, "cruel and lazy")
    assert (ruiz.speaker, ruiz.text) == ("Ivo Ruiz", "the budget as “cruel and lazy.”")
    assert not [q for q in found if "party" in q.text]


Parsed = list[tuple[str, bool, int, str, str, str]]
"""Hand-built parse rows: word, space after, head, dependency, part of speech, lemma."""


def hand_parsed(nlp: Language, rows: Parsed) -> Doc:
    """A parse built by hand: the rule under test, whatever the statistical parser does."""
    return Doc(
        nlp.vocab,
        [r[0] for r in rows],
        [r[1] for r in rows],
        heads=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        pos=[r[4] for r in rows],
        lemmas=[r[5] for r in rows],
    )


def test_quoted_words_after_the_cue_finish_an_interrupted_quote(nlp: Language) -> None:
    # “Now that it is over,” Moyo said, “we rebuild.”: the quoted part after "said" is its
    # complement, and the part before it still belongs to Moyo
    rows: Parsed = [
        ("“", False, 9, "punct", "PUNCT", "“"),
        ("Now", True, 9, "advmod", "ADV", "now"),
        ("that", True, 4, "mark", "SCONJ", "that"),
        ("it", True, 4, "nsubj", "PRON", "it"),
        ("is", True, 1, "ccomp", "AUX", "be"),
        ("over", False, 4, "acomp", "ADV", "over"),
        (",", False, 9, "punct", "PUNCT", ","),
        ("”", True, 9, "punct", "PUNCT", "”"),
        ("Moyo", True, 9, "nsubj", "PROPN", "Moyo"),
        ("said", False, 9, "ROOT", "VERB", "say"),
        (",", True, 9, "punct", "PUNCT", ","),
        ("“", False, 13, "punct", "PUNCT", "“"),
        ("we", True, 13, "nsubj", "PRON", "we"),
        ("rebuild", False, 9, "ccomp", "VERB", "rebuild"),
        (".", False, 13, "punct", "PUNCT", "."),
        ("”", False, 13, "punct", "PUNCT", "”"),
    ]
    found = extract_quotes(hand_parsed(nlp, rows))
    assert [(q.text, q.speaker, q.kind) for q in found] == [
        ("“Now that it is over,”", "Moyo", "direct"),
        ("“we rebuild.”", "Moyo", "direct"),
    ]
    assert found[0].group == found[1].group


def test_a_quote_after_reported_words_ending_in_a_quote_continues_them(nlp: Language) -> None:
    # The council achieved "too little," Ferro added. "The library will close."
    rows: Parsed = [
        ("The", True, 1, "det", "DET", "the"),
        ("council", True, 2, "nsubj", "NOUN", "council"),
        ("achieved", True, 9, "ccomp", "VERB", "achieve"),
        ('"', False, 5, "punct", "PUNCT", '"'),
        ("too", True, 5, "advmod", "ADV", "too"),
        ("little", False, 2, "dobj", "ADJ", "little"),
        (",", False, 9, "punct", "PUNCT", ","),
        ('"', True, 9, "punct", "PUNCT", '"'),
        ("Ferro", True, 9, "nsubj", "PROPN", "Ferro"),
        ("added", False, 9, "ROOT", "VERB", "add"),
        (".", True, 9, "punct", "PUNCT", "."),
        ('"', False, 15, "punct", "PUNCT", '"'),
        ("The", True, 13, "det", "DET", "the"),
        ("library", True, 15, "nsubj", "NOUN", "library"),
        ("will", True, 15, "aux", "AUX", "will"),
        ("close", False, 15, "ROOT", "VERB", "close"),
        (".", False, 15, "punct", "PUNCT", "."),
        ('"', False, 15, "punct", "PUNCT", '"'),
    ]
    found = extract_quotes(hand_parsed(nlp, rows))
    assert [(q.text, q.speaker, q.kind) for q in found] == [
        ('The council achieved "too little,"', "Ferro", "indirect"),
        ('"The library will close."', "Ferro", "direct"),
    ]
    assert found[0].group == found[1].group


def test_a_quote_closing_the_sentence_joins_the_reported_words_before_it(nlp: Language) -> None:
    # Kane said rivals focus on “slogans and sound bites.”, the quote misparsed onto "said"
    rows: Parsed = [
        ("Kane", True, 1, "nsubj", "PROPN", "Kane"),
        ("said", True, 1, "ROOT", "VERB", "say"),
        ("rivals", True, 3, "nsubj", "NOUN", "rival"),
        ("focus", True, 1, "ccomp", "VERB", "focus"),
        ("on", True, 3, "prep", "ADP", "on"),
        ("“", False, 1, "punct", "PUNCT", "“"),
        ("slogans", True, 1, "dobj", "NOUN", "slogan"),
        ("and", True, 6, "cc", "CCONJ", "and"),
        ("sound", True, 9, "compound", "NOUN", "sound"),
        ("bites", False, 6, "conj", "NOUN", "bite"),
        (".", False, 1, "punct", "PUNCT", "."),
        ("”", False, 1, "punct", "PUNCT", "”"),
    ]
    found = extract_quotes(hand_parsed(nlp, rows))
    assert [(q.text, q.speaker) for q in found] == [
        ("rivals focus on “slogans and sound bites.”", "Kane")
    ]


def test_a_name_and_said_after_a_quote_attribute_it_when_the_parse_is_lost(nlp: Language) -> None:
    # “We will rebuild,” harbour Chief Ana Lind said Monday., with "harbour" misparsed as a verb
    rows: Parsed = [
        ("“", False, 2, "punct", "PUNCT", "“"),
        ("We", True, 2, "nsubj", "PRON", "we"),
        ("rebuild", False, 2, "ROOT", "VERB", "rebuild"),
        (",", False, 2, "punct", "PUNCT", ","),
        ("”", True, 2, "punct", "PUNCT", "”"),
        ("harbour", True, 2, "dep", "VERB", "harbour"),
        ("Chief", True, 5, "dobj", "PROPN", "Chief"),
        ("Ana", True, 8, "compound", "PROPN", "Ana"),
        ("Lind", True, 6, "appos", "PROPN", "Lind"),
        ("said", True, 2, "conj", "VERB", "say"),
        ("Monday", False, 9, "npadvmod", "PROPN", "Monday"),
        (".", False, 2, "punct", "PUNCT", "."),
    ]
    found = extract_quotes(hand_parsed(nlp, rows))
    assert [(q.text, q.speaker, q.kind) for q in found] == [("“We rebuild,”", "Ana Lind", "direct")]
    rows[5] = ("the", True, 2, "dep", "DET", "the")  # words that are not a name: no cue
    rows[6] = ("chief", True, 5, "dobj", "NOUN", "chief")
    assert extract_quotes(hand_parsed(nlp, rows)) == []


def test_a_closing_mark_and_an_ellipsis_opening_a_paragraph_open_a_quote() -> None:
    text = "The mayor spoke.\n\n” … we will rebuild the bridge,” she said."
    spans = quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["” … we will rebuild the bridge,”"]


def test_quoted_words_in_an_infinitive_after_a_speech_verb_are_a_quote(nlp: Language) -> None:
    # Kane urged residents to “act now.”, with "act" parsed as the verb's xcomp
    rows: Parsed = [
        ("Kane", True, 1, "nsubj", "PROPN", "Kane"),
        ("urged", True, 1, "ROOT", "VERB", "urge"),
        ("residents", True, 1, "dobj", "NOUN", "resident"),
        ("to", True, 5, "aux", "PART", "to"),
        ("“", False, 5, "punct", "PUNCT", "“"),
        ("act", True, 1, "xcomp", "VERB", "act"),
        ("now", False, 5, "advmod", "ADV", "now"),
        (".", False, 1, "punct", "PUNCT", "."),
        ("”", False, 1, "punct", "PUNCT", "”"),
    ]
    found = extract_quotes(hand_parsed(nlp, rows))
    assert [(q.text, q.speaker) for q in found] == [("residents to “act now.”", "Kane")]
    rows[4], rows[8] = (
        ("(", False, 5, "punct", "PUNCT", "("),
        (")", False, 1, "punct", "PUNCT", ")"),
    )
    rows[1] = ("asked", True, 1, "ROOT", "VERB", "ask")
    assert extract_quotes(hand_parsed(nlp, rows)) == []  # no quotation marks: not kept


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Governor Ana Ruiz vowed to veto the pension bill.", "to veto the pension bill"),
        ("Ana Ruiz urged lawmakers to reject the pension bill.", "lawmakers to reject the"),
        ("Ana Ruiz promised to cut fares by March.", "to cut fares by March"),
    ],
)
def test_a_pledge_or_an_urging_reports_its_infinitive(
    nlp: Language, text: str, content: str
) -> None:
    quote = the_quote(quotes_of(nlp, text), content)
    assert (quote.kind, quote.speaker) == ("indirect", "Ana Ruiz")


def test_other_infinitives_without_quotation_marks_are_not_speech(nlp: Language) -> None:
    text = "Ana Ruiz asked the guard to leave. She agreed to meet the board and refused to resign."
    assert quotes_of(nlp, text) == []


def test_an_urging_whose_object_is_no_one_is_a_purpose_not_speech(nlp: Language) -> None:
    # Ruiz, meeting the leaders, urged unity to end the strike.: "unity" is urged, not told
    rows: Parsed = [
        ("Ruiz", True, 1, "nsubj", "PROPN", "Ruiz"),
        ("urged", True, 1, "ROOT", "VERB", "urge"),
        ("unity", True, 1, "dobj", "NOUN", "unity"),
        ("to", True, 4, "aux", "PART", "to"),
        ("end", True, 1, "xcomp", "VERB", "end"),
        ("the", True, 6, "det", "DET", "the"),
        ("strike", False, 4, "dobj", "NOUN", "strike"),
        (".", False, 1, "punct", "PUNCT", "."),
    ]
    assert extract_quotes(hand_parsed(nlp, rows)) == []
    rows[2] = ("workers", True, 1, "dobj", "NOUN", "worker")
    doc = hand_parsed(nlp, rows)
    doc[2].tag_ = "NNS"
    assert [q.text for q in extract_quotes(doc)] == ["workers to end the strike"]


def test_reported_words_never_cut_a_quotation_in_two(nlp: Language) -> None:
    # Ruiz said voters are angry: “we lose. We pay.”, the parse ending the words at "lose"
    rows: Parsed = [
        ("Ruiz", True, 1, "nsubj", "PROPN", "Ruiz"),
        ("said", True, 1, "ROOT", "VERB", "say"),
        ("voters", True, 3, "nsubj", "NOUN", "voter"),
        ("are", True, 1, "ccomp", "AUX", "be"),
        ("angry", False, 3, "acomp", "ADJ", "angry"),
        (":", True, 3, "punct", "PUNCT", ":"),
        ("“", False, 8, "punct", "PUNCT", "“"),
        ("we", True, 8, "nsubj", "PRON", "we"),
        ("lose", False, 3, "parataxis", "VERB", "lose"),
        (".", True, 8, "punct", "PUNCT", "."),
        ("We", True, 11, "nsubj", "PRON", "we"),
        ("pay", False, 11, "ROOT", "VERB", "pay"),
        (".", False, 11, "punct", "PUNCT", "."),
        ("”", False, 11, "punct", "PUNCT", "”"),
    ]
    found = extract_quotes(hand_parsed(nlp, rows))
    assert [(q.text, q.speaker) for q in found] == [
        ("voters are angry: “we lose. We pay.”", "Ruiz")
    ]


def test_courtesy_titles_and_ages_are_not_roles(nlp: Language) -> None:
    text = (
        "“We are not aware of anything,” Mr. Robert Sznewajs told reporters.\n\n"
        "Brian Nichols, 37, said he would appeal.\n\n"
        "“The ruling stands,” said Gov. Kate Brown."
    )
    found = quotes_of(nlp, text)
    assert the_quote(found, "not aware").role == ""
    assert the_quote(found, "appeal").role == ""
    assert the_quote(found, "ruling stands").role == "Gov."


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("The museum, Ms. Ruiz said, would open in May.", ["The museum", "would open in May"]),
        (
            "Turnout was high, Anna Berg said, until the rain came.",
            ["Turnout was high", "until the rain came"],
        ),
        (
            "Though the first vote was close, Ms. Ruiz said, the second would be easy.",
            ["Though the first vote was close", "the second would be easy"],
        ),
    ],
)
def test_a_cue_set_in_commas_inside_its_words_reports_them(
    nlp: Language, text: str, parts: list[str]
) -> None:
    found = quotes_of(nlp, text)
    assert [q.text for q in found] == parts
    assert {(q.kind, q.speaker, q.group) for q in found} == {("indirect", found[0].speaker, 0)}
    assert found[0].speaker in ("Ruiz", "Anna Berg")


def test_a_cue_set_in_commas_on_a_hand_parse(nlp: Language) -> None:
    # The plan, Kane said, was doomed.: "said" hangs on "doomed" as a parataxis
    rows: Parsed = [
        ("The", True, 1, "det", "DET", "the"),
        ("plan", False, 7, "nsubjpass", "NOUN", "plan"),
        (",", True, 4, "punct", "PUNCT", ","),
        ("Kane", True, 4, "nsubj", "PROPN", "Kane"),
        ("said", False, 7, "parataxis", "VERB", "say"),
        (",", True, 4, "punct", "PUNCT", ","),
        ("was", True, 7, "auxpass", "AUX", "be"),
        ("doomed", False, 7, "ROOT", "VERB", "doom"),
        (".", False, 7, "punct", "PUNCT", "."),
    ]
    found = extract_quotes(hand_parsed(nlp, rows))
    assert [(q.text, q.speaker, q.group) for q in found] == [
        ("The plan", "Kane", 0),
        ("was doomed", "Kane", 0),
    ]


def test_according_to_closing_a_paragraph_or_naming_an_author(nlp: Language) -> None:
    text = (
        "Turnout rose sharply in the northern districts, according to Mayor Ana Ruiz.\n\n"
        "The tax would fall on the richest families, according to an analysis by Lena Ortiz, "
        "an economist."
    )
    found = quotes_of(nlp, text)
    assert [(q.text, q.speaker) for q in found] == [
        ("Turnout rose sharply in the northern districts", "Ana Ruiz"),
        ("The tax would fall on the richest families", "Lena Ortiz"),
    ]


def test_according_to_hung_on_a_noun_reports_the_rest_of_the_sentence(nlp: Language) -> None:
    # Lee leads Park by four points, according to Kane.: the parser made "leads" a noun
    rows: Parsed = [
        ("Lee", True, 1, "compound", "PROPN", "Lee"),
        ("leads", True, 1, "ROOT", "NOUN", "lead"),
        ("Park", True, 1, "appos", "PROPN", "Park"),
        ("by", True, 1, "prep", "ADP", "by"),
        ("four", True, 5, "nummod", "NUM", "four"),
        ("points", False, 3, "pobj", "NOUN", "point"),
        (",", True, 1, "punct", "PUNCT", ","),
        ("according", True, 1, "prep", "VERB", "accord"),
        ("to", True, 7, "prep", "ADP", "to"),
        ("Kane", False, 8, "pobj", "PROPN", "Kane"),
        (".", False, 1, "punct", "PUNCT", "."),
    ]
    found = extract_quotes(hand_parsed(nlp, rows))
    assert [(q.text, q.speaker) for q in found] == [("Lee leads Park by four points", "Kane")]


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "Ms. Ruiz answered the critics by saying the plan was never about money.",
            "Ruiz",
            "the plan was never about money",
        ),
        (
            "After warning that the bridge was unsafe, the engineer resigned.",
            "the engineer",
            "the bridge was unsafe",
        ),
        (
            "Kane opened the meeting by telling members that the budget would be cut.",
            "Kane",
            "the budget would be cut",
        ),
    ],
)
def test_a_gerund_after_a_preposition_speaks_for_the_clause_subject(
    nlp: Language, text: str, speaker: str, content: str
) -> None:
    quote = the_quote(quotes_of(nlp, text), content)
    assert (quote.kind, quote.speaker, quote.text) == ("indirect", speaker, content)


def test_a_gerund_after_for_is_no_saying(nlp: Language) -> None:
    assert quotes_of(nlp, "He was fined for saying the referee was biased.") == []


def test_a_title_opening_the_next_paragraph_does_not_continue_the_quote(nlp: Language) -> None:
    text = (
        "“We will rebuild,” Ms. Ruiz said.\n\n"
        "“Harbour Lights” was written by Tom Vale in 1990.\n\n"
        "“We will rebuild,” Ms. Ruiz said.\n\n"
        "“And we will start tomorrow.”"
    )
    found = quotes_of(nlp, text)
    assert [q.text for q in found] == [
        "“We will rebuild,”",
        "“We will rebuild,”",
        "“And we will start tomorrow.”",
    ]


def test_a_that_clause_hung_on_a_noun_after_the_cue_is_its_content(nlp: Language) -> None:
    # Kane told a crowd in Leeds that tax would rise.: the clause hung on "Leeds"
    rows: Parsed = [
        ("Kane", True, 1, "nsubj", "PROPN", "Kane"),
        ("told", True, 1, "ROOT", "VERB", "tell"),
        ("a", True, 3, "det", "DET", "a"),
        ("crowd", True, 1, "dobj", "NOUN", "crowd"),
        ("in", True, 3, "prep", "ADP", "in"),
        ("Leeds", True, 4, "pobj", "PROPN", "Leeds"),
        ("that", True, 9, "mark", "SCONJ", "that"),
        ("tax", True, 9, "nsubj", "NOUN", "tax"),
        ("would", True, 9, "aux", "AUX", "would"),
        ("rise", False, 5, "relcl", "VERB", "rise"),
        (".", False, 1, "punct", "PUNCT", "."),
    ]
    found = extract_quotes(hand_parsed(nlp, rows))
    assert [(q.text, q.speaker) for q in found] == [("tax would rise", "Kane")]
    # "He responded the same way that we must respond": a relative clause, no content
    rows = [
        ("He", True, 1, "nsubj", "PRON", "he"),
        ("answered", True, 1, "ROOT", "VERB", "answer"),
        ("the", True, 4, "det", "DET", "the"),
        ("same", True, 4, "amod", "ADJ", "same"),
        ("way", True, 1, "npadvmod", "NOUN", "way"),
        ("that", True, 8, "advmod", "SCONJ", "that"),
        ("we", True, 8, "nsubj", "PRON", "we"),
        ("must", True, 8, "aux", "AUX", "must"),
        ("answer", False, 4, "relcl", "VERB", "answer"),
        (".", False, 1, "punct", "PUNCT", "."),
    ]
    assert extract_quotes(hand_parsed(nlp, rows)) == []


def test_a_that_clause_after_the_cue_wins_over_a_clause_before_it(nlp: Language) -> None:
    # Claiming fraud, Kane told Fox that he would appeal.: "Claiming" parsed as a ccomp too
    rows: Parsed = [
        ("Claiming", True, 4, "ccomp", "VERB", "claim"),
        ("fraud", False, 0, "dobj", "NOUN", "fraud"),
        (",", True, 4, "punct", "PUNCT", ","),
        ("Kane", True, 4, "nsubj", "PROPN", "Kane"),
        ("told", True, 4, "ROOT", "VERB", "tell"),
        ("Fox", True, 4, "dobj", "PROPN", "Fox"),
        ("that", True, 9, "mark", "SCONJ", "that"),
        ("he", True, 9, "nsubj", "PRON", "he"),
        ("would", True, 9, "aux", "AUX", "would"),
        ("appeal", False, 4, "ccomp", "VERB", "appeal"),
        (".", False, 4, "punct", "PUNCT", "."),
    ]
    found = extract_quotes(hand_parsed(nlp, rows))
    assert [(q.text, q.speaker) for q in found] == [("he would appeal", "Kane")]


def test_a_quoted_word_read_as_an_adjective_still_heads_the_content(nlp: Language) -> None:
    # Kane said he was “troubled” by it.: "troubled" tagged ADJ, with its own subject
    rows: Parsed = [
        ("Kane", True, 1, "nsubj", "PROPN", "Kane"),
        ("said", True, 1, "ROOT", "VERB", "say"),
        ("he", True, 5, "nsubjpass", "PRON", "he"),
        ("was", True, 5, "auxpass", "AUX", "be"),
        ("“", False, 5, "punct", "PUNCT", "“"),
        ("troubled", False, 1, "ccomp", "ADJ", "troubled"),
        ("”", True, 5, "punct", "PUNCT", "”"),
        ("by", True, 5, "prep", "ADP", "by"),
        ("it", False, 7, "pobj", "PRON", "it"),
        (".", False, 1, "punct", "PUNCT", "."),
    ]
    found = extract_quotes(hand_parsed(nlp, rows))
    assert [(q.text, q.speaker) for q in found] == [("he was “troubled” by it", "Kane")]


def test_a_speech_noun_with_an_owner_and_a_that_clause_reports_the_owner(nlp: Language) -> None:
    text = (
        "Critics mocked Kane's claim that the tunnel would open by May.\n\n"
        "Maria Ruiz spoke first.\n\n"
        "Her warning that the dam could fail was ignored.\n\n"
        "Kane's claim about the money was also disputed."
    )
    found = quotes_of(nlp, text)
    assert [(q.kind, q.speaker, q.cue, q.text) for q in found] == [
        ("indirect", "Kane", "claim", "the tunnel would open by May"),
        ("indirect", "Maria Ruiz", "warning", "the dam could fail"),
    ]


def test_a_speech_noun_never_attributes_a_quote_beside_it(nlp: Language) -> None:
    text = "“We will never close,” read the sign. Kane's claim that the mill was safe was false."
    found = quotes_of(nlp, text)
    assert [q.text for q in found if q.speaker == "Kane"] == ["the mill was safe"]


@pytest.mark.parametrize(
    ("text", "speaker", "parts"),
    [
        (
            "As Ms. Ruiz noted, the museum will open in May.",
            "Ruiz",
            ["the museum will open in May"],
        ),
        (
            "The bridge, as the mayor pointed out, is older than the city.",
            "the mayor",
            ["The bridge", "is older than the city"],
        ),
    ],
)
def test_an_as_clause_citing_someone_reports_the_sentence(
    nlp: Language, text: str, speaker: str, parts: list[str]
) -> None:
    found = quotes_of(nlp, text)
    assert [(q.speaker, q.text) for q in found] == [(speaker, part) for part in parts]


def test_even_as_concedes_and_cites_nothing(nlp: Language) -> None:
    # The tax rose, even as Ruiz noted.: "noted" an "as" clause of "rose"
    rows: Parsed = [
        ("The", True, 1, "det", "DET", "the"),
        ("tax", True, 2, "nsubj", "NOUN", "tax"),
        ("rose", False, 2, "ROOT", "VERB", "rise"),
        (",", True, 7, "punct", "PUNCT", ","),
        ("even", True, 7, "advmod", "ADV", "even"),
        ("as", True, 7, "mark", "SCONJ", "as"),
        ("Ruiz", True, 7, "nsubj", "PROPN", "Ruiz"),
        ("noted", False, 2, "advcl", "VERB", "note"),
        (".", False, 2, "punct", "PUNCT", "."),
    ]
    assert extract_quotes(hand_parsed(nlp, rows)) == []
    rows[4] = ("just", True, 7, "advmod", "ADV", "just")  # "just as Ruiz noted" cites her
    assert [q.text for q in extract_quotes(hand_parsed(nlp, rows))] == ["The tax rose"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Mayor Ana Ruiz blasted the council for being “utterly reckless.”",
            "the council for being “utterly reckless.”",
        ),
        (
            "Ana Ruiz condemned the strike as “reckless and dangerous.”",
            "the strike as “reckless and dangerous.”",
        ),
    ],
)
def test_more_words_put_on_something_in_quotation_marks(
    nlp: Language, text: str, content: str
) -> None:
    found = quotes_of(nlp, text)
    assert [(q.speaker, q.text) for q in found] == [("Ana Ruiz", content)]


def test_a_label_whose_quotation_runs_past_the_parse_is_whole(nlp: Language) -> None:
    # Ruiz called Kane a “liar who lies”: "Kane" an oprd, no dobj; the parse stops at "liar"
    rows: Parsed = [
        ("Ruiz", True, 1, "nsubj", "PROPN", "Ruiz"),
        ("called", True, 1, "ROOT", "VERB", "call"),
        ("Kane", True, 1, "oprd", "PROPN", "Kane"),
        ("a", True, 5, "det", "DET", "a"),
        ("“", False, 5, "punct", "PUNCT", "“"),
        ("liar", True, 1, "oprd", "NOUN", "liar"),
        ("who", True, 7, "nsubj", "PRON", "who"),
        ("lies", False, 1, "advcl", "VERB", "lie"),
        ("”", False, 1, "punct", "PUNCT", "”"),
    ]
    found = extract_quotes(hand_parsed(nlp, rows))
    assert [(q.speaker, q.text) for q in found] == [("Ruiz", "Kane a “liar who lies”")]
    # "what Ruiz called a “liar”": the words are put on something named elsewhere
    rows = [
        ("what", True, 2, "dobj", "PRON", "what"),
        ("Ruiz", True, 2, "nsubj", "PROPN", "Ruiz"),
        ("called", True, 2, "ROOT", "VERB", "call"),
        ("a", True, 5, "det", "DET", "a"),
        ("“", False, 5, "punct", "PUNCT", "“"),
        ("liar", False, 2, "oprd", "NOUN", "liar"),
        ("”", False, 2, "punct", "PUNCT", "”"),
    ]
    assert extract_quotes(hand_parsed(nlp, rows)) == []


def test_a_name_and_a_colon_opening_a_line_give_it_to_the_name(nlp: Language) -> None:
    text = (
        "Merkel: Europe Must Act Now on Migration\n\n"
        "German Chancellor Angela Merkel said on Monday that the union had to act.\n\n"
        "MERKEL: We will act on migration, and nobody will be left alone.\n\n"
        "HOST: Thank you for coming in today.\n\n"
        "Update: the road is closed for the night."
    )
    found = quotes_of(nlp, text)
    assert [(q.speaker, q.cue, q.text) for q in found] == [
        ("Angela Merkel", ":", "Europe Must Act Now on Migration"),
        ("Angela Merkel", "said", "the union had to act"),
        ("Angela Merkel", ":", "We will act on migration, and nobody will be left alone"),
    ]


def test_calling_for_something_or_on_someone_to_act_is_reported(nlp: Language) -> None:
    text = (
        "The union called for a moratorium on new charter schools.\n\n"
        "Ana Ruiz called on the city council to release the footage.\n\n"
        "Kane called Ruiz on Friday to discuss the deal.\n\n"
        "Critics called him out for promoting the scheme."
    )
    found = quotes_of(nlp, text)
    assert [(q.speaker, q.cue, q.text) for q in found] == [
        ("the union", "called for", "a moratorium on new charter schools"),
        ("Ana Ruiz", "called on", "the city council to release the footage"),
    ]


def test_a_passive_cue_speaks_for_its_agent(nlp: Language) -> None:
    # It was announced by the ministry that the border would reopen.
    rows: Parsed = [
        ("It", True, 2, "nsubjpass", "PRON", "it"),
        ("was", True, 2, "auxpass", "AUX", "be"),
        ("announced", True, 2, "ROOT", "VERB", "announce"),
        ("by", True, 2, "agent", "ADP", "by"),
        ("the", True, 5, "det", "DET", "the"),
        ("ministry", True, 3, "pobj", "NOUN", "ministry"),
        ("that", True, 11, "mark", "SCONJ", "that"),
        ("the", True, 8, "det", "DET", "the"),
        ("border", True, 11, "nsubj", "NOUN", "border"),
        ("would", True, 11, "aux", "AUX", "would"),
        ("soon", True, 11, "advmod", "ADV", "soon"),
        ("reopen", False, 2, "ccomp", "VERB", "reopen"),
        (".", False, 2, "punct", "PUNCT", "."),
    ]
    found = extract_quotes(hand_parsed(nlp, rows))
    assert [(q.speaker, q.text) for q in found] == [
        ("the ministry", "the border would soon reopen")
    ]


def test_an_organisation_named_with_its_article_shows_it_once(nlp: Language) -> None:
    text = "The Tax Foundation said the plan would cost $3 trillion over a decade."
    found = quotes_of(nlp, text)
    assert [q.speaker for q in found] == ["the Tax Foundation"]


def test_a_quoting_clause_joined_to_the_cue_continues_the_reported_words(nlp: Language) -> None:
    text = (
        "At a briefing, the mayor said it was too early to tell whether a bomb caused the "
        "blast, and there was “no evidence” of terrorism.\n\n"
        "The mayor said the bridge was safe, and Kane called the plan “a joke.”\n\n"
        "The mayor said the bridge was safe, and the council left."
    )
    found = quotes_of(nlp, text)
    assert [(q.speaker, q.text) for q in found] == [
        (
            "the mayor",
            "it was too early to tell whether a bomb caused the blast, and there was "
            "“no evidence” of terrorism",
        ),
        ("the mayor", "the bridge was safe"),
        ("Kane", "the plan “a joke.”"),
        ("the mayor", "the bridge was safe"),
    ]


def test_a_dash_read_as_a_subject_gives_way_to_the_name(nlp: Language) -> None:
    # ― Kane boasted, “That is smart.”: the parser made both "―" and "Kane" subjects
    rows: Parsed = [
        ("―", True, 2, "nsubj", "NOUN", "―"),
        ("Kane", True, 2, "nsubj", "PROPN", "Kane"),
        ("boasted", False, 2, "ROOT", "VERB", "boast"),
        (",", True, 2, "punct", "PUNCT", ","),
        ("“", False, 6, "punct", "PUNCT", "“"),
        ("That", True, 6, "nsubj", "PRON", "that"),
        ("is", True, 2, "ccomp", "AUX", "be"),
        ("smart", False, 6, "acomp", "ADJ", "smart"),
        (".", False, 6, "punct", "PUNCT", "."),
        ("”", False, 2, "punct", "PUNCT", "”"),
    ]
    found = extract_quotes(hand_parsed(nlp, rows))
    assert [(q.speaker, q.text) for q in found] == [("Kane", "“That is smart.”")]


def test_a_quoting_clause_after_but_continues_the_reported_words(nlp: Language) -> None:
    text = "Ruiz says she hopes to win the seat, but she knows that “Kane will always be king.”"
    found = quotes_of(nlp, text)
    assert [q.text for q in found] == [
        "she hopes to win the seat, but she knows that “Kane will always be king.”"
    ]


def test_a_clause_read_as_adverbial_is_the_complement(nlp: Language) -> None:
    # Kane said after the vote he would resign.: "resign" an advcl with no "if"/"when"
    rows: Parsed = [
        ("Kane", True, 1, "nsubj", "PROPN", "Kane"),
        ("said", True, 1, "ROOT", "VERB", "say"),
        ("after", True, 7, "prep", "ADP", "after"),
        ("the", True, 4, "det", "DET", "the"),
        ("vote", True, 2, "pobj", "NOUN", "vote"),
        ("he", True, 7, "nsubj", "PRON", "he"),
        ("would", True, 7, "aux", "AUX", "would"),
        ("resign", False, 1, "advcl", "VERB", "resign"),
        (".", False, 1, "punct", "PUNCT", "."),
    ]
    found = extract_quotes(hand_parsed(nlp, rows))
    assert [q.text for q in found] == ["he would resign"]
    rows[2] = ("when", True, 7, "advmod", "SCONJ", "when")  # "said when the vote … he would"
    assert extract_quotes(hand_parsed(nlp, rows)) == []


def test_a_clause_cut_off_by_a_semicolon_is_not_the_complement(nlp: Language) -> None:
    text = "It is an unlikely outcome; the campaign says she will return next week."
    found = quotes_of(nlp, text)
    assert [(q.speaker, q.text) for q in found] == [("the campaign", "she will return next week")]


def test_a_heading_in_capitals_read_as_a_subject_gives_way(nlp: Language) -> None:
    # THE LOANS Back then, Kane said debt was a last resort.: "LOANS" a second subject
    rows: Parsed = [
        ("THE", True, 1, "det", "DET", "the"),
        ("LOANS", True, 6, "nsubj", "NOUN", "loan"),
        ("Back", True, 3, "advmod", "ADV", "back"),
        ("then", False, 6, "advmod", "ADV", "then"),
        (",", True, 6, "punct", "PUNCT", ","),
        ("Kane", True, 6, "nsubj", "PROPN", "Kane"),
        ("said", True, 6, "ROOT", "VERB", "say"),
        ("debt", True, 8, "nsubj", "NOUN", "debt"),
        ("was", True, 6, "ccomp", "AUX", "be"),
        ("a", True, 11, "det", "DET", "a"),
        ("last", True, 11, "amod", "ADJ", "last"),
        ("resort", False, 8, "attr", "NOUN", "resort"),
        (".", False, 6, "punct", "PUNCT", "."),
    ]
    found = extract_quotes(hand_parsed(nlp, rows))
    assert [(q.speaker, q.text) for q in found] == [("Kane", "debt was a last resort")]


def test_a_speech_noun_owned_by_a_name_before_it_or_after_from(nlp: Language) -> None:
    # a Tribune report that taxes rose again: "Tribune" a compound of "report"
    rows: Parsed = [
        ("Ruiz", True, 1, "nsubj", "PROPN", "Ruiz"),
        ("cited", True, 1, "ROOT", "VERB", "cite"),
        ("a", True, 4, "det", "DET", "a"),
        ("Tribune", True, 4, "compound", "PROPN", "Tribune"),
        ("report", True, 1, "dobj", "NOUN", "report"),
        ("that", True, 7, "mark", "SCONJ", "that"),
        ("taxes", True, 7, "nsubj", "NOUN", "tax"),
        ("rose", True, 4, "acl", "VERB", "rise"),
        ("again", False, 7, "advmod", "ADV", "again"),
        (".", False, 1, "punct", "PUNCT", "."),
    ]
    found = extract_quotes(hand_parsed(nlp, rows))
    assert [(q.speaker, q.cue, q.text) for q in found] == [
        ("Tribune", "report", "taxes rose again")
    ]
    # warnings from Kane that taxes rose again: the clause follows the owner
    rows = [
        ("Ruiz", True, 1, "nsubj", "PROPN", "Ruiz"),
        ("ignored", True, 1, "ROOT", "VERB", "ignore"),
        ("warnings", True, 1, "dobj", "NOUN", "warning"),
        ("from", True, 2, "prep", "ADP", "from"),
        ("Kane", True, 3, "pobj", "PROPN", "Kane"),
        ("that", True, 7, "mark", "SCONJ", "that"),
        ("taxes", True, 7, "nsubj", "NOUN", "tax"),
        ("rose", True, 2, "acl", "VERB", "rise"),
        ("again", False, 7, "advmod", "ADV", "again"),
        (".", False, 1, "punct", "PUNCT", "."),
    ]
    found = extract_quotes(hand_parsed(nlp, rows))
    assert [(q.speaker, q.cue, q.text) for q in found] == [("Kane", "warnings", "taxes rose again")]


def test_a_verb_opening_the_sentence_before_the_name_attributes_the_quote(nlp: Language) -> None:
    text = (
        "Ruiz spoke last.\n\n"
        "Said Tom Ellis: “I do not think she cares about tax reform.”\n\n"
        "Added Kane, “We will win.”"
    )
    found = quotes_of(nlp, text)
    assert [(q.speaker, q.cue, q.kind) for q in found] == [
        ("Tom Ellis", "Said", "direct"),
        ("Kane", "Added", "direct"),
    ]


def test_reported_words_end_at_a_semicolon_opening_the_writers_clause(nlp: Language) -> None:
    text = (
        "Republicans said the timing of the news was not intentional; they only learned of "
        "the deals on Friday."
    )
    found = quotes_of(nlp, text)
    assert [q.text for q in found] == ["the timing of the news was not intentional"]


def test_a_title_inside_the_attribution_is_no_quote_and_no_break(nlp: Language) -> None:
    text = (
        "“We are right. The plan works,” Kane, the party leader, said on Monday on "
        "“Morning Talk.” “I mean, there is a lot of support for it in the ranks.”"
    )
    found = quotes_of(nlp, text)
    assert [(q.speaker, q.group, q.text) for q in found] == [
        ("Kane", 0, "“We are right. The plan works,”"),
        ("Kane", 0, "“I mean, there is a lot of support for it in the ranks.”"),
    ]


def test_a_name_and_apposition_before_said_when_the_parse_is_lost(nlp: Language) -> None:
    # “We won,” Kane, a party official, said.: "Kane" hung inside the quote, "said" alone
    rows: Parsed = [
        ("“", False, 2, "punct", "PUNCT", "“"),
        ("We", True, 2, "nsubj", "PRON", "we"),
        ("won", False, 2, "ROOT", "VERB", "win"),
        (",", False, 2, "punct", "PUNCT", ","),
        ("”", True, 2, "punct", "PUNCT", "”"),
        ("Kane", False, 2, "appos", "PROPN", "Kane"),
        (",", True, 5, "punct", "PUNCT", ","),
        ("a", True, 9, "det", "DET", "a"),
        ("party", True, 9, "compound", "NOUN", "party"),
        ("official", False, 5, "appos", "NOUN", "official"),
        (",", True, 11, "punct", "PUNCT", ","),
        ("said", False, 11, "ROOT", "VERB", "say"),
        (".", False, 11, "punct", "PUNCT", "."),
    ]
    found = extract_quotes(hand_parsed(nlp, rows))
    assert [(q.speaker, q.kind, q.text) for q in found] == [("Kane", "direct", "“We won,”")]
