"""Payload encryption: the Temporal server and its database never see personal data in clear.

Every payload a burgerflow client, worker or replayer sends to Temporal (workflow inputs and
results, activity inputs and results, update arguments, failure details) is encrypted with
AES-256-GCM before it leaves the process. The key id travels in the payload's metadata, so
keys rotate without re-encrypting history: the newest key encrypts, every known key
decrypts. A payload without the encryption marker (a history written before encryption was
switched on) passes through unchanged.

Keys come from `BURGERFLOW_PAYLOAD_KEYS` (`id:base64key,...`, the first key encrypts); in
development a key is generated under the home folder on first use.
"""

import base64
import binascii
import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from temporalio.api.common.v1 import Payload
from temporalio.converter import PayloadCodec

from burgerflow.core.keys import dev_secret
from burgerflow.core.settings import Settings

ENCODING = b"binary/encrypted"
"""`encoding` metadata of an encrypted payload (the name Temporal's samples and UI use)."""
KEY_ID = "encryption-key-id"
"""Metadata key naming the key a payload was encrypted with."""
KEY_BYTES = 32
"""AES-256."""
NONCE_BYTES = 12
_KEY_ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class PayloadKeyError(ValueError):
    """The payload keys in the settings are malformed."""


class PayloadDecryptionError(RuntimeError):
    """An encrypted payload cannot be decrypted: its key is unknown or the data was altered."""


@dataclass(frozen=True, slots=True)
class PayloadKey:
    """One AES-256 key and the id recorded with every payload it encrypts."""

    key_id: str
    key: bytes

    def __post_init__(self) -> None:
        if not _KEY_ID_PATTERN.match(self.key_id):
            raise PayloadKeyError(
                f"payload key id {self.key_id!r} must be 1-64 characters of A-Z a-z 0-9 . _ -"
            )
        if len(self.key) != KEY_BYTES:
            raise PayloadKeyError(
                f"payload key {self.key_id!r} must be {KEY_BYTES} bytes, not {len(self.key)}"
            )

    def __repr__(self) -> str:
        return f"PayloadKey(key_id={self.key_id!r}, key=<{len(self.key)} bytes>)"


class KeyRing:
    """The payload keys of a deployment: the first encrypts, all decrypt.

    Args:
        keys: The keys, newest first. Ids must be unique.

    Raises:
        PayloadKeyError: No keys, or an id used twice.
    """

    def __init__(self, keys: Sequence[PayloadKey]) -> None:
        if not keys:
            raise PayloadKeyError("at least one payload key is needed")
        by_id = {k.key_id: k for k in keys}
        if len(by_id) != len(keys):
            raise PayloadKeyError("payload key ids must be unique")
        self.current = keys[0]
        self._by_id = by_id

    @property
    def key_ids(self) -> list[str]:
        """Every known key id, newest first."""
        return list(self._by_id)

    def get(self, key_id: str) -> PayloadKey | None:
        """The key `key_id`, or None when this deployment does not know it."""
        return self._by_id.get(key_id)


def _decode_key(text: str) -> bytes:
    padded = text.strip() + "=" * (-len(text.strip()) % 4)
    try:
        # Accept standard and URL-safe base64 alike: operators paste either.
        return base64.b64decode(padded.replace("-", "+").replace("_", "/"), validate=True)
    except (binascii.Error, ValueError) as e:
        raise PayloadKeyError("a payload key is not valid base64") from e


def parse_payload_keys(value: str) -> KeyRing:
    """Parse `id:base64key,id:base64key,...` (newest first) into a key ring.

    Raises:
        PayloadKeyError: The value is malformed (the message never contains key material).
    """
    keys: list[PayloadKey] = []
    for item in value.split(","):
        if not item.strip():
            continue
        key_id, sep, encoded = item.strip().partition(":")
        if not sep:
            raise PayloadKeyError("payload keys are written id:base64key, separated by commas")
        keys.append(PayloadKey(key_id.strip(), _decode_key(encoded)))
    return KeyRing(keys)


def dev_payload_key(settings: Settings) -> PayloadKey:
    """The development key, derived from a secret generated under the home folder.

    Its id is a fingerprint of the key, so a regenerated key is told apart from the old one
    (a history written with the old key then fails with a clear "unknown key" error).
    """
    key = hashlib.sha256(dev_secret(settings, "payload").encode()).digest()
    fingerprint = hashlib.sha256(b"burgerflow payload key id\0" + key).hexdigest()[:12]
    return PayloadKey(f"dev-{fingerprint}", key)


def keyring_from_settings(settings: Settings) -> KeyRing:
    """The key ring of this deployment: `payload_keys`, else the generated development key."""
    if settings.payload_keys is not None:
        return parse_payload_keys(settings.payload_keys.get_secret_value())
    return KeyRing([dev_payload_key(settings)])


def generate_key_spec(key_id: str) -> str:
    """A new random key as `id:base64key`, ready to put first in `BURGERFLOW_PAYLOAD_KEYS`."""
    key = PayloadKey(key_id, os.urandom(KEY_BYTES))
    return f"{key.key_id}:{base64.b64encode(key.key).decode()}"


def is_encrypted(payload: Payload) -> bool:
    """Whether `payload` carries this codec's encryption marker."""
    return payload.metadata.get("encoding") == ENCODING


def payload_key_id(payload: Payload) -> str | None:
    """The id of the key `payload` was encrypted with, or None when it is not encrypted."""
    if not is_encrypted(payload):
        return None
    return payload.metadata.get(KEY_ID, b"").decode()


class EncryptionCodec(PayloadCodec):
    """AES-256-GCM payload codec with key rotation.

    The whole original payload (its metadata and data) is encrypted, so not even the
    payload's type is visible to the server. The key id is bound to the ciphertext as
    associated data: moving a payload's label to another key makes it fail to decrypt.

    Args:
        keys: The deployment's key ring.
    """

    def __init__(self, keys: KeyRing) -> None:
        self.keys = keys

    async def encode(self, payloads: Sequence[Payload]) -> list[Payload]:
        """Encrypt every payload with the current key."""
        return [self._encrypt(p) for p in payloads]

    async def decode(self, payloads: Sequence[Payload]) -> list[Payload]:
        """Decrypt encrypted payloads with the key they name; others pass through."""
        return [self._decrypt(p) if is_encrypted(p) else p for p in payloads]

    def _encrypt(self, payload: Payload) -> Payload:
        key = self.keys.current
        nonce = os.urandom(NONCE_BYTES)
        sealed = AESGCM(key.key).encrypt(nonce, payload.SerializeToString(), key.key_id.encode())
        return Payload(
            metadata={"encoding": ENCODING, KEY_ID: key.key_id.encode()},
            data=nonce + sealed,
        )

    def _decrypt(self, payload: Payload) -> Payload:
        key_id = payload_key_id(payload) or ""
        key = self.keys.get(key_id)
        if key is None:
            raise PayloadDecryptionError(
                f"payload encrypted with key {key_id!r}, which is not among the configured "
                f"payload keys {self.keys.key_ids}; add it to BURGERFLOW_PAYLOAD_KEYS"
            )
        nonce, sealed = payload.data[:NONCE_BYTES], payload.data[NONCE_BYTES:]
        try:
            plain = AESGCM(key.key).decrypt(nonce, sealed, key_id.encode())
        except InvalidTag as e:
            raise PayloadDecryptionError(
                f"payload encrypted with key {key_id!r} does not decrypt: wrong key or altered data"
            ) from e
        decoded = Payload()
        decoded.ParseFromString(plain)
        return decoded
