"""The chat queue on the caseworkers' page: `/ui/gesprekken`.

Conversations the intake assistant handed over to the caseworker's municipality, the oldest
waiting first; a caseworker opens one, takes it, answers the citizen, hands it back to the
assistant or closes it. Every form goes through the same `approvals.conversations` code as the
API, so the page and the API share scope and every refusal; forms carry the page's CSRF token.
"""

import hmac
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from approvals import conversations
from approvals.ui import _csrf, _forbidden, _login_redirect, _principal, _render
from burgerflow.core.auth import Principal
from burgerflow.core.deps import EngineDep, SettingsDep, TemporalDep
from burgerflow.core.problems import Problem
from burgerflow.core.settings import Settings
from workflows.conversation.models import ConversationState, ConversationStatus

router = APIRouter(prefix="/ui/gesprekken", include_in_schema=False)

_DONE = ("chat_claimed", "chat_replied", "chat_handed_back", "chat_closed")


@router.get("", response_class=HTMLResponse, response_model=None)
async def queue(request: Request, settings: SettingsDep, engine: EngineDep) -> Response:
    """The chat queue of the caseworker's municipality."""
    session = _principal(request, settings)
    if session is None:
        return _login_redirect()
    principal, token = session
    try:
        rows = await conversations.list_conversations(
            engine, settings, principal, status=ConversationStatus.HANDED_OVER
        )
    except Problem as p:
        return _forbidden(request, principal, token, p.detail or p.title)
    return _render(
        request,
        "chat_queue.html",
        {"rows": rows, "section": "chats"},
        principal=principal,
        token=token,
    )


async def _page(
    request: Request,
    settings: Settings,
    engine: EngineDep,
    temporal: TemporalDep,
    principal: Principal,
    token: str,
    conversation_id: str,
    *,
    message: str | None = None,
    error: str | None = None,
    status_code: int = 200,
    reply: str = "",
) -> HTMLResponse:
    try:
        state = await conversations.read(temporal, engine, settings, principal, conversation_id)
    except Problem as p:
        if p.status == 404:
            return _render(
                request,
                "error.html",
                {"title_key": "not_found", "detail": p.detail},
                status_code=404,
                principal=principal,
                token=token,
            )
        return _forbidden(request, principal, token, p.detail or p.title)
    return _render(
        request,
        "chat.html",
        {
            "chat": state,
            "may": _may(state, principal),
            "message": message,
            "error": error,
            "reply": reply,
            "section": "chats",
        },
        status_code=status_code,
        principal=principal,
        token=token,
    )


def _may(state: ConversationState, principal: Principal) -> dict[str, bool]:
    handed_over = state.status is ConversationStatus.HANDED_OVER
    mine = state.claimed_by == principal.sub
    supervisor = principal.role == "supervisor"
    return {
        "claim": handed_over and (state.claimed_by is None or (supervisor and not mine)),
        "reply": handed_over and mine,
        "hand_back": handed_over and (mine or (supervisor and state.claimed_by is not None)),
        "close": handed_over and (mine or (supervisor and state.claimed_by is not None)),
    }


@router.get("/{conversation_id}", response_class=HTMLResponse, response_model=None)
async def conversation_page(
    conversation_id: str,
    request: Request,
    settings: SettingsDep,
    engine: EngineDep,
    temporal: TemporalDep,
    done: Annotated[str | None, Query()] = None,
) -> Response:
    """One conversation: who wrote what, the assistant's proposal, the caseworker's forms."""
    session = _principal(request, settings)
    if session is None:
        return _login_redirect()
    principal, token = session
    message = f"done.{done}" if done in _DONE else None
    return await _page(
        request, settings, engine, temporal, principal, token, conversation_id, message=message
    )


async def _act(
    request: Request,
    settings: Settings,
    engine: EngineDep,
    temporal: TemporalDep,
    conversation_id: str,
    csrf: str,
    done: str,
    action: Any,
    reply: str = "",
) -> Response:
    session = _principal(request, settings)
    if session is None:
        return _login_redirect()
    principal, token = session
    if not hmac.compare_digest(csrf, _csrf(token)):
        return _forbidden(request, principal, token, "The form has expired; reload the page.")
    try:
        await action(principal)
    except Problem as p:
        return await _page(
            request,
            settings,
            engine,
            temporal,
            principal,
            token,
            conversation_id,
            error=p.detail or p.title,
            status_code=p.status,
            reply=reply,
        )
    target = f"/ui/gesprekken/{quote(conversation_id)}?done={done}#message"
    return RedirectResponse(target, status_code=303)


def _action_route(action: str, done: str) -> Any:
    async def handle(
        conversation_id: str,
        request: Request,
        settings: SettingsDep,
        engine: EngineDep,
        temporal: TemporalDep,
        csrf: Annotated[str, Form()] = "",
    ) -> Response:
        async def run(principal: Principal) -> None:
            await conversations.caseworker_action(
                temporal, engine, settings, principal, conversation_id, action
            )

        return await _act(request, settings, engine, temporal, conversation_id, csrf, done, run)

    handle.__doc__ = f"The caseworker's `{action}` of a conversation."
    return handle


router.add_api_route(
    "/{conversation_id}/claim", _action_route("claim", "chat_claimed"), methods=["POST"]
)
router.add_api_route(
    "/{conversation_id}/hand-back", _action_route("hand_back", "chat_handed_back"), methods=["POST"]
)
router.add_api_route(
    "/{conversation_id}/close", _action_route("close", "chat_closed"), methods=["POST"]
)


@router.post("/{conversation_id}/reply", response_model=None)
async def reply(
    conversation_id: str,
    request: Request,
    settings: SettingsDep,
    engine: EngineDep,
    temporal: TemporalDep,
    text: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
) -> Response:
    """The caseworker's answer to the citizen."""

    async def run(principal: Principal) -> None:
        await conversations.post_message(
            temporal, engine, settings, principal, conversation_id, text
        )

    return await _act(
        request, settings, engine, temporal, conversation_id, csrf, "chat_replied", run, text
    )
