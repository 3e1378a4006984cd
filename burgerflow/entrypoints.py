"""App factories for uvicorn, each building its settings from the environment once."""

from fastapi import FastAPI

from burgerflow.core.settings import Settings


def api_app() -> FastAPI:
    """The burgerflow API."""
    from burgerflow.api.app import create_app

    return create_app(Settings())


def mocks_app() -> FastAPI:
    """The registry mocks."""
    from burgerflow.core.keys import zgw_secret
    from registries_mock.app import create_app

    settings = Settings()
    return create_app(
        settings.resolved_mocks_database_url,
        dev_mode=settings.mocks_dev_mode,
        zgw_clients={settings.zgw_client_id: zgw_secret(settings)},
    )
