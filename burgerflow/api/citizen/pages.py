"""The citizen page at `/mijn/`: sign in, follow one's cases, report a change, chat.

Server-rendered, no front-end build step: every page and form works without JavaScript; a
small script (`/static/mijn/chat.js`) makes the chat send and fetch messages in place. Sign-in
is OpenID Connect with a `bsn` claim (`burgerflow.api.citizen.oidc`, e.g. a DigiD broker) or,
in development, a pasted token; the token is kept in an HttpOnly cookie for `/mijn`, and every
form carries a token bound to it (CSRF). Reports take the one intake path of
`POST /v1/life-events` (`submit_report`); a proposal of the assistant is confirmed through
the same code as `POST /v1/conversations/{id}/confirm`. Dutch by default, English on request.
"""

import asyncio
import hashlib
import hmac
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlmodel import Session

from agents.intake.spec import CatalogueEntry, SlotKind
from approvals import conversations, service, store
from burgerflow.api.cases import citizen_view, fetch_case_state, may_read_case
from burgerflow.api.citizen.forms import FormResult, read_form, slot_fields
from burgerflow.api.citizen.i18n import DEFAULT_LANGUAGE, LANGUAGES, MESSAGES, translator
from burgerflow.api.conversations import confirm_proposal
from burgerflow.api.life_events import submit_report
from burgerflow.core.auth import Principal, TokenError, verify_token
from burgerflow.core.constants import CaseStatus, Role
from burgerflow.core.deps import EngineDep, SettingsDep, TemporalDep
from burgerflow.core.keys import pseudonym_key, subject_key
from burgerflow.core.problems import Problem
from burgerflow.core.settings import Settings
from workflows.case.models import CaseState
from workflows.conversation.catalogue import intake_catalogue
from workflows.conversation.models import ConversationState, ConversationStatus
from workflows.life_events import LIFE_EVENTS

router = APIRouter(prefix="/mijn", include_in_schema=False)

TOKEN_COOKIE = "burgerflow_citizen"
LANG_COOKIE = "burgerflow_lang"
COOKIE_PATH = "/mijn"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CANCELLABLE = (CaseStatus.RECEIVED, CaseStatus.GATHERING, CaseStatus.AWAITING_APPROVAL)
"""A case may be cancelled before its steps run (the cancel API's contract)."""
PROGRESS = (
    CaseStatus.RECEIVED,
    CaseStatus.GATHERING,
    CaseStatus.AWAITING_APPROVAL,
    CaseStatus.EXECUTING,
    CaseStatus.COMPLETED,
)

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


def _local_time(value: datetime | None) -> str:
    if value is None:
        return "—"
    moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    return moment.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M")


templates.env.filters["local_time"] = _local_time


def language_of(request: Request) -> str:
    """The page's language: the switch's cookie, else Dutch."""
    lang = request.cookies.get(LANG_COOKIE, DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def csrf_token(token: str) -> str:
    """A form token bound to the session's bearer token (which a third site cannot read)."""
    return hmac.new(token.encode(), b"burgerflow-mijn-form", hashlib.sha256).hexdigest()[:32]


async def citizen_session(request: Request, settings: Settings) -> tuple[Principal, str] | None:
    """The signed-in citizen and their token, from the cookie; None when there is none.

    Verified in a thread: with an identity provider, the first verification fetches its
    JWKS, which must not hold up the event loop.
    """
    token = request.cookies.get(TOKEN_COOKIE)
    if not token:
        return None
    try:
        principal = await asyncio.to_thread(verify_token, settings, token)
    except TokenError:
        return None
    if principal.role is not Role.CITIZEN or not principal.bsn:
        return None
    return principal, token


def sign_in(request: Request, token: str, target: str = "/mijn/") -> RedirectResponse:
    """Keep `token` in the citizen's cookie and go to `target`."""
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        TOKEN_COOKIE,
        token,
        httponly=True,
        # Lax, not Strict: signing in through the identity provider ends in a redirect from
        # its site, and a Strict cookie would not come along on it. Forms carry a CSRF token.
        samesite="lax",
        secure=request.url.scheme == "https",
        path=COOKIE_PATH,
        max_age=12 * 3600,
    )
    return response


def render(
    request: Request,
    name: str,
    context: dict[str, Any],
    *,
    status_code: int = 200,
    session: tuple[Principal, str] | None = None,
) -> HTMLResponse:
    """Render a page of `/mijn/` with the language, the session and its CSRF token."""
    lang = language_of(request)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    base = {
        "lang": lang,
        "languages": LANGUAGES,
        "t": translator(lang),
        "principal": session[0] if session else None,
        "csrf": csrf_token(session[1]) if session else "",
        "here": quote(here, safe="/?=&"),
        "event_title": lambda kind: _event_title(kind, lang),
        "say": lambda text: translator(lang)(text) if text in MESSAGES else text,
    }
    return templates.TemplateResponse(request, name, {**base, **context}, status_code=status_code)


def _event_title(kind: str, lang: str) -> str:
    event = LIFE_EVENTS.get(kind) or LIFE_EVENTS.of_case(kind)
    return event.title_in(lang) if event else kind


def _login() -> RedirectResponse:
    return RedirectResponse("/mijn/inloggen", status_code=303)


def _error(
    request: Request, session: tuple[Principal, str], status: int, detail: str
) -> HTMLResponse:
    title = {403: "forbidden", 404: "not_found"}.get(status, "error")
    return render(
        request,
        "error.html",
        {"title_key": title, "detail": detail},
        status_code=status,
        session=session,
    )


def _csrf_ok(session: tuple[Principal, str], csrf: str) -> bool:
    return hmac.compare_digest(csrf, csrf_token(session[1]))


def reportable() -> list[CatalogueEntry]:
    """The life events a citizen may report here, read from the list (with their forms)."""
    return intake_catalogue()


# Signing in -----------------------------------------------------------------------------------


@router.get("", include_in_schema=False)
async def root() -> RedirectResponse:
    """`/mijn` without the slash."""
    return RedirectResponse("/mijn/", status_code=308)


@router.get("/inloggen", response_class=HTMLResponse)
async def login_page(request: Request, settings: SettingsDep) -> HTMLResponse:
    """Sign in: with DigiD (OIDC) when configured, or by pasting a development token."""
    return render(request, "login.html", _login_context(settings, None))


def _login_context(settings: Settings, error: str | None) -> dict[str, Any]:
    return {
        "error": error,
        "oidc": bool(settings.oidc_authorization_url and settings.oidc_token_url),
        "dev": settings.jwt_algorithm == "HS256",
    }


@router.post("/inloggen", response_model=None)
async def login(
    request: Request, settings: SettingsDep, token: Annotated[str, Form()] = ""
) -> Response:
    """Check the pasted token: a citizen's, with a BSN."""
    token = token.strip()
    try:
        principal = await asyncio.to_thread(verify_token, settings, token)
    except TokenError:
        context = _login_context(settings, "login.invalid")
        return render(request, "login.html", context, status_code=401)
    if principal.role is not Role.CITIZEN or not principal.bsn:
        context = _login_context(settings, "login.not_citizen")
        return render(request, "login.html", context, status_code=403)
    return sign_in(request, token)


@router.post("/uitloggen")
async def logout() -> RedirectResponse:
    """Forget the token."""
    response = _login()
    response.delete_cookie(TOKEN_COOKIE, path=COOKIE_PATH)
    return response


@router.get("/taal/{lang}")
async def set_language(lang: str, next: Annotated[str, Query()] = "/mijn/") -> RedirectResponse:
    """Switch the page's language (kept in a cookie)."""
    target = next if next.startswith("/mijn/") else "/mijn/"
    response = RedirectResponse(target, status_code=303)
    if lang in LANGUAGES:
        response.set_cookie(
            LANG_COOKIE, lang, samesite="lax", path=COOKIE_PATH, max_age=365 * 24 * 3600
        )
    return response


# Cases ----------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse, response_model=None)
async def home(request: Request, settings: SettingsDep, engine: EngineDep) -> Response:
    """My cases, my conversations, and what I can report."""
    session = await citizen_session(request, settings)
    if session is None:
        return _login()
    principal = session[0]
    assert principal.bsn is not None
    key = subject_key(pseudonym_key(settings), principal.bsn)

    def cases() -> list[Any]:
        with Session(engine) as db:
            return list(store.list_cases(db, subject_key=key, limit=50))

    rows = await asyncio.to_thread(cases)
    chats = await conversations.list_conversations(engine, settings, principal)
    return render(
        request,
        "home.html",
        {"cases": rows, "chats": chats[:10], "events": reportable()},
        session=session,
    )


def _progress(state: CaseState) -> list[dict[str, Any]]:
    """The steps of a case for its timeline: done, now, or still to come."""
    status = CaseStatus(state.status)
    gated = bool(state.gates) or status is CaseStatus.AWAITING_APPROVAL
    path = [s for s in PROGRESS if s is not CaseStatus.AWAITING_APPROVAL or gated]
    at = {e.detail: e.at for e in state.timeline if e.event == "status"}
    if status not in path:
        reached = [s for s in path if s in at]
        return [
            *({"status": s, "state": "done", "at": at.get(s)} for s in reached),
            {"status": status, "state": "now", "at": at.get(status)},
        ]
    now = path.index(status)
    return [
        {
            "status": s,
            "state": "done" if i < now or status is CaseStatus.COMPLETED else
            ("now" if i == now else "todo"),
            "at": at.get(s),
        }
        for i, s in enumerate(path)
    ]  # fmt: skip


async def _case_page(
    request: Request,
    temporal: TemporalDep,
    session: tuple[Principal, str],
    case_id: str,
    *,
    message: str | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    principal = session[0]
    try:
        state = await fetch_case_state(temporal, case_id)
    except Problem as p:
        if p.status == 404:
            return _error(request, session, 404, p.detail or p.title)
        return render(
            request,
            "case.html",
            {"case": None, "case_id": case_id, "error": "case.unavailable"},
            status_code=503,
            session=session,
        )
    if not may_read_case(principal, state):
        return _error(request, session, 403, "This case is outside your scope.")
    view = citizen_view(state)
    return render(
        request,
        "case.html",
        {
            "case": view,
            "case_id": case_id,
            "progress": _progress(view),
            "history": [e for e in view.timeline if e.event != "status"],
            "cancellable": view.status in CANCELLABLE and view.bsn == principal.bsn,
            "message": message,
            "error": error,
        },
        status_code=status_code,
        session=session,
    )


@router.get("/zaken/{case_id}", response_class=HTMLResponse, response_model=None)
async def case_page(
    case_id: str,
    request: Request,
    settings: SettingsDep,
    temporal: TemporalDep,
    done: Annotated[str | None, Query()] = None,
) -> Response:
    """One case: its status timeline in plain words, its message, and cancelling it."""
    session = await citizen_session(request, settings)
    if session is None:
        return _login()
    message = f"done.{done}" if done in ("reported", "cancelled") else None
    return await _case_page(request, temporal, session, case_id, message=message)


@router.post("/zaken/{case_id}/annuleren", response_model=None)
async def cancel_case(
    case_id: str,
    request: Request,
    settings: SettingsDep,
    temporal: TemporalDep,
    reason: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
) -> Response:
    """Cancel an open case, through the same code as `POST /v1/cases/{case_id}/cancel`."""
    session = await citizen_session(request, settings)
    if session is None:
        return _login()
    if not _csrf_ok(session, csrf):
        return _error(request, session, 403, translator(language_of(request))("expired"))
    if len(reason.strip()) < 3:
        return await _case_page(
            request, temporal, session, case_id, error="form.missing", status_code=422
        )
    try:
        await service.cancel_case(temporal, session[0], case_id, reason=reason)
    except Problem as p:
        error = p.detail or p.title if p.status in (403, 409, 422) else "case.cancel_unavailable"
        return await _case_page(
            request, temporal, session, case_id, error=error, status_code=p.status
        )
    return RedirectResponse(f"/mijn/zaken/{quote(case_id)}?done=cancelled", status_code=303)


# Reporting with a form ------------------------------------------------------------------------


def _entry(kind: str) -> CatalogueEntry | None:
    return next((e for e in reportable() if e.spec.life_event == kind), None)


def _form_context(
    entry: CatalogueEntry,
    result: FormResult | None,
    nonce: str,
    problems: list[tuple[str, str]] | None = None,
) -> dict[str, Any]:
    return {
        "entry": entry,
        "title_of": lambda lang: entry.title.get(lang) or entry.title.get("nl", ""),
        "groups": [slot_fields(slot) for slot in entry.spec.slots],
        "raw": result.raw if result else {},
        "errors": result.errors if result else {},
        "nonce": nonce,
        "problems": problems or [],
        "kinds": SlotKind,
    }


@router.get("/melden/{kind}", response_class=HTMLResponse, response_model=None)
async def report_form(kind: str, request: Request, settings: SettingsDep) -> Response:
    """The report form of a life event, from its intake spec."""
    session = await citizen_session(request, settings)
    if session is None:
        return _login()
    entry = _entry(kind)
    if entry is None:
        return _error(request, session, 404, f"There is no form for {kind}.")
    context = _form_context(entry, None, str(uuid.uuid4()))
    return render(request, "report_form.html", context, session=session)


def _read(entry: CatalogueEntry, posted: dict[str, str], bsn: str) -> tuple[FormResult, Any]:
    result = read_form(list(entry.spec.slots), posted)
    if result.errors:
        return result, None
    return result, entry.spec.build_report(bsn, result.values)


def _nonce(value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return str(uuid.uuid4())


@router.post("/melden/{kind}", response_class=HTMLResponse, response_model=None)
async def report_check(kind: str, request: Request, settings: SettingsDep) -> Response:
    """Check the form: errors per field, or the report in words with a confirm button."""
    session = await citizen_session(request, settings)
    if session is None:
        return _login()
    entry = _entry(kind)
    if entry is None:
        return _error(request, session, 404, f"There is no form for {kind}.")
    posted = {k: str(v) for k, v in (await request.form()).items()}
    if not _csrf_ok(session, posted.get("csrf", "")):
        return _error(request, session, 403, translator(language_of(request))("expired"))
    nonce = _nonce(posted.get("nonce", ""))
    assert session[0].bsn is not None
    result, report = _read(entry, posted, session[0].bsn)
    if posted.get("edit"):
        context = _form_context(entry, result, nonce)
        context["errors"] = {}
        return render(request, "report_form.html", context, session=session)
    lang = language_of(request)
    offline = entry.spec.offline(result.values) if report is not None else None
    if offline is not None:
        # Not something to report online (the spec's hand-over hook): say so, and where to.
        problems = [("", offline.get(lang) or offline.get("nl", ""))]
        context = _form_context(entry, result, nonce, problems)
        context["offline"] = True
        return render(request, "report_form.html", context, status_code=422, session=session)
    problems = [] if report is None else list(entry.check(report, datetime.now(AMSTERDAM).date()))
    if report is None or problems:
        context = _form_context(entry, result, nonce, problems)
        return render(request, "report_form.html", context, status_code=422, session=session)
    return render(
        request,
        "report_check.html",
        {
            "entry": entry,
            "lines": entry.spec.lines(result.values, lang),
            "raw": result.raw,
            "nonce": nonce,
        },
        session=session,
    )


@router.post("/melden/{kind}/versturen", response_model=None)
async def report_send(
    kind: str,
    request: Request,
    settings: SettingsDep,
    engine: EngineDep,
    temporal: TemporalDep,
) -> Response:
    """Send the checked report through intake; the same form sent twice gives one case."""
    session = await citizen_session(request, settings)
    if session is None:
        return _login()
    entry = _entry(kind)
    if entry is None:
        return _error(request, session, 404, f"There is no form for {kind}.")
    posted = {k: str(v) for k, v in (await request.form()).items()}
    if not _csrf_ok(session, posted.get("csrf", "")):
        return _error(request, session, 403, translator(language_of(request))("expired"))
    nonce = _nonce(posted.get("nonce", ""))
    principal = session[0]
    assert principal.bsn is not None
    result, report = _read(entry, posted, principal.bsn)
    if report is None:
        context = _form_context(entry, result, nonce)
        return render(request, "report_form.html", context, status_code=422, session=session)
    try:
        case_id = await submit_report(
            report,
            principal=principal,
            settings=settings,
            engine=engine,
            temporal=temporal,
            idempotency_key=f"form/{nonce}",
            base_url=str(request.base_url),
        )
    except Problem as p:
        problems = [("", p.detail or p.title)]
        context = _form_context(entry, result, nonce, problems)
        return render(request, "report_form.html", context, status_code=p.status, session=session)
    return RedirectResponse(f"/mijn/zaken/{quote(case_id)}?done=reported", status_code=303)


# The chat -------------------------------------------------------------------------------------


def _chat_context(state: ConversationState) -> dict[str, Any]:
    return {
        "chat": state,
        "proposal": state.current_proposal(),
        "open": state.status is not ConversationStatus.CLOSED,
    }


@router.post("/gesprekken", response_model=None)
async def start_chat(
    request: Request,
    settings: SettingsDep,
    engine: EngineDep,
    temporal: TemporalDep,
    csrf: Annotated[str, Form()] = "",
) -> Response:
    """Start a conversation with the assistant."""
    session = await citizen_session(request, settings)
    if session is None:
        return _login()
    if not _csrf_ok(session, csrf):
        return _error(request, session, 403, translator(language_of(request))("expired"))
    try:
        state = await conversations.open_conversation(
            temporal, engine, settings, session[0], language=language_of(request)
        )
    except Problem as p:
        return _error(request, session, p.status, p.detail or p.title)
    return RedirectResponse(f"/mijn/gesprekken/{state.conversation_id}", status_code=303)


async def _read_chat(
    request: Request,
    settings: Settings,
    engine: EngineDep,
    temporal: TemporalDep,
    session: tuple[Principal, str],
    conversation_id: str,
) -> ConversationState | HTMLResponse:
    try:
        return await conversations.read(temporal, engine, settings, session[0], conversation_id)
    except Problem as p:
        return _error(request, session, p.status, p.detail or p.title)


@router.get("/gesprekken/{conversation_id}", response_class=HTMLResponse, response_model=None)
async def chat_page(
    conversation_id: str,
    request: Request,
    settings: SettingsDep,
    engine: EngineDep,
    temporal: TemporalDep,
) -> Response:
    """The conversation: who answers, the messages, the proposal to confirm, the form."""
    session = await citizen_session(request, settings)
    if session is None:
        return _login()
    state = await _read_chat(request, settings, engine, temporal, session, conversation_id)
    if isinstance(state, HTMLResponse):
        return state
    return render(request, "chat.html", _chat_context(state), session=session)


@router.get("/gesprekken/{conversation_id}/deel", response_class=HTMLResponse, response_model=None)
async def chat_region(
    conversation_id: str,
    request: Request,
    settings: SettingsDep,
    engine: EngineDep,
    temporal: TemporalDep,
) -> Response:
    """The conversation's messages and proposal as an HTML fragment (for the chat script)."""
    session = await citizen_session(request, settings)
    if session is None:
        return Response(status_code=401)
    state = await _read_chat(request, settings, engine, temporal, session, conversation_id)
    if isinstance(state, HTMLResponse):
        return Response(status_code=state.status_code)
    return _fragment(request, session, state)


def _fragment(
    request: Request, session: tuple[Principal, str], state: ConversationState, status: int = 200
) -> HTMLResponse:
    response = render(
        request, "chat_region.html", _chat_context(state), status_code=status, session=session
    )
    response.headers["X-Conversation-Status"] = state.status
    response.headers["Cache-Control"] = "no-store"
    return response


def _wants_fragment(request: Request) -> bool:
    return request.headers.get("x-requested-with") == "fetch"


@router.post("/gesprekken/{conversation_id}/berichten", response_model=None)
async def chat_message(
    conversation_id: str,
    request: Request,
    settings: SettingsDep,
    engine: EngineDep,
    temporal: TemporalDep,
    text: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
) -> Response:
    """Send a message; the page again (or, for the script, its fragment)."""
    session = await citizen_session(request, settings)
    if session is None:
        return _login()
    if not _csrf_ok(session, csrf):
        return _error(request, session, 403, translator(language_of(request))("expired"))
    try:
        state = await conversations.post_message(
            temporal, engine, settings, session[0], conversation_id, text
        )
    except Problem as p:
        if _wants_fragment(request):
            return Response(p.detail or p.title, status_code=p.status)
        return _error(request, session, p.status, p.detail or p.title)
    if _wants_fragment(request):
        return _fragment(request, session, state)
    return RedirectResponse(f"/mijn/gesprekken/{conversation_id}#chat-log", status_code=303)


@router.post("/gesprekken/{conversation_id}/bevestigen", response_model=None)
async def chat_confirm(
    conversation_id: str,
    request: Request,
    settings: SettingsDep,
    engine: EngineDep,
    temporal: TemporalDep,
    proposal: Annotated[int, Form()] = 0,
    csrf: Annotated[str, Form()] = "",
) -> Response:
    """Confirm the assistant's proposal: its case starts, and the case page opens."""
    session = await citizen_session(request, settings)
    if session is None:
        return _login()
    if not _csrf_ok(session, csrf):
        return _error(request, session, 403, translator(language_of(request))("expired"))
    try:
        case_id, _state = await confirm_proposal(
            temporal,
            engine,
            settings,
            session[0],
            conversation_id,
            number=proposal or None,
            base_url=str(request.base_url),
        )
    except Problem as p:
        return _error(request, session, p.status, p.detail or p.title)
    return RedirectResponse(f"/mijn/zaken/{quote(case_id)}?done=reported", status_code=303)


@router.post("/gesprekken/{conversation_id}/sluiten", response_model=None)
async def chat_close(
    conversation_id: str,
    request: Request,
    settings: SettingsDep,
    engine: EngineDep,
    temporal: TemporalDep,
    csrf: Annotated[str, Form()] = "",
) -> Response:
    """End the conversation."""
    session = await citizen_session(request, settings)
    if session is None:
        return _login()
    if not _csrf_ok(session, csrf):
        return _error(request, session, 403, translator(language_of(request))("expired"))
    try:
        await conversations.close_by_citizen(
            temporal, engine, settings, session[0], conversation_id
        )
    except Problem as p:
        return _error(request, session, p.status, p.detail or p.title)
    return RedirectResponse(f"/mijn/gesprekken/{conversation_id}", status_code=303)
