"""Who a cue's subject is: one canonical entity per article, with its role.

The article's named people and organisations form a registry: a surname or a shorter form
("Trump", "Snegovaya") resolves to the full name seen in the article ("Maria Snegovaya"); a title
("the president", "the Russian leader") to the last person bearing it; a pronoun ("she
continued") to the last compatible person who spoke or was the subject of a main clause. Roles
come from titles before the name ("Sen.", "Russian President"), party tags ("(R-Mo.)") and
appositions (", senior fellow … at CSIS,"), from whichever mention gives them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.core.analysis import SpeakerKind
from bot.nlp.first_names import gender_of
from bot.nlp.quote_cues import text_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Span, Token

# fmt: off
TITLE_WORDS = frozenset((
    "sen.", "sen", "senator", "rep.", "rep", "representative", "mr.", "mrs.", "ms.", "miss", "dr.",
    "gov.", "governor", "president", "vice", "secretary", "minister", "prime", "gen.", "general",
    "adm.", "admiral", "lt.", "col.", "colonel", "sgt.", "capt.", "captain", "prof.", "professor",
    "judge", "justice", "mayor", "chancellor", "ambassador", "speaker", "leader", "chairman",
    "chairwoman", "chair", "director", "spokesman", "spokeswoman", "spokesperson", "envoy",
    "king", "queen", "prince", "princess", "pope", "rev.", "sir", "dame", "lord", "lady", "deputy",
    "attorney", "commissioner", "chief", "sheriff", "coach", "congressman", "congresswoman",
    "premier", "candidate", "nominee", "former", "acting", "state", "foreign", "defense",
    "defence", "interior", "treasury", "house", "senate", "majority", "minority", "whip",
))
TITLE_NOUNS = {
    "president": ("president",),
    "senator": ("senator", "sen.", "sen"),
    "congressman": ("congressman", "rep.", "representative"),
    "congresswoman": ("congresswoman", "rep.", "representative"),
    "lawmaker": ("senator", "sen.", "rep.", "representative", "congressman", "congresswoman"),
    "governor": ("governor", "gov."),
    "minister": ("minister",),
    "secretary": ("secretary",),
    "chancellor": ("chancellor",),
    "mayor": ("mayor",),
    "ambassador": ("ambassador",),
    "envoy": ("envoy",),
    "general": ("general", "gen."),
    "premier": ("premier", "prime"),
    "nominee": ("nominee", "candidate"),
    "candidate": ("candidate", "nominee"),
    "leader": ("president", "leader", "prime", "chancellor", "premier", "king", "queen"),
    "chairman": ("chairman", "chair"),
    "chairwoman": ("chairwoman", "chair"),
    "judge": ("judge", "justice"),
    "pope": ("pope",),
    "king": ("king",),
    "queen": ("queen",),
}
FEMALE = frozenset(("mrs.", "ms.", "miss", "queen", "princess", "dame", "lady", "madam",
                    "spokeswoman", "congresswoman", "chairwoman", "she", "her"))
MALE = frozenset(("mr.", "king", "prince", "sir", "lord", "spokesman", "congressman", "chairman",
                  "he", "him"))
PERSONAL_PRONOUNS = frozenset(("he", "she"))
COURTESY = frozenset(("mr.", "mr", "mrs.", "mrs", "ms.", "ms", "miss", "mx.", "mx", "messrs."))
"""Courtesy titles: they say nothing of a speaker's role."""
ORG_LABELS = frozenset(("ORG", "NORP", "GPE", "FAC"))
# fmt: on
_PARTY = re.compile(r"^\(?[RDI]-[A-Z][\w.]*\.?\)?$")
_POSSESSIVE = re.compile(r"[’']s$")


@dataclass
class Entity:
    """A person or organisation named in one article."""

    name: str
    kind: SpeakerKind
    titles: str = ""
    """Title words before a name ("Russian President"), as written."""
    party: str = ""
    appositive: str = ""
    gender: str | None = None

    @property
    def key(self) -> str:
        """Case-folded name, the grouping key across articles."""
        return self.name.casefold()

    @property
    def surname(self) -> str:
        """The last word of the name."""
        return self.name.split()[-1].casefold()

    @property
    def role(self) -> str:
        """Title, party and apposition, e.g. ``Sen. (R-Mo.), a member of the … Committee``."""
        head = " ".join(part for part in (self.titles, self.party) if part)
        return ", ".join(part for part in (head, self.appositive) if part)


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: the entity (if any), the words at the cue, and the display name."""

    name: str
    kind: SpeakerKind
    mention: str
    role: str
    entity: Entity | None = None

    @property
    def key(self) -> str:
        """Grouping key: case-folded canonical name, or empty when unresolved."""
        if self.kind == "unresolved":
            return ""
        return _strip_article(self.name).casefold()


@dataclass
class Registry:
    """The entities of one article and how salient each is at each point of the text."""

    doc: Doc
    quoted: Callable[[int], bool]
    entities: list[Entity] = field(default_factory=list)
    mentions: list[tuple[int, Entity]] = field(default_factory=list)
    salient: list[tuple[int, Entity]] = field(default_factory=list)

    @classmethod
    def build(cls, doc: Doc, quoted: Callable[[int], bool]) -> Registry:
        """Collect the article's named people and organisations, longest names first."""
        registry = cls(doc, quoted)
        found: list[tuple[Span, SpeakerKind]] = []
        for ent in doc.ents:
            if quoted(ent.start_char):
                continue
            if ent.label_ == "PERSON":
                found.append((ent, "person"))
            elif ent.label_ == "ORG":
                found.append((ent, "organisation"))
        by_length = sorted(found, key=lambda item: -len(clean_name(item[0]).split()))
        for span, kind in by_length:
            name = clean_name(span)
            if name and registry.lookup(name, span.start_char, kind) is None:
                words = name.split()
                gender = gender_of(words[0]) if kind == "person" and len(words) > 1 else None
                registry.entities.append(Entity(name, kind, gender=gender))
        for span, kind in found:
            entity = registry.lookup(clean_name(span), span.start_char, kind)
            if entity is not None:
                registry.mentions.append((span.start_char, entity))
                if kind == "person":
                    _learn_role(entity, span)
        return registry

    def lookup(self, name: str, position: int, kind: SpeakerKind | None = None) -> Entity | None:
        """The entity a name refers to at ``position``: exact, then by surname or shorter form.

        A surname shared by several people means the one mentioned last before ``position``.
        """
        if not name:
            return None
        folded = name.casefold()
        for entity in self.entities:
            if entity.key == folded and (kind is None or entity.kind == kind):
                return entity
        candidates = [
            e
            for e in self.entities
            if e.kind == "person" and kind in (None, "person") and _compatible(e.name, name)
        ]
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        before = [e for pos, e in self.mentions if pos <= position and e in candidates]
        return before[-1] if before else candidates[0]

    def names_person(self, name: str, position: int) -> bool:
        """Whether ``name`` is a person the article names in ordinary case ("PENCE": Mike Pence)."""
        entity = self.lookup(name, position, "person")
        return entity is not None and not entity.name.isupper()

    def mark_salient(self, position: int, entity: Entity) -> None:
        """Note that ``entity`` spoke or led a main clause at ``position``."""
        self.salient.append((position, entity))

    def resolve_pronoun(self, word: str, position: int, window: int) -> Entity | None:
        """The last person before ``position`` (not before ``window``) a pronoun can mean."""
        gender = "f" if word in FEMALE else "m"
        for pos, entity in sorted(self.salient, key=lambda item: item[0], reverse=True):
            if pos >= position or pos < window:
                continue
            if entity.kind != "person" or (entity.gender and entity.gender != gender):
                continue
            return entity
        return None

    def resolve_title(self, head: Token, position: int) -> Entity | None:
        """``the president``, ``the Russian leader``: the last person with that title."""
        wanted = TITLE_NOUNS.get(head.lemma_.lower())
        if wanted is None:
            return None
        modifiers = [c.lower_ for c in head.children if c.dep_ in ("amod", "compound")]
        before = [e for pos, e in reversed(self.mentions) if pos < position]
        for entity in before:
            if entity.kind != "person":
                continue
            role = f"{entity.titles} {entity.appositive}".casefold()
            words = set(re.findall(r"[\w.]+", role))
            if any(w in words for w in wanted) and all(m in role for m in modifiers):
                return entity
        return None


def clean_name(span: Span) -> str:
    """A name without titles, possessive endings or surrounding punctuation."""
    tokens = [t for t in span if not t.is_punct or t.text in ".-'’"]
    while len(tokens) > 1 and (tokens[0].lower_ in TITLE_WORDS or tokens[0].lower_ in ("the", "a")):
        if tokens[0].lower_ in ("the",) and span.label_ != "PERSON":
            break
        tokens = tokens[1:]
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].pos_ in ("ADP", "CCONJ", "DET")):
        tokens = tokens[:-1]  # "Trump's", and a name run on by the parser ("the ministry on")
    if not tokens:
        return ""
    text = text_of(span.doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
    text = _POSSESSIVE.sub("", text).strip(" ,.;:")
    return " ".join(text.split())


def _strip_article(name: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", name, flags=re.IGNORECASE)


def _compatible(long: str, short: str) -> bool:
    """Whether ``short`` can be a shorter form of ``long`` ("Trump" of "Donald J. Trump")."""
    long_words = [w.casefold().rstrip(".") for w in long.split()]
    short_words = [w.casefold().rstrip(".") for w in short.split()]
    if not short_words or long_words[-1] != short_words[-1]:
        return False
    rest = long_words[:-1]
    return all(w in rest or any(r.startswith(w) for r in rest) for w in short_words[:-1])


def _learn_role(entity: Entity, span: Span) -> None:
    """Take titles, party tag and apposition from a mention of a person."""
    doc = span.doc
    root = span.root
    inside = [t for t in span if t.lower_ in TITLE_WORDS]
    first = root.left_edge.i
    prefix = [t for t in doc[first : span.start] if t.dep_ not in ("det",) and t.tag_ != "POS"]
    if prefix and prefix[0].dep_ == "poss":
        prefix = [t for t in doc[first : span.start] if t.dep_ != "det"]
    title_tokens = prefix or inside
    courtesy_only = all(t.lower_ in COURTESY for t in title_tokens)  # "Mr." is not a role
    if title_tokens and len(title_tokens) <= 8 and not entity.titles and not courtesy_only:
        text = text_of(doc)[title_tokens[0].idx : title_tokens[-1].idx + len(title_tokens[-1])]
        entity.titles = text.strip(" ,")
    for token in title_tokens:
        if token.lower_ in FEMALE and not entity.gender:
            entity.gender = "f"
        elif token.lower_ in MALE and not entity.gender:
            entity.gender = "m"
    for child in root.children:
        if child.dep_ != "appos" or child.i < span.start:
            continue
        sub = doc[child.left_edge.i : child.right_edge.i + 1]
        text = sub.text.strip(" ,")
        with_parens = text_of(doc)[
            max(0, sub.start_char - 1) : min(len(text_of(doc)), sub.end_char + 1)
        ].strip(" ,")
        if _PARTY.match(text) or _PARTY.match(with_parens):
            if not entity.party:
                entity.party = with_parens if with_parens.startswith("(") else f"({text})"
        elif (
            not entity.appositive
            and len(sub) <= 30
            and sub.root.ent_type_ != "PERSON"
            and not text.isdigit()  # "Brian Nichols, 37," gives an age, not a role
        ):
            entity.appositive = text
