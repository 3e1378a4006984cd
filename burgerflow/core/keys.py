"""Local secrets for development, generated on first use under the home folder.

Each secret is a file readable only by its owner in `.burgerflow/` (ignored by git). In
production the same secrets come from settings instead.
"""

import hashlib
import hmac
import os
import secrets

from burgerflow.core.settings import Settings


def dev_secret(settings: Settings, name: str) -> str:
    """The secret `name` under the home folder, created on first use.

    Concurrent first uses (several processes starting at once) agree on one value: the
    file is created exclusively and a loser reads the winner's file.
    """
    path = settings.resolved_home / f"{name}.key"
    if not path.exists():
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def pseudonym_key(settings: Settings) -> bytes:
    """Key for keyed hashes of BSNs in the local database."""
    if settings.pseudonym_secret is not None:
        return settings.pseudonym_secret.get_secret_value().encode()
    return dev_secret(settings, "pseudonym").encode()


def subject_key(key: bytes, bsn: str) -> str:
    """A keyed hash of a BSN: lets the store find a citizen's cases without holding the BSN."""
    return hmac.new(key, bsn.encode(), hashlib.sha256).hexdigest()


def zgw_secret(settings: Settings) -> str:
    """The secret of burgerflow's ZGW applicatie (signs its JWTs)."""
    if settings.zgw_secret is not None:
        return settings.zgw_secret.get_secret_value()
    return dev_secret(settings, "zgw")
