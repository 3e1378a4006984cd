"""Unit tests of the foundation: BSN check, settings, dev tokens, CLI and port checks."""

import socket
import stat

import pytest

from burgerflow.cli import main
from burgerflow.core.auth import TokenError, issue_token, verify_token
from burgerflow.core.bsn import bsn_check_digit, is_valid_bsn
from burgerflow.core.constants import Role
from burgerflow.core.settings import Settings
from burgerflow.stack import StackError, check_port_free, temporal_dev_server_args


@pytest.mark.parametrize("bsn", ["999993653", "999990019", "999990020", "999990032"])
def test_valid_bsns_pass_the_11_proef(bsn):
    assert is_valid_bsn(bsn)


@pytest.mark.parametrize("bsn", ["999993654", "123456789", "12345678", "99999365a", "000000000"])
def test_invalid_bsns_fail(bsn):
    assert not is_valid_bsn(bsn)


def test_check_digit_completes_a_bsn():
    digit = bsn_check_digit("99999365")
    assert digit == 3
    assert is_valid_bsn(f"99999365{digit}")


def test_settings_read_burgerflow_env(monkeypatch, tmp_path):
    monkeypatch.setenv("BURGERFLOW_API_PORT", "9123")
    monkeypatch.setenv("BURGERFLOW_HOME", str(tmp_path))
    monkeypatch.setenv("BURGERFLOW_DATABASE_URL", "postgresql://127.0.0.1/test")
    s = Settings()
    assert s.api_port == 9123
    assert s.resolved_home == tmp_path
    assert s.resolved_database_url == "postgresql://127.0.0.1/test"
    assert s.resolved_mocks_database_url == f"sqlite:///{tmp_path / 'registries.db'}"


def test_dev_key_is_generated_once_and_private(tmp_path):
    settings = Settings(home=tmp_path)
    token = issue_token(settings, role=Role.AUDITOR, sub="a1")
    key_file = tmp_path / "jwt-dev.key"
    assert key_file.exists()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    principal = verify_token(Settings(home=tmp_path), token)
    assert principal.role is Role.AUDITOR and principal.sub == "a1"


def test_token_from_another_key_is_refused(tmp_path):
    token = issue_token(Settings(home=tmp_path / "a"), role=Role.AUDITOR)
    with pytest.raises(TokenError):
        verify_token(Settings(home=tmp_path / "b"), token)


def test_role_claims_are_required(tmp_path):
    settings = Settings(home=tmp_path)
    with pytest.raises(ValueError, match="11-proef"):
        issue_token(settings, role=Role.CITIZEN, bsn="123456789")
    with pytest.raises(ValueError, match="gemeentecode"):
        issue_token(settings, role=Role.CASEWORKER)
    token = issue_token(settings, role=Role.CASEWORKER, sub="cw1", municipality="0363")
    assert verify_token(settings, token).municipality == "0363"


def test_cli_token_prints_a_verifiable_token(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BURGERFLOW_HOME", str(tmp_path))
    assert main(["token", "--role", "citizen", "--bsn", "999993653"]) == 0
    token = capsys.readouterr().out.strip()
    principal = verify_token(Settings(home=tmp_path), token)
    assert principal.role is Role.CITIZEN and principal.bsn == "999993653"
    assert main(["token", "--role", "citizen", "--bsn", "999993654"]) == 2
    assert "11-proef" in capsys.readouterr().err


def test_taken_port_gives_a_clear_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        with pytest.raises(StackError, match=f"port {port}.*BURGERFLOW_API_PORT"):
            check_port_free("127.0.0.1", port, "BURGERFLOW_API_PORT")


def test_dev_server_is_persisted_under_home(tmp_path):
    args = temporal_dev_server_args(Settings(home=tmp_path), port=7999, ui_port=8999)
    assert args[1:3] == ["server", "start-dev"]
    assert args[args.index("--db-filename") + 1] == str(tmp_path / "temporal.db")
    assert args[args.index("--ui-port") + 1] == "8999"
    assert "BurgerflowStatus=Keyword" in args
