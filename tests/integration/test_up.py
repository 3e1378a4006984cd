"""`burgerflow up` starts the whole embedded stack and stops every child on SIGTERM."""

import json
import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from burgerflow.stack import free_port

pytestmark = pytest.mark.integration


def _env(tmp_path, ports):
    env = dict(os.environ)
    env.update(
        {
            "BURGERFLOW_HOME": str(tmp_path / "home"),
            "BURGERFLOW_TEMPORAL_ADDRESS": f"127.0.0.1:{ports['temporal']}",
            "BURGERFLOW_TEMPORAL_UI_PORT": str(ports["ui"]),
            "BURGERFLOW_API_PORT": str(ports["api"]),
            "BURGERFLOW_MOCKS_PORT": str(ports["mocks"]),
        }
    )
    return env


def _read_until(proc, marker, timeout):
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            if proc.poll() is not None:
                break
            continue
        seen.append(line)
        if marker in line:
            return "".join(seen)
    raise AssertionError(f"{marker!r} not printed within {timeout} s:\n{''.join(seen)}")


def _get_or_explain(proc, url):
    """GET `url`; when nothing answers, fail with what the stack printed (a child that died)."""
    try:
        return httpx.get(url)
    except httpx.ConnectError as e:
        proc.terminate()
        rest, _ = proc.communicate(timeout=30)
        raise AssertionError(f"{url} refused the connection; the stack printed:\n{rest}") from e


def _example_commands(banner: str) -> tuple[str, str]:
    """The `export TOKEN=...` line and the first curl command of the banner, as printed."""
    lines = banner.splitlines()
    export = next(line.strip() for line in lines if line.strip().startswith("export TOKEN="))
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("curl -s -X POST"))
    end = next(i for i in range(start, len(lines)) if lines[i].rstrip().endswith("}'"))
    return export, "\n".join(lines[start : end + 1])


def _the_printed_example_completes(banner: str, api: str) -> None:
    export, curl = _example_commands(banner)
    run = subprocess.run(
        ["bash", "-c", f"{export}\n{curl}"], capture_output=True, text=True, timeout=30
    )
    assert run.returncode == 0, run.stderr
    case_id = json.loads(run.stdout)["case_id"]
    token = export.split("=", 1)[1]
    deadline = time.monotonic() + 60
    status = None
    while time.monotonic() < deadline and status != "completed":
        response = httpx.get(
            f"{api}/v1/cases/{case_id}", headers={"Authorization": f"Bearer {token}"}
        )
        status = response.json().get("status")
        time.sleep(0.3)
    assert status == "completed"


def test_up_serves_every_piece_and_stops_cleanly(tmp_path):
    ports = {name: free_port() for name in ("temporal", "ui", "api", "mocks")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "burgerflow", "up"],
        env=_env(tmp_path, ports),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        started = time.monotonic()
        banner = _read_until(proc, "Press Ctrl-C to stop", timeout=120)
        startup_s = time.monotonic() - started
        assert f"http://127.0.0.1:{ports['api']}" in banner
        assert f"http://127.0.0.1:{ports['ui']}" in banner
        assert "export TOKEN=" in banner
        assert f"http://127.0.0.1:{ports['api']}/ui/" in banner
        api = f"http://127.0.0.1:{ports['api']}"
        assert _get_or_explain(proc, f"{api}/healthz").json()["status"] == "ok"
        ready = httpx.get(f"{api}/readyz")
        assert ready.status_code == 200, ready.text
        assert ready.json()["checks"] == {"temporal": "ok", "database": "ok"}
        mocks = httpx.get(f"http://127.0.0.1:{ports['mocks']}/healthz")
        assert mocks.status_code == 200
        assert httpx.get(f"{api}/ui/", follow_redirects=True).status_code == 200
        ui = httpx.get(f"http://127.0.0.1:{ports['ui']}/", follow_redirects=True)
        assert ui.status_code == 200
        assert (tmp_path / "home" / "temporal.db").exists()
        print(f"burgerflow up ready in {startup_s:.1f} s")
        _the_printed_example_completes(banner, api)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, out
    assert "Stopped." in out
    for port in ports.values():
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"http://127.0.0.1:{port}/", timeout=2)


def test_up_with_a_taken_port_says_which_setting_to_change(tmp_path):
    ports = {name: free_port() for name in ("temporal", "ui", "api", "mocks")}
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", ports["api"]))
        taken.listen()
        run = subprocess.run(
            [sys.executable, "-m", "burgerflow", "up"],
            env=_env(tmp_path, ports),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert run.returncode == 1
    assert f"port {ports['api']}" in run.stderr and "BURGERFLOW_API_PORT" in run.stderr
    assert not (tmp_path / "home" / "temporal.db").exists()
