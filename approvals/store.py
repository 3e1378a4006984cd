"""Keyword-only functions over the approvals store (cases, subjects, intake keys, gates)."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from approvals.models import ApprovalTask, CaseRecord, CaseSubject, IntakeKey, OpenCase


def find_intake(session: Session, *, owner: str, key: str) -> IntakeKey | None:
    """The intake row of an `Idempotency-Key` sent by `owner`, if any."""
    return session.get(IntakeKey, (owner, key))


def open_case_of(session: Session, *, subject_key: str, type: str) -> str | None:
    """The open case of type `type` reported by `subject_key`, if any."""
    row = session.get(OpenCase, (subject_key, type))
    return row.case_id if row else None


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

    Returns:
        None when recorded; otherwise the id of the reporter's case that is already open
        (nothing is recorded then).
    """
    session.add(OpenCase(subject_key=reporter_key, type=type, case_id=case_id))
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        return open_case_of(session, subject_key=reporter_key, type=type) or ""
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
    """Store a case's latest status; a terminal case releases its reporter's open-case claim."""
    record = session.get(CaseRecord, case_id)
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


def upsert_approval(session: Session, *, gate_id: str, now: datetime, **fields: Any) -> None:
    """Create or update the approval task `gate_id` with `fields`."""
    task = session.get(ApprovalTask, gate_id)
    if task is None:
        task = ApprovalTask(gate_id=gate_id, created_at=now, updated_at=now, **fields)
    else:
        for name, value in fields.items():
            setattr(task, name, value)
        task.updated_at = now
    session.add(task)
    session.commit()


def list_approvals(
    session: Session,
    *,
    municipality: str | None = None,
    status: str | None = None,
    case_id: str | None = None,
) -> Sequence[ApprovalTask]:
    """Approval tasks, oldest first, filtered by municipality, status and case."""
    query = select(ApprovalTask)
    if municipality is not None:
        query = query.where(ApprovalTask.municipality == municipality)
    if status is not None:
        query = query.where(ApprovalTask.status == status)
    if case_id is not None:
        query = query.where(ApprovalTask.case_id == case_id)
    return session.exec(
        query.order_by(col(ApprovalTask.created_at), col(ApprovalTask.gate_id))
    ).all()


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
