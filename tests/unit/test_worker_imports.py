"""A worker loads what it runs: no web framework, no OpenAI client on the scripted planner."""

import subprocess
import sys

NOT_LOADED = ("fastapi", "starlette", "langchain_openai", "openai", "uvicorn", "jinja2")


def test_the_worker_does_not_import_the_web_framework_or_the_openai_client() -> None:
    code = (
        "import sys, burgerflow.worker; "
        f"print(','.join(m for m in {NOT_LOADED!r} if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "", f"the worker imports {loaded}"
