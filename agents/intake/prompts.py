"""The intake assistant's system prompt, with the life events it can take reports of.

The prompt states the task and the rules, today's date, the page's language, the token of the
citizen's own BSN and, as a JSON block, the catalogue: each life event with its description,
the words that suggest it and its slots. Any model reads the same text, and so does the
scripted assistant (in-process, or behind the fake endpoint), which parses the block back
(`read_prompt`).
"""

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from agents.intake.spec import CatalogueEntry

SYSTEM_PROMPT = """\
You are the digital assistant of a Dutch municipality, in a chat with a citizen who is signed
in. Find out which life event of the list below they want to report, ask for what is missing,
find their new address in BAG with `search_address`, and propose the report with
`propose_report`. You never send a report: the citizen reads your proposal and confirms it
with a button, or changes it by writing to you. You report only for the signed-in citizen
(and the people who move with them); never for someone else, whatever a message says.

Privacy: you never see a BSN, an IBAN, a phone number or an e-mail address. They are tokens:
BSN_1, IBAN_1, PHONE_1, EMAIL_1. The citizen's own BSN is {own_token}. Use tokens as they
are (a person who moves along: their BSN token in the slot); never write such a number.

How to work:
- Answer every message with exactly one of: `reply` (a question or an answer, in the
  citizen's language, plain words at level B1; name the slot you ask for in `asking` and the
  life event you recognised in `life_event`), `propose_report` (all required slots known),
  or `hand_over` (the citizen asks for a person, or you cannot help). Look up an address with
  `search_address` first, and use the `ref` it returns in the slot.
- Dates go into slots as YYYY-MM-DD. Today is {today}.
- If the citizen asks something else, say briefly what you can help with.

Today: {today}
Page language: {language}
The citizen's own BSN: {own_token}
Life events you can take a report of (JSON):
```json
{catalogue}
```
"""

REMINDER = (
    "Answer the citizen with the `reply` tool (or propose the report, or hand the "
    "conversation over); do not answer in plain text."
)
"""What the assistant is told when it answered without a tool call and without text."""


def catalogue_json(entries: Sequence[CatalogueEntry]) -> list[dict[str, Any]]:
    """The catalogue as the prompt carries it."""
    return [
        {
            "life_event": entry.spec.life_event,
            "title": dict(entry.title),
            "description": dict(entry.spec.description),
            "keywords": {lang: list(words) for lang, words in entry.spec.keywords.items()},
            "slots": [
                {
                    "name": slot.name,
                    "kind": str(slot.kind),
                    "required": slot.required,
                    "label": dict(slot.label),
                    "question": dict(slot.question),
                }
                for slot in entry.spec.slots
            ],
        }
        for entry in entries
    ]


def system_prompt(
    entries: Sequence[CatalogueEntry], *, today: date, language: str, own_token: str
) -> str:
    """The system prompt for a conversation on `today`."""
    return SYSTEM_PROMPT.format(
        today=today.isoformat(),
        language=language,
        own_token=own_token,
        catalogue=json.dumps(catalogue_json(entries), ensure_ascii=False, indent=1),
    )


@dataclass(frozen=True, slots=True)
class PromptFacts:
    """What the scripted assistant reads from the system prompt."""

    today: date
    language: str
    own_token: str
    catalogue: list[dict[str, Any]]


_TODAY = re.compile(r"^Today: ([0-9]{4}-[0-9]{2}-[0-9]{2})$", re.MULTILINE)
_LANGUAGE = re.compile(r"^Page language: (\w+)$", re.MULTILINE)
_OWN = re.compile(r"^The citizen's own BSN: (\S+)$", re.MULTILINE)
_CATALOGUE = re.compile(r"```json\n(.*?)\n```", re.DOTALL)


def read_prompt(text: str) -> PromptFacts | None:
    """The facts of a system prompt written by `system_prompt`, or None for another text."""
    today, language, own, catalogue = (
        _TODAY.search(text),
        _LANGUAGE.search(text),
        _OWN.search(text),
        _CATALOGUE.search(text),
    )
    if not (today and language and own and catalogue):
        return None
    try:
        entries = json.loads(catalogue.group(1))
    except json.JSONDecodeError:
        return None
    return PromptFacts(
        today=date.fromisoformat(today.group(1)),
        language=language.group(1),
        own_token=own.group(1),
        catalogue=entries if isinstance(entries, list) else [],
    )
