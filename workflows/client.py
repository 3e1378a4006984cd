"""Connecting to Temporal with burgerflow's settings and data converter.

Every client, worker and replayer goes through `data_converter(settings)` so payloads are
encoded (and encrypted) the same way everywhere.
"""

import dataclasses
from collections.abc import Sequence

from temporalio.client import Client, Plugin, TLSConfig
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.converter import DataConverter, DefaultFailureConverterWithEncodedAttributes

from burgerflow.core.settings import Settings
from workflows.audit.codec import EncryptionCodec, keyring_from_settings


def data_converter(settings: Settings) -> DataConverter:
    """The one data converter used by every burgerflow client, worker and replayer.

    Pydantic JSON, encrypted with the deployment's payload keys (`workflows.audit.codec`).
    Failure messages and stack traces travel as encoded attributes, so a registry error that
    quotes a BSN is encrypted like any other payload.
    """
    return dataclasses.replace(
        pydantic_data_converter,
        payload_codec=EncryptionCodec(keyring_from_settings(settings)),
        failure_converter_class=DefaultFailureConverterWithEncodedAttributes,
    )


def tls_config(settings: Settings) -> TLSConfig | bool:
    """TLS for the Temporal connection: mTLS files, plain TLS, or none."""
    if settings.temporal_tls_cert and settings.temporal_tls_key:
        return TLSConfig(
            client_cert=settings.temporal_tls_cert.read_bytes(),
            client_private_key=settings.temporal_tls_key.read_bytes(),
        )
    return settings.temporal_tls or settings.temporal_api_key is not None


async def connect(
    settings: Settings, *, lazy: bool = False, plugins: Sequence[Plugin] = ()
) -> Client:
    """Connect to the Temporal cluster named in `settings`.

    Args:
        settings: Deployment settings (address, namespace, TLS, API key).
        lazy: Connect on first use instead of now; lets the API start before Temporal.
        plugins: Client plugins, such as the LangGraph plugin for workers.
    """
    api_key = settings.temporal_api_key.get_secret_value() if settings.temporal_api_key else None
    return await Client.connect(
        settings.temporal_address,
        namespace=settings.temporal_namespace,
        api_key=api_key,
        tls=tls_config(settings),
        data_converter=data_converter(settings),
        plugins=list(plugins),
        lazy=lazy,
    )
