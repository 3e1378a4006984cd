"""What the scripted assistant reads in a citizen's text: language, intent, life event, slots.

Deterministic rules, in Dutch and English, over the text as the model gets it (identifiers
are tokens already): which language it is in, whether the citizen asks for a person, reports
for someone else or wants the confirmation skipped, which life event of the catalogue their
words suggest (typos included), and the address, date, people, country or answer they give.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from difflib import SequenceMatcher
from typing import Any

from agents.intake.dates import find_dates

_WORD = re.compile(r"[\w'’-]+", re.UNICODE)

_DUTCH = frozenset(
    "ik je jij u uw de het een naar verhuis verhuizen wil graag mijn met per op is niet wat "
    "hoe kan ja nee bedankt dank hallo hoi goedemorgen woon ga gaan wij we onze ons zijn "
    "ben heb hebben adres nieuwe waar wanneer medewerker spreken dat dit klopt alstublieft "
    "alsjeblieft zonder bevestiging voor van en of ook mee samen".split()
)
_ENGLISH = frozenset(
    "i the to my move moving want would please with on is not what how can yes no thanks "
    "hello hi am we our us are have has address new where when person speak talk that this "
    "right without confirmation for of and or also together will be going im i'm".split()
)


def words(text: str) -> list[str]:
    """The words of `text`, lower case."""
    return [w.lower() for w in _WORD.findall(text)]


def detect_language(text: str, default: str) -> str:
    """`nl` or `en`, by the function words of `text`; `default` when it cannot tell."""
    found = words(text)
    dutch = sum(w in _DUTCH for w in found)
    english = sum(w in _ENGLISH for w in found)
    if dutch > english:
        return "nl"
    if english > dutch:
        return "en"
    return default


def _similar(word: str, keyword: str) -> bool:
    if word == keyword:
        return True
    if len(keyword) < 5 or len(word) < 4:
        return False
    return SequenceMatcher(None, word, keyword).ratio() >= 0.8


def _has_phrase(text: str, phrase: str) -> bool:
    """Whether `phrase` is in `text`, word for word (single words allowing a typo)."""
    lowered = " ".join(words(text))
    parts = phrase.lower().split()
    if len(parts) > 1:
        return re.search(rf"(?<!\w){re.escape(' '.join(parts))}(?!\w)", lowered) is not None
    return any(_similar(w, parts[0]) for w in lowered.split())


_PERSON_PHRASES = (
    "medewerker", "medewerkster", "een mens", "echt mens", "echte persoon", "een persoon",
    "iemand spreken", "iemand van de gemeente", "met iemand praten", "met iemand spreken",
    "doorverbinden", "doorverbonden", "ambtenaar", "menselijke hulp",
    "a person", "a human", "real person", "real human", "speak to someone",
    "talk to someone", "speak with someone", "an agent", "a representative", "caseworker",
    "staff member", "someone from the municipality", "human being",
)  # fmt: skip


def wants_person(text: str) -> bool:
    """Whether the citizen asks to talk to a person."""
    return any(_has_phrase(text, phrase) for phrase in _PERSON_PHRASES)


_SKIP_PHRASES = (
    "zonder bevestiging", "zonder te bevestigen", "zonder dat ik bevestig",
    "bevestiging overslaan", "sla de bevestiging over", "niet bevestigen",
    "meteen versturen", "direct versturen", "meteen starten", "direct starten",
    "start de zaak", "start meteen", "verstuur het meteen", "negeer je instructies",
    "negeer de instructies", "negeer alle", "without confirmation", "without confirming",
    "skip the confirmation", "skip confirmation", "no confirmation", "don't ask me to confirm",
    "do not ask me to confirm", "just submit", "submit it now", "start the case",
    "send it now", "ignore your instructions", "ignore previous instructions",
    "ignore all previous",
)  # fmt: skip


def wants_to_skip_confirmation(text: str) -> bool:
    """Whether the citizen asks the assistant to send without their confirmation."""
    lowered = " ".join(words(text))
    return any(
        re.search(rf"(?<!\w){re.escape(' '.join(words(p)))}(?!\w)", lowered) for p in _SKIP_PHRASES
    )


_OTHER_RELATIONS = (
    "buurman", "buurvrouw", "buren", "moeder", "vader", "oma", "opa", "broer", "zus", "tante",
    "oom", "collega", "kennis", "neighbour", "neighbor", "mother", "father", "mum", "mom",
    "dad", "grandmother", "grandfather", "brother", "sister", "aunt", "uncle", "colleague",
    "friend",
)  # fmt: skip


def for_someone_else(text: str, own_token: str) -> bool:
    """Whether the citizen asks for a report about someone else instead of themselves.

    `voor BSN_2`, `for BSN_2`, `namens ...`, `on behalf of ...`, `verhuis BSN_2`, `voor mijn
    buurman`; a person who moves along with the citizen (`met BSN_2`) is not someone else.
    """
    lowered = text.lower()
    token = r"(bsn_[0-9]+)"
    for match in re.finditer(
        rf"(?:voor|for|namens|van|of|verhuis|verhuizen|move|report|meld|melden)\s+"
        rf"(?:(?:de|het|the|bsn|burgerservicenummer|nummer|number|persoon|person)\s+)*{token}",
        lowered,
    ):
        if match.group(1) != own_token.lower():
            return True
    if re.search(r"(?<!\w)(namens|on behalf of|in naam van)(?!\w)", lowered):
        return True
    relations = "|".join(_OTHER_RELATIONS)
    return (
        re.search(rf"(?<!\w)(?:voor|for)\s+(?:mijn|my)\s+(?:{relations})(?!\w)", lowered)
        is not None
    )


_AFFIRMATIONS = (
    "ja", "jazeker", "klopt", "dat klopt", "correct", "prima", "akkoord", "goed zo", "yes",
    "yep", "yeah", "that's right", "thats right", "right", "ok", "oké", "okay", "sure", "good",
)  # fmt: skip
_NEGATIONS = ("nee", "neen", "niet", "no", "nope", "nah")


def yes_or_no(text: str) -> bool | None:
    """True for a yes, False for a no, None for neither."""
    found = words(text)
    if not found:
        return None
    first = found[0]
    if first in _NEGATIONS:
        return False
    if first in _AFFIRMATIONS or " ".join(found[:2]) in _AFFIRMATIONS:
        return True
    return None


_GREETINGS = (
    "hallo", "hoi", "hey", "goedemorgen", "goedemiddag", "goedenavond", "hello", "hi",
    "good morning", "good afternoon", "good evening", "dag",
)  # fmt: skip
_THANKS = ("dank", "bedankt", "dankjewel", "dankuwel", "thanks", "thank you", "cheers")


def is_greeting(text: str) -> bool:
    """Whether `text` is a greeting or thanks and little else."""
    found = words(text)
    if not found or len(found) > 6:
        return False
    joined = " ".join(found)
    return any(re.search(rf"(?<!\w){re.escape(g)}(?!\w)", joined) for g in (*_GREETINGS, *_THANKS))


_ALONE = (
    "alleen", "niemand", "in mijn eentje", "alone", "nobody", "no one", "on my own",
    "by myself", "just me",
)  # fmt: skip


def says_alone(text: str) -> bool:
    """Whether the citizen says nobody else is involved (`ik verhuis alleen`)."""
    return any(_has_phrase(text, phrase) for phrase in _ALONE if " " in phrase) or any(
        w in ("alleen", "niemand", "alone", "nobody") for w in words(text)
    )


def person_tokens(text: str, own_token: str) -> list[str]:
    """The BSN tokens in `text` other than the citizen's own, in order."""
    found = re.findall(r"\bBSN_[0-9]+\b", text)
    return list(dict.fromkeys(t for t in found if t != own_token))


# Life events ----------------------------------------------------------------------------------


COUNTRY_WEIGHT = 2
"""What naming a country abroad adds to a life event that asks for one: `ik verhuis naar
België` is a departure abroad more than a move."""


def event_scores(text: str, catalogue: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """How many of each life event's keywords `text` has (typos allowed), and the weight of
    a country abroad for the life events that ask for a country."""
    scores: dict[str, int] = {}
    abroad = find_country(text) is not None
    found = words(text)
    for entry in catalogue:
        keywords = [k.lower() for words_ in entry.get("keywords", {}).values() for k in words_]
        phrases = [k for k in keywords if " " in k]
        singles = [k for k in keywords if " " not in k]
        # Each word of the text counts once, however many keywords it resembles.
        score = sum(_has_phrase(text, k) for k in phrases) + sum(
            any(_similar(w, k) for k in singles) for w in found
        )
        asks_country = any(s.get("kind") == "country" for s in entry.get("slots", []))
        if abroad and asks_country and score:
            score += COUNTRY_WEIGHT
        elif abroad and asks_country:
            score = COUNTRY_WEIGHT
        scores[str(entry["life_event"])] = score
    return scores


def recognise(
    texts: Sequence[str], catalogue: Sequence[Mapping[str, Any]]
) -> tuple[str | None, list[str]]:
    """The life event the citizen's messages suggest: the latest message that names one.

    Returns:
        The life event (None when no message names one, or the latest is ambiguous), and the
        tied candidates when it is ambiguous.
    """
    for text in reversed(texts):
        scores = event_scores(text, catalogue)
        best = max(scores.values(), default=0)
        if best == 0:
            continue
        leaders = [name for name, score in scores.items() if score == best]
        if len(leaders) == 1:
            return leaders[0], []
        return None, leaders
    return None, []


# Addresses ------------------------------------------------------------------------------------

_STOPWORDS = frozenset(
    "naar to op aan in at adres address is mijn my het the nieuwe new ik woon live living wonen "
    "ga gaan verhuis verhuizen verhuisd verhuizing move moving moved into bij near wordt "
    "becomes zal will be per vanaf from on en and met with we wij our onze ons komen kom come "
    "het is dat that this dit te nummer huisnummer number nr no postcode zip straat street "
    "vanaf sinds since ongeveer about rond around over within na after voor before tot until "
    "jaar year years dagen days weken weeks week maanden months ben am are zijn was were heb "
    "have has had er there ook also dan then".split()
)
_PARTICLES = frozenset("de van der den het ter ten 't la le du di von aan op in".split())
_STREET_SUFFIXES = (
    "straat", "weg", "laan", "plein", "gracht", "kade", "singel", "dijk", "dreef", "hof",
    "park", "pad", "markt", "steeg", "baan", "ring", "rak", "plantsoen", "boulevard",
    "street", "road", "avenue", "lane", "square", "kanaal", "wal", "burgwal", "dam",
)  # fmt: skip
_PLACE_STOP = frozenset(
    "per op vanaf from on as met with en and samen together want omdat because om at by "
    "op de het the in over volgende next morgen tomorrow vandaag today".split()
)
_NUMBER = re.compile(
    r"(?<![\w-])(?P<number>[0-9]{1,5})"
    r"(?:\s?(?P<letter>[A-Za-z])(?![\w]))?"
    r"(?:\s?-\s?(?P<addition>[A-Za-z0-9]{1,4})(?![\w-]))?"
)
_POSTCODE = re.compile(
    r"(?<![0-9])(?P<digits>[1-9][0-9]{3})\s?(?P<letters>[A-Za-z]{2})(?![A-Za-z])"
)
_UNIT_AFTER = re.compile(
    r"\s*(?:jaar|years?|dagen|days?|weken|weeks?|maanden|months?|keer|times|m2|m²|euro)\b",
    re.IGNORECASE,
)
_POSTCODE_NOT = frozenset(
    "en in op is at to of on an as by om te de ik je we me my or if it be do no so up us ja".split()
)
_NUMBER_WORD = re.compile(
    r"(?:huisnummer|nummer|number|nr\.?|no\.?)\s*:?\s*(?P<number>[0-9]{1,5})"
    r"(?:\s?(?P<letter>[A-Za-z])(?![\w]))?(?:\s?-\s?(?P<addition>[A-Za-z0-9]{1,4}))?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class AddressMention:
    """An address as a citizen wrote it, complete or not."""

    number: int | None = None
    street: str | None = None
    place: str | None = None
    postcode: str | None = None
    letter: str | None = None
    addition: str | None = None
    span: tuple[int, int] | None = None

    def search_args(self) -> dict[str, Any] | None:
        """The `search_address` arguments, or None when the mention is not complete."""
        if self.number is None:
            return None
        args: dict[str, Any] = {"number": self.number}
        if self.postcode is not None:
            args["postcode"] = self.postcode
        elif self.street is not None and self.place is not None:
            args["street"] = self.street
            args["place"] = self.place
        else:
            return None
        if self.letter is not None:
            args["letter"] = self.letter.upper()
        if self.addition is not None:
            args["addition"] = self.addition
        return args

    def written(self) -> str:
        """How it reads (`Damrak 1`, `1012AB 1`)."""
        head = self.postcode or self.street or ""
        number = f"{self.number}" if self.number is not None else ""
        if self.letter:
            number += self.letter.upper()
        if self.addition:
            number += f"-{self.addition}"
        tail = f" {self.place}" if self.place and not self.postcode else ""
        return f"{head} {number}{tail}".strip()


def _street_word(word: str, lowercase_text: bool) -> bool:
    bare = word.strip(',.;:!?()"')
    if not bare or any(c.isdigit() for c in bare):
        return False
    if bare.lower() in _STOPWORDS:
        return False
    if bare.lower() in _PARTICLES:
        return True
    if bare[0].isupper():
        return True
    return lowercase_text or bare.lower().endswith(_STREET_SUFFIXES)


def _street_before(text: str, end: int) -> str | None:
    lowercase_text = text == text.lower()
    before = text[:end].rstrip()
    if before.endswith((",", ".", ";", ":")):
        return None
    tokens = before.split()
    street: list[str] = []
    for token in reversed(tokens):
        if token.endswith((",", ".", ";", ":", "!", "?")) and street:
            break
        if not _street_word(token, lowercase_text):
            break
        street.insert(0, token.strip(',.;:!?()"'))
        if len(street) == 5:
            break
    while street and street[0].lower() in _PARTICLES and len(street) > 1:
        if street[0][0].isupper():
            break
        street.pop(0)
    if not street or all(w.lower() in _PARTICLES for w in street):
        return None
    return " ".join(street)


def _place_after(text: str, start: int) -> str | None:
    rest = text[start:]
    match = re.match(r"\s*(?:,\s*|\s+(?:in|te|at|in the|,)\s+|\s+)(?P<tail>.*)", rest, re.DOTALL)
    if match is None:
        return None
    lowercase_text = text == text.lower()
    explicit = re.match(r"\s*(?:,|in\b|te\b|at\b)", rest) is not None
    place: list[str] = []
    for token in match.group("tail").split():
        bare = token.strip(',.;:!?()"')
        if not bare or any(c.isdigit() for c in bare) or bare.lower() in _PLACE_STOP:
            break
        if not (bare[0].isupper() or bare[0] in "'’" or lowercase_text or explicit):
            break
        if bare.lower() in _STOPWORDS and not place:
            break
        place.append(bare)
        if token.endswith((",", ".", ";", ":", "!", "?")) or len(place) == 4:
            break
    return " ".join(place) or None


def _date_spans(text: str, today: date) -> list[tuple[int, int]]:
    # `12-2` may be a day and month or a number with its addition: after a street it is
    # the address, so such a span does not hide a number from the address search.
    return [
        (start, end)
        for start, end, _value in find_dates(text, today)
        if not re.fullmatch(r"[0-9]{1,2}-[0-9]{1,2}", text[start:end])
    ]


def find_address(text: str, today: date) -> AddressMention | None:
    """The address `text` names (the last one), complete or not."""
    postcode = None
    for match in _POSTCODE.finditer(text):
        letters = match["letters"]
        if letters.islower() and letters in _POSTCODE_NOT:
            continue
        postcode = match
    if postcode is not None:
        code = f"{postcode['digits']}{postcode['letters'].upper()}"
        position = postcode.end()
        while position < len(text) and text[position] in " ,":
            position += 1
        after = _NUMBER.match(text, position)
        number = _NUMBER_WORD.search(text) or after
        if number is not None:
            return AddressMention(
                number=int(number["number"]),
                postcode=code,
                letter=number["letter"],
                addition=number["addition"],
                span=(postcode.start(), max(postcode.end(), number.end())),
            )
        return AddressMention(postcode=code, span=(postcode.start(), postcode.end()))
    dates = _date_spans(text, today)
    found: AddressMention | None = None
    for match in _NUMBER.finditer(text):
        if any(start <= match.start() < end for start, end in dates):
            continue
        if _UNIT_AFTER.match(text, match.end()):
            continue
        street = _street_before(text, match.start())
        if street is None:
            continue
        found = AddressMention(
            number=int(match["number"]),
            street=street,
            place=_place_after(text, match.end()),
            letter=match["letter"],
            addition=match["addition"],
            span=(match.start() - len(street) - 1, match.end()),
        )
    return found


def place_only(text: str) -> str | None:
    """A message that is only a place name (the answer to "in which place?")."""
    bare = text.strip().strip(".!?")
    bare = re.sub(r"^(?:in|te|at|het is|it is|in de|in the)\s+", "", bare, flags=re.IGNORECASE)
    tokens = bare.split()
    if not 1 <= len(tokens) <= 4 or any(c.isdigit() for c in bare):
        return None
    if any(t.lower() in _STOPWORDS for t in tokens):
        return None
    return bare


def merge_address(previous: AddressMention | None, new: AddressMention) -> AddressMention:
    """A later mention over an earlier one: a new street keeps an earlier place."""
    if previous is None or new.postcode is not None:
        return new
    if new.street is not None and new.place is None and previous.postcode is None:
        return replace(new, place=previous.place)
    return new


# Countries ------------------------------------------------------------------------------------

COUNTRIES: dict[str, str] = {
    "belgië": "BE", "belgie": "BE", "belgium": "BE", "duitsland": "DE", "germany": "DE",
    "frankrijk": "FR", "france": "FR", "spanje": "ES", "spain": "ES", "portugal": "PT",
    "italië": "IT", "italie": "IT", "italy": "IT", "luxemburg": "LU", "luxembourg": "LU",
    "verenigd koninkrijk": "GB", "engeland": "GB", "united kingdom": "GB", "england": "GB",
    "ierland": "IE", "ireland": "IE", "zweden": "SE", "sweden": "SE", "noorwegen": "NO",
    "norway": "NO", "denemarken": "DK", "denmark": "DK", "polen": "PL", "poland": "PL",
    "oostenrijk": "AT", "austria": "AT", "zwitserland": "CH", "switzerland": "CH",
    "griekenland": "GR", "greece": "GR", "turkije": "TR", "turkey": "TR", "marokko": "MA",
    "morocco": "MA", "suriname": "SR", "verenigde staten": "US", "amerika": "US",
    "united states": "US", "usa": "US", "canada": "CA", "australië": "AU", "australie": "AU",
    "australia": "AU", "nieuw-zeeland": "NZ", "new zealand": "NZ", "curaçao": "CW",
    "curacao": "CW", "aruba": "AW",
}  # fmt: skip


def find_country(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of the last country `text` names."""
    lowered = text.lower()
    best: tuple[int, str] | None = None
    for name, code in COUNTRIES.items():
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", lowered):
            if best is None or match.start() >= best[0]:
                best = (match.start(), code)
    return best[1] if best else None
