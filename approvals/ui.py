"""The caseworkers' web page at `/ui/`: server-rendered, no front-end build step.

Login pastes a dev (or OIDC) token, kept in an HttpOnly, SameSite=Strict cookie; forms post
to this router's own handlers, which call the same `approvals.service` code as the API, so
the page and the API share scope, four-eyes and every refusal. Dutch by default, English on
request; headings, labels, focus and keyboard use follow plain HTML.
"""

import hashlib
import hmac
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from approvals import service
from approvals.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    event_title,
    explanation,
    life_event_title,
    translator,
)
from burgerflow.core.auth import Principal, TokenError, verify_token
from burgerflow.core.constants import MUNICIPALITIES
from burgerflow.core.deps import EngineDep, SettingsDep, TemporalDep
from burgerflow.core.problems import Problem
from burgerflow.core.settings import Settings
from workflows.case.models import DecisionKind, GateStatus, Risk, StepFailureChoice
from workflows.case.rules import SHARED_RULES
from workflows.life_events import LIFE_EVENTS

router = APIRouter(prefix="/ui", include_in_schema=False)

TOKEN_COOKIE = "burgerflow_token"
LANG_COOKIE = "burgerflow_lang"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")

STATIC_DIR = Path(__file__).parent / "static"
"""The pages' style sheets and scripts (the vendored NL Design System CSS among them),
served at `/static/`."""

OPEN_FOR_DECISIONS = ("awaiting_approval", "executing")
"""Case statuses in which a pending gate can be decided."""
CANCELLABLE = ("received", "gathering", "awaiting_approval")
"""Case statuses in which a case can be cancelled (before its steps run)."""
DONE_MESSAGES = ("decided", "claimed", "released", "commented", "cancelled")


def _local_time(value: datetime | None) -> str:
    if value is None:
        return "—"
    return value.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M")


templates.env.filters["local_time"] = _local_time


def _language(request: Request) -> str:
    lang = request.cookies.get(LANG_COOKIE, DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def _csrf(token: str) -> str:
    """A form token bound to the session's bearer token (which a third site cannot read)."""
    return hmac.new(token.encode(), b"burgerflow-ui-form", hashlib.sha256).hexdigest()[:32]


def _principal(request: Request, settings: Settings) -> tuple[Principal, str] | None:
    token = request.cookies.get(TOKEN_COOKIE)
    if not token:
        return None
    try:
        return verify_token(settings, token), token
    except TokenError:
        return None


def _render(
    request: Request,
    name: str,
    context: dict[str, Any],
    *,
    status_code: int = 200,
    principal: Principal | None = None,
    token: str | None = None,
) -> HTMLResponse:
    lang = _language(request)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    base = {
        "lang": lang,
        "languages": LANGUAGES,
        "t": translator(lang),
        "explain": lambda rule, case_id=None, version=None: explanation(
            rule, lang, case_id, version
        ),
        "life_event": lambda case_id: life_event_title(case_id, lang),
        "event_title": lambda kind: event_title(kind, lang),
        "principal": principal,
        "csrf": _csrf(token) if token else "",
        "here": quote(here, safe="/?=&"),
        "municipalities": MUNICIPALITIES,
    }
    return templates.TemplateResponse(request, name, {**base, **context}, status_code=status_code)


def _login_redirect() -> RedirectResponse:
    return RedirectResponse("/ui/login", status_code=303)


def _forbidden(request: Request, principal: Principal, token: str, detail: str) -> HTMLResponse:
    return _render(
        request,
        "error.html",
        {"title_key": "forbidden", "detail": detail},
        status_code=403,
        principal=principal,
        token=token,
    )


@router.get("/login", response_class=HTMLResponse)
async def login_page(request: Request) -> HTMLResponse:
    """The login form: paste a token."""
    return _render(request, "login.html", {"error": None})


@router.post("/login", response_model=None)
async def login(
    request: Request, settings: SettingsDep, token: Annotated[str, Form()] = ""
) -> Response:
    """Check the pasted token and keep it in an HttpOnly cookie."""
    token = token.strip()
    try:
        verify_token(settings, token)
    except TokenError:
        return _render(request, "login.html", {"error": "login.invalid"}, status_code=401)
    response = RedirectResponse("/ui/", status_code=303)
    response.set_cookie(
        TOKEN_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/ui",
        max_age=12 * 3600,
    )
    return response


@router.post("/logout")
async def logout() -> RedirectResponse:
    """Forget the token."""
    response = _login_redirect()
    response.delete_cookie(TOKEN_COOKIE, path="/ui")
    return response


@router.get("/lang/{lang}")
async def set_language(lang: str, next: Annotated[str, Query()] = "/ui/") -> RedirectResponse:
    """Switch the page's language (kept in a cookie)."""
    target = next if next.startswith("/ui/") else "/ui/"
    response = RedirectResponse(target, status_code=303)
    if lang in LANGUAGES:
        response.set_cookie(LANG_COOKIE, lang, samesite="lax", path="/ui", max_age=365 * 24 * 3600)
    return response


def _rules() -> list[str]:
    """Every rule of every life event, once, in the list's and the tables' order, then the
    rules every case shares."""
    tables = [*(event.rules for event in LIFE_EVENTS), SHARED_RULES]
    return list(dict.fromkeys(rule.id for table in tables for rule in table))


def _flag(value: str | None) -> bool | None:
    return True if value in ("1", "true", "on") else None


@router.get("/", response_class=HTMLResponse, response_model=None)
async def inbox(
    request: Request,
    settings: SettingsDep,
    engine: EngineDep,
    status: Annotated[str | None, Query()] = "pending",
    rule: Annotated[str | None, Query()] = None,
    risk: Annotated[str | None, Query()] = None,
    due_before: Annotated[str | None, Query()] = None,
    overdue: Annotated[str | None, Query()] = None,
    mine: Annotated[str | None, Query()] = None,
    escalated: Annotated[str | None, Query()] = None,
) -> Response:
    """The inbox: counts, filters and the gates of the caller's scope."""
    session = _principal(request, settings)
    if session is None:
        return _login_redirect()
    principal, token = session
    rules = _rules()
    filters: dict[str, Any] = {
        "status": status if status in {s.value for s in GateStatus} else None,
        "rule": rule if rule in rules else None,
        "risk": risk if risk in {r.value for r in Risk} else None,
        "overdue": _flag(overdue),
        "mine": _flag(mine),
        "escalated": _flag(escalated),
    }
    if due_before:
        try:
            filters["due_before"] = datetime.fromisoformat(due_before).replace(tzinfo=AMSTERDAM)
        except ValueError:
            due_before = None
    try:
        counts = await service.counts(engine, principal)
        tasks = await service.list_tasks(engine, principal, **filters)
    except Problem as p:
        return _forbidden(request, principal, token, p.detail or p.title)
    return _render(
        request,
        "inbox.html",
        {
            "counts": counts,
            "tasks": tasks,
            "filters": {**filters, "status": status or "", "due_before": due_before or ""},
            "rules": rules,
            "statuses": [s.value for s in GateStatus],
            "risks": [r.value for r in Risk],
            "count_links": _count_links(),
        },
        principal=principal,
        token=token,
    )


def _count_links() -> dict[str, str]:
    def link(**params: str) -> str:
        return "/ui/?" + urlencode(params)

    return {
        "pending": link(status="pending"),
        "overdue": link(status="pending", overdue="1"),
        "escalated": link(status="pending", escalated="1"),
        "mine": link(status="pending", mine="1"),
        "unclaimed": link(status="pending"),
        "approved": link(status="approved"),
        "rejected": link(status="rejected"),
    }


async def _gate_page(
    request: Request,
    engine: EngineDep,
    temporal: TemporalDep,
    principal: Principal,
    token: str,
    gate_id: str,
    *,
    message: str | None = None,
    error: str | None = None,
    status_code: int = 200,
    reason: str = "",
) -> HTMLResponse:
    try:
        task = await service.get_task(engine, principal, gate_id)
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
    case = await service.case_state(temporal, task.case_id)
    # A step a registry refused is decided while the case is executing.
    may_decide = (
        principal.role in service.DECIDERS
        and task.status == GateStatus.PENDING
        and (case is None or case.status in OPEN_FOR_DECISIONS)
    )
    may_cancel = (
        principal.role in service.DECIDERS
        and case is not None
        and case.status in CANCELLABLE
        and case.cancellation is None
    )
    return _render(
        request,
        "gate.html",
        {
            "task": task,
            "case": case,
            "may_decide": may_decide,
            "may_cancel": may_cancel,
            "choices": [c.value for c in StepFailureChoice],
            "reader_only": principal.role not in service.DECIDERS,
            "already_decided_by_me": any(d.get("actor") == principal.sub for d in task.decisions),
            "message": message,
            "error": error,
            "reason": reason,
        },
        status_code=status_code,
        principal=principal,
        token=token,
    )


@router.get("/gates/{gate_id}", response_class=HTMLResponse, response_model=None)
async def gate_page(
    gate_id: str,
    request: Request,
    settings: SettingsDep,
    engine: EngineDep,
    temporal: TemporalDep,
    done: Annotated[str | None, Query()] = None,
) -> Response:
    """One gate: evidence, facts, the agent's summary and rationale, rules, timeline, forms."""
    session = _principal(request, settings)
    if session is None:
        return _login_redirect()
    principal, token = session
    message = f"done.{done}" if done in DONE_MESSAGES else None
    return await _gate_page(request, engine, temporal, principal, token, gate_id, message=message)


async def _act(
    request: Request,
    settings: Settings,
    engine: EngineDep,
    temporal: TemporalDep,
    gate_id: str,
    csrf: str,
    done: str,
    action: Any,
    reason: str = "",
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
        return await _gate_page(
            request,
            engine,
            temporal,
            principal,
            token,
            gate_id,
            error=p.detail or p.title,
            status_code=p.status,
            reason=reason,
        )
    return RedirectResponse(f"/ui/gates/{quote(gate_id)}?done={done}#message", status_code=303)


@router.post("/gates/{gate_id}/decision", response_model=None)
async def decide(
    gate_id: str,
    request: Request,
    settings: SettingsDep,
    engine: EngineDep,
    temporal: TemporalDep,
    decision: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
    text: Annotated[str | None, Form()] = None,
    csrf: Annotated[str, Form()] = "",
) -> Response:
    """Approve or reject with a reason, through the same code as the API.

    On a `step_failure` gate the form's `decision` is the choice (`retry`, `done_by_hand`,
    `reject_rest`); on a `letter_review` gate `text` is the letter as the caseworker left it,
    sent as their own text only when they changed it.
    """

    async def action(principal: Principal) -> None:
        choice: StepFailureChoice | None = None
        if decision in {c.value for c in StepFailureChoice}:
            choice = StepFailureChoice(decision)
            kind = (
                DecisionKind.REJECT
                if choice is StepFailureChoice.REJECT_REST
                else DecisionKind.APPROVE
            )
        elif decision in {d.value for d in DecisionKind}:
            kind = DecisionKind(decision)
        else:
            raise Problem(422, "Invalid request", "Choose what to do with the gate.")
        edited = await _edited_letter(engine, principal, gate_id, text)
        await service.decide(
            engine,
            temporal,
            principal,
            gate_id,
            decision=kind,
            reason=reason,
            choice=choice,
            text=edited,
        )

    return await _act(request, settings, engine, temporal, gate_id, csrf, "decided", action, reason)


@router.post("/gates/{gate_id}/claim", response_model=None)
async def claim(
    gate_id: str,
    request: Request,
    settings: SettingsDep,
    engine: EngineDep,
    temporal: TemporalDep,
    release: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
) -> Response:
    """Take the gate, or release it."""
    let_go = release == "1"

    async def action(principal: Principal) -> None:
        await service.claim(engine, temporal, principal, gate_id, release=let_go)

    done = "released" if let_go else "claimed"
    return await _act(request, settings, engine, temporal, gate_id, csrf, done, action)


@router.post("/gates/{gate_id}/comments", response_model=None)
async def add_comment(
    gate_id: str,
    request: Request,
    settings: SettingsDep,
    engine: EngineDep,
    temporal: TemporalDep,
    text: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
) -> Response:
    """Add a note."""

    async def action(principal: Principal) -> None:
        await service.comment(engine, temporal, principal, gate_id, text=text)

    return await _act(request, settings, engine, temporal, gate_id, csrf, "commented", action)


async def _edited_letter(
    engine: EngineDep, principal: Principal, gate_id: str, text: str | None
) -> str | None:
    """The letter a caseworker wrote in the form, or None when they left the proposal as it
    was (a browser sends a textarea's lines ended by CR LF)."""
    if text is None:
        return None
    written = text.replace("\r\n", "\n").strip()
    task = await service.get_task(engine, principal, gate_id)
    proposed = str(task.evidence.get("proposed") or "").strip()
    return None if not written or written == proposed else written


@router.post("/gates/{gate_id}/cancel", response_model=None)
async def cancel_case(
    gate_id: str,
    request: Request,
    settings: SettingsDep,
    engine: EngineDep,
    temporal: TemporalDep,
    reason: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
) -> Response:
    """Cancel the gate's case, with a reason (the citizen is told), before its steps run."""

    async def action(principal: Principal) -> None:
        task = await service.get_task(engine, principal, gate_id)
        service.require_decider(principal)
        await service.cancel_case(temporal, principal, task.case_id, reason=reason)

    return await _act(
        request, settings, engine, temporal, gate_id, csrf, "cancelled", action, reason
    )


@router.get("", include_in_schema=False)
async def ui_root() -> RedirectResponse:
    """`/ui` without the slash."""
    return RedirectResponse("/ui/", status_code=308)
