"""A whole burgerflow stack as separate local processes on free ports, in one home folder.

`burgerflow bench` measures it and the reliability tests break it: each piece (the Temporal
dev server persisted to `temporal.db`, the registry mocks, the API, any number of workers) is
a child process started with the same `BURGERFLOW_*` settings as `burgerflow up` would give
it, so a worker can be SIGKILLed and Temporal stopped and started again on its file.
Everything listens on 127.0.0.1 only.
"""

import asyncio
import contextlib
import signal
import subprocess
import sys
import uuid
from pathlib import Path

from temporalio.api.workflowservice.v1 import DescribeNamespaceRequest
from temporalio.service import RPCError

from burgerflow.core.settings import Settings
from burgerflow.stack import (
    Child,
    Stack,
    StackError,
    free_port,
    temporal_dev_server_args,
    wait_http_ok,
    wait_temporal,
)
from workflows.client import connect

HOST = "127.0.0.1"


def baseline_worker_args(task_queue: str) -> list[str]:
    """Command line of the bare baseline's worker on `task_queue`."""
    return [sys.executable, "-m", "burgerflow.bench.baseline", "--task-queue", task_queue]


def peer_worker_args(task_queue: str) -> list[str]:
    """Command line of the hand-written peer's worker on `task_queue`."""
    return [sys.executable, "-m", "burgerflow.bench.peer", "--task-queue", task_queue]


async def wait_namespace(settings: Settings, *, timeout: float) -> None:
    """Wait until Temporal serves the settings' namespace (a moment after its port opens)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    request = DescribeNamespaceRequest(namespace=settings.temporal_namespace)
    while True:
        try:
            client = await connect(settings)
            await client.workflow_service.describe_namespace(request)
            return
        except (RPCError, RuntimeError):
            if loop.time() > deadline:
                raise
            await asyncio.sleep(0.25)


class LocalStack:
    """The pieces of one local stack, started and stopped one by one.

    Attributes:
        settings: The stack's settings, as its children read them.
        env: The `BURGERFLOW_*` variables each child gets.
        stack: The children, with their logs under `home/logs`.
    """

    def __init__(self, home: Path, *, task_queue: str | None = None) -> None:
        """Choose free ports and settings for a stack living in `home`.

        Args:
            home: The stack's home folder (Temporal's file, SQLite files, dev keys, logs).
            task_queue: The workers' task queue; a fresh one when None.
        """
        home.mkdir(parents=True, exist_ok=True)
        self.temporal_port = free_port(HOST)
        api_port, mocks_port = free_port(HOST), free_port(HOST)
        queue = task_queue or f"burgerflow-{uuid.uuid4().hex[:8]}"
        mocks_url = f"http://{HOST}:{mocks_port}"
        self.env = {
            "BURGERFLOW_HOME": str(home),
            "BURGERFLOW_TEMPORAL_ADDRESS": f"{HOST}:{self.temporal_port}",
            "BURGERFLOW_TASK_QUEUE": queue,
            "BURGERFLOW_API_HOST": HOST,
            "BURGERFLOW_API_PORT": str(api_port),
            "BURGERFLOW_MOCKS_HOST": HOST,
            "BURGERFLOW_MOCKS_PORT": str(mocks_port),
            "BURGERFLOW_MOCKS_DEV_MODE": "true",
            "BURGERFLOW_REGISTRIES_BASE_URL": mocks_url,
            "BURGERFLOW_DATABASE_URL": f"sqlite:///{home / 'burgerflow.db'}",
            "BURGERFLOW_MOCKS_DATABASE_URL": f"sqlite:///{home / 'registries.db'}",
            "BURGERFLOW_EMBEDDED_TEMPORAL": "true",
        }
        # The parent reads the very variables its children get, so the two cannot disagree.
        self.settings = Settings.model_validate(
            {name.removeprefix("BURGERFLOW_").lower(): value for name, value in self.env.items()}
        )
        self.stack = Stack(self.settings)
        self.temporal: Child | None = None
        self.mocks: Child | None = None
        self.api: Child | None = None

    @property
    def api_url(self) -> str:
        """Base URL of the API."""
        return self.settings.api_base_url

    @property
    def mocks_url(self) -> str:
        """Base URL of the registry mocks."""
        return self.settings.resolved_registries_base_url

    def _spawn(self, name: str, args: list[str]) -> Child:
        return self.stack.spawn(name, args, env=self.env)

    async def start_temporal(self, timeout: float = 60) -> Child:
        """Start the Temporal dev server on its file (headless) and wait for its frontend."""
        args = temporal_dev_server_args(self.settings, port=self.temporal_port, ui_port=None)
        self.temporal = self._spawn("temporal", args)
        await wait_temporal(self.settings.temporal_address, timeout=timeout)
        await wait_namespace(self.settings, timeout=timeout)
        return self.temporal

    async def start_mocks(self, timeout: float = 120) -> Child:
        """Start the registry mocks (seeding on first start) and wait until they answer."""
        self.mocks = self._spawn("mocks", [sys.executable, "-m", "burgerflow", "mocks"])
        await self._wait_ready(self.mocks, f"{self.mocks_url}/healthz", timeout)
        return self.mocks

    async def start_api(self, timeout: float = 60) -> Child:
        """Start the API and wait until it is ready (Temporal and database reachable)."""
        self.api = self._spawn("api", [sys.executable, "-m", "burgerflow", "api"])
        await self._wait_ready(self.api, f"{self.api_url}/readyz", timeout)
        return self.api

    async def _wait_ready(self, child: Child, url: str, timeout: float) -> None:
        """Wait for `url`; on failure say what the child wrote."""
        try:
            await wait_http_ok(url, timeout=timeout)
        except StackError as e:
            raise StackError(f"{child.name}: {e}\n{self.tail(child)}") from e

    def start_worker(self, name: str = "worker") -> Child:
        """Start a `burgerflow worker` process; it polls as soon as it has connected."""
        return self._spawn(name, [sys.executable, "-m", "burgerflow", "worker"])

    def start_baseline_worker(self, task_queue: str) -> Child:
        """Start the bare baseline's worker process on `task_queue`."""
        return self._spawn("baseline-worker", baseline_worker_args(task_queue))

    def start_peer_worker(self, task_queue: str) -> Child:
        """Start the hand-written peer's worker process on `task_queue`."""
        return self._spawn("peer-worker", peer_worker_args(task_queue))

    async def start(self, *, workers: int = 1) -> None:
        """Start Temporal, the mocks, the API and `workers` workers, in that order."""
        await self.start_temporal()
        await self.start_mocks()
        await self.start_api()
        for n in range(workers):
            self.start_worker(f"worker-{n + 1}")

    @staticmethod
    def kill(child: Child) -> None:
        """SIGKILL a child and reap it: no graceful shutdown, as a crash would be."""
        with contextlib.suppress(ProcessLookupError):
            child.proc.send_signal(signal.SIGKILL)
        child.proc.wait(timeout=30)

    @staticmethod
    def terminate(child: Child, timeout: float = 20) -> int:
        """SIGTERM a child and wait for it (SIGKILL after `timeout`); returns its exit code."""
        if child.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                child.proc.send_signal(signal.SIGTERM)
            try:
                child.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                child.proc.kill()
                child.proc.wait()
        return child.proc.returncode

    def stop(self) -> None:
        """Stop every child, newest first."""
        self.stack.stop()

    def tail(self, child: Child, lines: int = 40) -> str:
        """The last lines of a child's log, for failure messages."""
        return self.stack.tail(child, lines)
