"""Keyword-only functions over the approvals store (cases, subjects, intake keys, gates)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, delete, func, not_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from approvals.models import (
    ApprovalTask,
    CaseRecord,
    CaseSubject,
    InboxCounts,
    IntakeKey,
    OpenCase,
)

PENDING = "pending"


def _aware(moment: datetime) -> datetime:
    # SQLite hands datetimes back without their zone; the store writes them in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _is_older(moment: datetime, than: datetime) -> bool:
    return _aware(moment) < _aware(than)


def find_intake(session: Session, *, owner: str, key: str) -> IntakeKey | None:
    """The intake row of an `Idempotency-Key` sent by `owner`, if any."""
    return session.get(IntakeKey, (owner, key))


def open_case_of(session: Session, *, subject_key: str, type: str) -> str | None:
    """The open case of type `type` reported by `subject_key`, if any."""
    row = session.get(OpenCase, (subject_key, type))
    return row.case_id if row else None


class OpenCaseContention(RuntimeError):
    """The reporter's open-case claim was taken and released again at every try."""


_CLAIM_ATTEMPTS = 5
"""Tries at the reporter's open-case claim while another case releases it."""


def register_case(
    session: Session,
    *,
    case_id: str,
    type: str,
    status: str,
    reporter_key: str,
    other_keys: Sequence[str],
    owner: str,
    idempotency_key: str,
    body_hash: str,
    now: datetime,
) -> str | None:
    """Record a new case, its subjects, its intake key and its reporter's open-case claim.

    The reporter's open case may close between the failed claim and the look-up of who holds
    it (its workflow projects `completed` in that instant): the claim is then tried again, so
    the answer is either recorded or a case that really is open, never a conflict naming no
    case.

    Returns:
        None when recorded; otherwise the id of the reporter's case that is already open
        (nothing is recorded then).
    """
    for _ in range(_CLAIM_ATTEMPTS):
        session.add(OpenCase(subject_key=reporter_key, type=type, case_id=case_id))
        try:
            session.flush()
            break
        except IntegrityError:
            session.rollback()
            if open_id := open_case_of(session, subject_key=reporter_key, type=type):
                return open_id
    else:
        raise OpenCaseContention("the reporter's open-case claim kept changing; try again")
    session.add(
        CaseRecord(case_id=case_id, type=type, status=status, created_at=now, updated_at=now)
    )
    session.flush()
    session.add(CaseSubject(case_id=case_id, subject_key=reporter_key, reporter=True))
    for key in dict.fromkeys(other_keys):
        if key != reporter_key:
            session.add(CaseSubject(case_id=case_id, subject_key=key))
    session.add(
        IntakeKey(
            owner=owner, key=idempotency_key, body_hash=body_hash, case_id=case_id, created_at=now
        )
    )
    session.commit()
    return None


def unregister_case(session: Session, *, case_id: str) -> None:
    """Remove every row of a case whose workflow could not be started."""
    for model in (OpenCase, IntakeKey, CaseSubject):
        for row in session.exec(select(model).where(col(model.case_id) == case_id)).all():
            session.delete(row)
    record = session.get(CaseRecord, case_id)
    if record:
        session.delete(record)
    session.commit()


def project_case(
    session: Session,
    *,
    case_id: str,
    type: str,
    status: str,
    municipality: str | None,
    terminal: bool,
    now: datetime,
) -> None:
    """Store a case's latest status; a terminal case releases its reporter's open-case claim.

    A projection older than the stored row (a retried activity that arrives late) changes
    nothing: the row keeps the newer status.
    """
    record = session.get(CaseRecord, case_id)
    if record is not None and _is_older(now, record.updated_at):
        return
    if record is None:
        record = CaseRecord(
            case_id=case_id, type=type, status=status, created_at=now, updated_at=now
        )
    record.status = status
    record.municipality = municipality
    record.updated_at = now
    session.add(record)
    if terminal:
        for row in session.exec(select(OpenCase).where(OpenCase.case_id == case_id)).all():
            session.delete(row)
    session.commit()


def upsert_approval(
    session: Session,
    *,
    gate_id: str,
    now: datetime,
    created_at: datetime | None = None,
    commit: bool = True,
    **fields: Any,
) -> None:
    """Create or update the approval task `gate_id` with `fields`.

    Args:
        session: A session on the store.
        gate_id: The gate.
        now: When the workflow projected it (the row's `updated_at`).
        created_at: When the gate was raised; kept from the first projection.
        commit: Commit now (False: the caller commits, as a rebuild does once).
        **fields: The other columns.

    A projection older than the stored row (a retried activity that arrives late) changes
    nothing.
    """
    task = session.get(ApprovalTask, gate_id)
    if task is not None and _is_older(now, task.updated_at):
        return
    if task is None:
        task = ApprovalTask(gate_id=gate_id, created_at=created_at or now, updated_at=now, **fields)
    else:
        for name, value in fields.items():
            setattr(task, name, value)
        task.updated_at = now
    session.add(task)
    if commit:
        session.commit()


@dataclass(frozen=True)
class InboxFilter:
    """Filters of the inbox; every field left None filters nothing.

    Attributes:
        municipality: Only gates of this municipality (the caller's scope).
        status: `pending`, `approved`, `rejected` or `cancelled`.
        rule: The policy rule that raised the gate.
        risk: `normal` or `high`.
        due_before: Due at or before this moment.
        overdue: True: pending and past due; False: not overdue.
        escalated: Escalated (past the deadline, for supervisors) or not.
        claimed_by: Taken by this caseworker ("assigned to me").
        unclaimed: True: taken by nobody.
        case_id: The gates of one case.
    """

    municipality: str | None = None
    status: str | None = None
    rule: str | None = None
    risk: str | None = None
    due_before: datetime | None = None
    overdue: bool | None = None
    escalated: bool | None = None
    claimed_by: str | None = None
    unclaimed: bool | None = None
    case_id: str | None = None


def _utc(value: datetime) -> datetime:
    """`value` with a zone (a naive value is taken as UTC): the store compares aware times."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _filtered(query: Any, f: InboxFilter, now: datetime) -> Any:
    task = ApprovalTask
    now = _utc(now)
    if f.municipality is not None:
        query = query.where(task.municipality == f.municipality)
    if f.status is not None:
        query = query.where(task.status == f.status)
    if f.rule is not None:
        query = query.where(task.rule == f.rule)
    if f.risk is not None:
        query = query.where(task.risk == f.risk)
    if f.due_before is not None:
        query = query.where(col(task.due_at) <= _utc(f.due_before))
    if f.overdue is not None:
        is_overdue = and_(col(task.status) == PENDING, col(task.due_at) <= now)
        query = query.where(is_overdue if f.overdue else not_(is_overdue))
    if f.escalated is not None:
        query = query.where(task.escalated == f.escalated)
    if f.claimed_by is not None:
        query = query.where(task.claimed_by == f.claimed_by)
    if f.unclaimed is not None:
        query = query.where(
            col(task.claimed_by).is_(None) if f.unclaimed else col(task.claimed_by).is_not(None)
        )
    if f.case_id is not None:
        query = query.where(task.case_id == f.case_id)
    return query


def list_approvals(
    session: Session,
    filters: InboxFilter | None = None,
    *,
    now: datetime | None = None,
    limit: int = 500,
    **kwargs: Any,
) -> Sequence[ApprovalTask]:
    """Approval tasks, soonest due first (then oldest), filtered by `filters`.

    Args:
        session: A session on the store.
        filters: The filters; keyword arguments build one when it is None.
        now: The current time, for `overdue`.
        limit: At most this many tasks.
        **kwargs: Fields of an `InboxFilter`.
    """
    f = filters or InboxFilter(**kwargs)
    query = _filtered(select(ApprovalTask), f, now or datetime.now(UTC))
    tasks: Sequence[ApprovalTask] = session.exec(
        query.order_by(
            col(ApprovalTask.due_at).is_(None),
            col(ApprovalTask.due_at),
            col(ApprovalTask.created_at),
            col(ApprovalTask.gate_id),
        ).limit(limit)
    ).all()
    return tasks


def inbox_counts(
    session: Session, *, municipality: str | None, me: str, now: datetime
) -> InboxCounts:
    """How many tasks of a scope are pending, overdue, escalated, mine, decided."""
    base = InboxFilter(municipality=municipality)
    rows = session.exec(
        _filtered(
            select(ApprovalTask.status, func.count()).group_by(ApprovalTask.status), base, now
        )
    ).all()
    counts = InboxCounts(**{str(status): int(n) for status, n in rows})

    def count(**kw: Any) -> int:
        f = InboxFilter(municipality=municipality, status=PENDING, **kw)
        return int(session.exec(_filtered(select(func.count()), f, now)).one())

    counts.overdue = count(overdue=True)
    counts.escalated = count(escalated=True)
    counts.mine = count(claimed_by=me)
    counts.unclaimed = count(unclaimed=True)
    return counts


def get_approval(session: Session, *, gate_id: str) -> ApprovalTask | None:
    """One approval task."""
    return session.get(ApprovalTask, gate_id)


def list_cases(
    session: Session,
    *,
    subject_key: str | None = None,
    municipality: str | None = None,
    status: str | None = None,
    type: str | None = None,
    limit: int = 100,
) -> Sequence[CaseRecord]:
    """Cases, newest first, filtered by subject, municipality, status and type."""
    query = select(CaseRecord)
    if subject_key is not None:
        query = query.join(CaseSubject).where(CaseSubject.subject_key == subject_key)
    if municipality is not None:
        query = query.where(CaseRecord.municipality == municipality)
    if status is not None:
        query = query.where(CaseRecord.status == status)
    if type is not None:
        query = query.where(CaseRecord.type == type)
    return session.exec(query.order_by(col(CaseRecord.created_at).desc()).limit(limit)).all()


def case_subject_keys(session: Session, *, case_id: str) -> set[str]:
    """The keyed hashes of the people a case is about."""
    rows = session.exec(select(CaseSubject).where(CaseSubject.case_id == case_id)).all()
    return {r.subject_key for r in rows}


def wipe_projection(session: Session, *, commit: bool = True) -> None:
    """Delete every projected row (gates, cases, subjects, open cases); intake keys stay.

    Intake keys are the API's own record of the `Idempotency-Key`s it accepted, not a
    projection of a workflow, so a rebuild keeps them.
    """
    for model in (ApprovalTask, OpenCase, CaseSubject, CaseRecord):
        session.execute(delete(model))
    if commit:
        session.commit()


def restore_case(
    session: Session,
    *,
    case_id: str,
    type: str,
    status: str,
    municipality: str | None,
    reporter_key: str,
    other_keys: Sequence[str],
    open: bool,
    created_at: datetime,
    updated_at: datetime,
    commit: bool = True,
) -> None:
    """Write a case, its subjects and its open-case claim as a rebuild found them."""
    record = session.get(CaseRecord, case_id) or CaseRecord(
        case_id=case_id, type=type, status=status, created_at=created_at, updated_at=updated_at
    )
    record.status = status
    record.municipality = municipality
    record.created_at = created_at
    record.updated_at = updated_at
    session.add(record)
    session.flush()
    keys = {reporter_key: True, **{k: False for k in other_keys if k != reporter_key}}
    for key, reporter in keys.items():
        if session.get(CaseSubject, (case_id, key)) is None:
            session.add(CaseSubject(case_id=case_id, subject_key=key, reporter=reporter))
    if open and session.get(OpenCase, (reporter_key, type)) is None:
        session.add(OpenCase(subject_key=reporter_key, type=type, case_id=case_id))
    session.flush()
    if commit:
        session.commit()
