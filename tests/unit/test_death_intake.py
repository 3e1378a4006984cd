"""The funeral director's token and the report of a death's body and intake checks."""

from datetime import date

import pytest
from pydantic import ValidationError

from burgerflow.cli import main
from burgerflow.core.auth import issue_token, verify_token
from burgerflow.core.constants import Role
from burgerflow.core.settings import Settings
from workflows.death.report import DeathReport, check_report

TODAY = date(2026, 3, 10)


def _body(**changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "type": "death",
        "bsn": "999990019",
        "deceased": {"geslachtsnaam": "Jansen", "geboortedatum": "1941-03-02"},
        "date_of_death": "2026-03-09",
        "place_of_death": "0363",
        "manner": "natural",
        "documents": {"verklaring_van_overlijden": True, "verklaring_van_geen_bezwaar": False},
        "disposal": {"kind": "cremeren", "date": "2026-03-13"},
    }
    body.update(changes)
    return body


def test_a_funeral_director_token_names_the_undertaker(tmp_path) -> None:
    settings = Settings(home=tmp_path)
    with pytest.raises(ValueError, match="--organisation"):
        issue_token(settings, role=Role.FUNERAL_DIRECTOR, sub="fd-1")
    with pytest.raises(ValueError, match="--sub"):
        issue_token(settings, role=Role.FUNERAL_DIRECTOR, organisation="De Linde")
    token = issue_token(
        settings, role=Role.FUNERAL_DIRECTOR, sub="fd-1", organisation="Uitvaartzorg De Linde"
    )
    principal = verify_token(settings, token)
    assert principal.role is Role.FUNERAL_DIRECTOR
    assert (principal.sub, principal.organisation) == ("fd-1", "Uitvaartzorg De Linde")


def test_cli_token_for_a_funeral_director(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("BURGERFLOW_HOME", str(tmp_path))
    args = ["token", "--role", "funeral_director", "--sub", "fd-1"]
    assert main([*args, "--organisation", "De Linde"]) == 0
    principal = verify_token(Settings(home=tmp_path), capsys.readouterr().out.strip())
    assert principal.organisation == "De Linde"
    assert main(args) == 2


def test_the_design_example_body_is_accepted() -> None:
    report = DeathReport.model_validate(_body())
    assert check_report(report, TODAY) == []
    assert report.deceased.geslachtsnaam == "Jansen"


def test_times_are_written_hh_mm() -> None:
    report = DeathReport.model_validate(_body(time_of_death="22:15"))
    assert report.time_of_death is not None and report.time_of_death.hour == 22
    for bad in ("9:00", "24:00", "22:15:00", 2215):
        with pytest.raises(ValidationError):
            DeathReport.model_validate(_body(time_of_death=bad))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"place_of_death": "363"}, "place_of_death"),
        ({"manner": "unknown"}, "manner"),
        ({"disposal": {"kind": "verstrooien", "date": "2026-03-13"}}, "kind"),
        ({"deceased": {"geslachtsnaam": " ", "geboortedatum": "1941-03-02"}}, "geslachtsnaam"),
        ({"bsn": "123456789"}, "bsn"),
        ({"date_of_death": "9-3-2026"}, "date_of_death"),
        ({"extra": True}, "extra"),
    ],
)
def test_the_body_names_each_bad_field(changes: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        DeathReport.model_validate(_body(**changes))
    assert field in {str(part) for e in caught.value.errors() for part in e["loc"]}


@pytest.mark.parametrize(
    ("changes", "names"),
    [
        ({"date_of_death": "2026-03-11"}, ["date_of_death"]),
        ({"date_of_death": "1940-01-01", "disposal": {"kind": "begraven", "date": "1940-01-05"}},
         ["date_of_death"]),
        ({"documents": {}}, ["documents.verklaring_van_overlijden"]),
        ({"manner": "non_natural"}, ["documents.verklaring_van_geen_bezwaar"]),
        ({"manner": "non_natural", "documents": {"verklaring_van_geen_bezwaar": True}}, []),
        ({"disposal": {"kind": "begraven", "date": "2026-03-08"}}, ["disposal.date"]),
        ({"date_of_death": "2026-03-10"}, []),
    ],
)  # fmt: skip
def test_intake_checks_name_each_field(changes: dict[str, object], names: list[str]) -> None:
    report = DeathReport.model_validate(_body(**changes))
    assert [p.name for p in check_report(report, TODAY)] == names
