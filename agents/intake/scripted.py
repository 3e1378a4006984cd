"""The scripted intake assistant: the intake's model, offline and deterministic.

`ScriptedIntake` is a scripted chat model (`agents.scripted.ScriptedChatModel`). It reads only
the conversation, as a model would — the catalogue, today and the citizen's token from the
system prompt, the citizen's messages (in tokens), its own earlier calls and their results —
so the fake OpenAI-compatible endpoint can put it behind a real HTTP endpoint too. In Dutch
and English, it:

- hands the conversation over when the citizen asks for a person;
- refuses a report for someone else, and says that it never sends without confirmation
  when asked to;
- recognises the life event (`agents.intake.understanding`), searches the address in BAG,
  asks for what is missing one slot at a time, and proposes the report;
- answers a question it cannot help with by saying what it can help with.

No randomness and no clock: the same conversation always gives the same reply.
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from langchain_core.messages import (
    AIMessage,
    BaseMessage,
    HumanMessage,
    SystemMessage,
    ToolCall,
    ToolMessage,
)

from agents.intake.dates import find_dates
from agents.intake.prompts import PromptFacts, read_prompt
from agents.intake.tools import ERROR_PREFIX, HAND_OVER, PROPOSE_REPORT, REPLY, SEARCH_ADDRESS
from agents.intake.understanding import (
    AddressMention,
    detect_language,
    find_address,
    find_country,
    for_someone_else,
    is_greeting,
    merge_address,
    person_tokens,
    place_only,
    recognise,
    says_alone,
    wants_person,
    wants_to_skip_confirmation,
    yes_or_no,
)
from agents.scripted import ScriptedChatModel, call_names, tool_name, turn_number

SCRIPTED_INTAKE_MODEL = "scripted-intake-v1"

TEXTS: dict[str, dict[str, str]] = {
    "offer": {
        "nl": "Ik kan u helpen met het doorgeven van: {titles}. Wat wilt u doorgeven?",
        "en": "I can help you report: {titles}. What would you like to report?",
    },
    "greeting": {"nl": "Hallo! ", "en": "Hello! "},
    "unrelated": {
        "nl": "Daar kan ik u helaas niet mee helpen. ",
        "en": "I'm sorry, I can't help with that. ",
    },
    "person_hint": {
        "nl": " U kunt ook vragen om een medewerker.",
        "en": " You can also ask for a person.",
    },
    "which_event": {"nl": "Bedoelt u {options}?", "en": "Do you mean {options}?"},
    "or": {"nl": " of ", "en": " or "},
    "other_person": {
        "nl": "Ik kan alleen een melding voor uzelf doen (en voor wie met u meegaat). Wil "
        "iemand anders iets doorgeven? Dan doet die persoon dat zelf, of u vraagt om een "
        "medewerker.",
        "en": "I can only make a report for you yourself (and for whoever goes with you). If "
        "someone else wants to report something, they do it themselves, or you can ask for "
        "a person.",
    },
    "no_skipping": {
        "nl": "Ik verstuur nooit zelf een melding: u leest eerst wat ik zou versturen en u "
        "bevestigt het zelf. ",
        "en": "I never send a report myself: you first read what I would send and you "
        "confirm it yourself. ",
    },
    "ask_place": {
        "nl": "In welke plaats ligt {address}?",
        "en": "In which town or city is {address}?",
    },
    "not_found": {
        "nl": "Ik kan het adres {address} niet vinden. Wat is de postcode en het huisnummer?",
        "en": "I cannot find the address {address}. What is the postcode and house number?",
    },
    "search_failed": {
        "nl": "Ik kan dat adres nu niet opzoeken. Wat is de postcode en het huisnummer?",
        "en": "I cannot look up that address right now. What is the postcode and house number?",
    },
    "which_address": {
        "nl": "Ik vond meer adressen: {lines}. Welk adres bedoelt u? Noem ook de huisletter "
        "of toevoeging.",
        "en": "I found more than one address: {lines}. Which one do you mean? Please give the "
        "letter or addition too.",
    },
    "press_confirm": {
        "nl": "Klopt de melding hierboven? Druk dan op de knop ‘Bevestigen en versturen’. "
        "Wilt u iets veranderen? Schrijf het mij.",
        "en": "Is the report above right? Then press the button ‘Confirm and send’. Want to "
        "change something? Write to me.",
    },
    "cannot": {
        "nl": "Zo kan ik de melding niet doorgeven: {reason}. ",
        "en": "I cannot send the report like this: {reason}. ",
    },
}


def text(key: str, language: str, **values: str) -> str:
    """The reply text `key` in `language` (Dutch when there is none)."""
    entry = TEXTS[key]
    return (entry.get(language) or entry["nl"]).format(**values)


@dataclass
class Reading:
    """The conversation as the scripted assistant reads it."""

    facts: PromptFacts
    citizen: list[tuple[str, str | None]] = field(default_factory=list)
    """Each message of the citizen, with the slot the assistant had asked for before it."""
    calls: list[tuple[ToolCall, str | None]] = field(default_factory=list)
    """Each of the assistant's tool calls with its result (None while unanswered)."""
    language: str = "nl"
    """The language of the assistant's last reply, or the page's."""


def read_conversation(messages: Sequence[BaseMessage]) -> Reading | None:
    """Read the conversation; None when it has no intake system prompt."""
    facts = next(
        (
            found
            for m in messages
            if isinstance(m, SystemMessage) and (found := read_prompt(str(m.content)))
        ),
        None,
    )
    if facts is None:
        return None
    reading = Reading(facts=facts, language=facts.language)
    names = call_names(messages)
    results: dict[str, str] = {}
    for m in messages:
        if isinstance(m, ToolMessage) and tool_name(m, names) is not None:
            results[m.tool_call_id] = m.content if isinstance(m.content, str) else ""
    asking: str | None = None
    for m in messages:
        if isinstance(m, HumanMessage):
            reading.citizen.append((str(m.content), asking))
            asking = None
        elif isinstance(m, AIMessage):
            for call in m.tool_calls:
                reading.calls.append((call, results.get(call.get("id") or "")))
                if call["name"] == REPLY:
                    asking = call["args"].get("asking")
                    reading.language = str(call["args"].get("language") or reading.language)
    return reading


def _result_of(reading: Reading, name: str, args: Mapping[str, Any]) -> str | None:
    """The result of the latest call of `name` with exactly `args`, if it was answered."""
    for call, result in reversed(reading.calls):
        if call["name"] == name and call["args"] == dict(args) and result is not None:
            return str(result)
    return None


@dataclass
class Filled:
    """Slots filled so far, and what to do next when one is not."""

    values: dict[str, Any] = field(default_factory=dict)
    action: AIMessage | None = None


class Turn:
    """One reply of the scripted assistant."""

    def __init__(self, messages: Sequence[BaseMessage], reading: Reading) -> None:
        self.reading = reading
        self.turn = turn_number(messages)
        self.number = len(reading.citizen)
        last = reading.citizen[-1][0] if reading.citizen else ""
        self.last = last
        self.language = detect_language(last, reading.language)

    def call(self, name: str, args: dict[str, Any]) -> AIMessage:
        call_id = f"scripted-{self.number}-{self.turn}"
        return AIMessage(content="", tool_calls=[ToolCall(name=name, args=args, id=call_id)])

    def reply(
        self, message: str, *, life_event: str | None, asking: str | None = None
    ) -> AIMessage:
        args: dict[str, Any] = {"text": message, "language": self.language}
        if life_event is not None:
            args["life_event"] = life_event
        if asking is not None:
            args["asking"] = asking
        return self.call(REPLY, args)

    def titles(self) -> str:
        names = [
            str(e.get("title", {}).get(self.language) or e["life_event"]).lower()
            for e in self.reading.facts.catalogue
        ]
        return ", ".join(names)

    def title_of(self, life_event: str) -> str:
        entry = self.entry(life_event) or {}
        return str(entry.get("title", {}).get(self.language) or life_event).lower()

    def entry(self, life_event: str | None) -> dict[str, Any] | None:
        return next(
            (e for e in self.reading.facts.catalogue if e["life_event"] == life_event), None
        )


def _address_value(turn: Turn, slot: Mapping[str, Any], event: str) -> tuple[Any, AIMessage | None]:
    today = turn.reading.facts.today
    mention: AddressMention | None = None
    for message, asking in turn.reading.citizen:
        found = find_address(message, today)
        if found is not None and (found.number is not None or found.postcode is not None):
            mention = merge_address(mention, found)
        elif asking == slot["name"] and mention is not None and mention.place is None:
            place = place_only(message)
            if place is not None:
                mention = AddressMention(
                    number=mention.number,
                    street=mention.street,
                    place=place,
                    letter=mention.letter,
                    addition=mention.addition,
                )
    if mention is None:
        return None, None
    args = mention.search_args()
    if args is None:
        if mention.street is not None and mention.number is not None:
            message = text("ask_place", turn.language, address=mention.written())
        else:
            message = str(slot["question"].get(turn.language) or slot["question"]["nl"])
        return None, turn.reply(message, life_event=event, asking=slot["name"])
    result = _result_of(turn.reading, SEARCH_ADDRESS, args)
    if result is None:
        return None, turn.call(SEARCH_ADDRESS, args)
    if result.startswith(ERROR_PREFIX):
        message = text("search_failed", turn.language)
        return None, turn.reply(message, life_event=event, asking=slot["name"])
    try:
        addresses = json.loads(result)["addresses"]
    except (json.JSONDecodeError, KeyError, TypeError):
        addresses = []
    if not addresses:
        message = text("not_found", turn.language, address=mention.written())
        return None, turn.reply(message, life_event=event, asking=slot["name"])
    if len(addresses) > 1:
        lines = "; ".join(str(a["line"]) for a in addresses)
        message = text("which_address", turn.language, lines=lines)
        return None, turn.reply(message, life_event=event, asking=slot["name"])
    return addresses[0]["ref"], None


def _dates_outside_addresses(message: str, today: date) -> date | None:
    address = find_address(message, today)
    span = address.span if address is not None else None
    found = None
    for start, end, value in find_dates(message, today):
        if span is not None and start < span[1] and end > span[0]:
            continue
        found = value
    return found


def _fill(turn: Turn, entry: Mapping[str, Any]) -> Filled:
    filled = Filled()
    today = turn.reading.facts.today
    own = turn.reading.facts.own_token
    event = str(entry["life_event"])
    for slot in entry.get("slots", []):
        name, kind = str(slot["name"]), str(slot["kind"])
        value: Any = None
        if kind == "address":
            value, action = _address_value(turn, slot, event)
            if action is not None:
                filled.action = action
                return filled
        elif kind == "date":
            for message, _asking in turn.reading.citizen:
                value = _dates_outside_addresses(message, today) or value
            if value is not None:
                value = value.isoformat()
        elif kind == "persons":
            people: list[str] = []
            for message, _asking in turn.reading.citizen:
                if for_someone_else(message, own):
                    continue
                if says_alone(message):
                    people = []
                people.extend(t for t in person_tokens(message, own) if t not in people)
            value = people or None
        elif kind == "country":
            for message, _asking in turn.reading.citizen:
                value = find_country(message) or value
        elif kind == "yes_no":
            for message, asking in turn.reading.citizen:
                answer = yes_or_no(message) if asking == name else None
                value = answer if answer is not None else value
        else:
            for message, asking in turn.reading.citizen:
                if asking == name and message.strip():
                    value = message.strip()
        if value is None:
            if slot.get("required", True):
                question = str(slot["question"].get(turn.language) or slot["question"]["nl"])
                filled.action = turn.reply(question, life_event=event, asking=name)
                return filled
            continue
        filled.values[name] = value
    return filled


def _problem_reply(turn: Turn, entry: Mapping[str, Any], result: str) -> AIMessage:
    event = str(entry["life_event"])
    body = result[len(ERROR_PREFIX) :]
    try:
        problems = json.loads(body)["problems"]
        field_name, reason = str(problems[0]["field"]), str(problems[0]["reason"])
    except (json.JSONDecodeError, KeyError, TypeError, IndexError):
        field_name, reason = "", body
    slot = next((s for s in entry.get("slots", []) if s["name"] == field_name), None)
    question = str(slot["question"].get(turn.language) or "") if slot else ""
    message = text("cannot", turn.language, reason=reason) + question
    return turn.reply(message.strip(), life_event=event, asking=field_name or None)


def next_turn(messages: Sequence[BaseMessage]) -> AIMessage:
    """The scripted assistant's reply to a conversation.

    Args:
        messages: The conversation so far (system prompt, the citizen's messages, the
            assistant's calls and their results).

    Returns:
        A tool call (`hand_over`, `reply`, `search_address` or `propose_report`); an empty
        answer for a conversation without the intake's system prompt.
    """
    reading = read_conversation(messages)
    if reading is None or not reading.citizen:
        return AIMessage(content="")
    turn = Turn(messages, reading)
    facts = reading.facts
    last = turn.last
    if wants_person(last):
        return turn.call(HAND_OVER, {"reason": "asked_for_person", "language": turn.language})
    texts = [message for message, _asking in reading.citizen]
    event, tied = recognise(texts, facts.catalogue)
    if for_someone_else(last, facts.own_token):
        return turn.reply(text("other_person", turn.language), life_event=event)
    prefix = text("no_skipping", turn.language) if wants_to_skip_confirmation(last) else ""
    entry = turn.entry(event)
    if entry is None:
        if tied:
            options = text("or", turn.language).join(turn.title_of(t) for t in tied)
            return turn.reply(
                prefix + text("which_event", turn.language, options=options), life_event=None
            )
        offer = text("offer", turn.language, titles=turn.titles())
        if is_greeting(last) or prefix:
            opening = text("greeting", turn.language) if is_greeting(last) else ""
            return turn.reply(prefix + opening + offer, life_event=None)
        message = text("unrelated", turn.language) + offer + text("person_hint", turn.language)
        return turn.reply(message, life_event=None)
    filled = _fill(turn, entry)
    if filled.action is not None:
        if prefix and filled.action.tool_calls[0]["name"] == REPLY:
            args = filled.action.tool_calls[0]["args"]
            args["text"] = prefix + str(args["text"])
        return filled.action
    args = {"life_event": event, "slots": filled.values, "language": turn.language}
    result = _result_of(reading, PROPOSE_REPORT, args)
    if result is None:
        return turn.call(PROPOSE_REPORT, args)
    if result.startswith(ERROR_PREFIX):
        return _problem_reply(turn, entry, result)
    return turn.reply(prefix + text("press_confirm", turn.language), life_event=event)


class ScriptedIntake(ScriptedChatModel):
    """A chat model that plays the intake assistant with fixed rules.

    Attributes:
        model_name: Reported as the model name.
    """

    model_name: str = SCRIPTED_INTAKE_MODEL

    @property
    def _llm_type(self) -> str:
        return "burgerflow-scripted-intake"

    def next_turn(self, messages: Sequence[BaseMessage]) -> AIMessage:
        """The assistant's reply to a conversation (see `next_turn` of this module)."""
        return next_turn(messages)
