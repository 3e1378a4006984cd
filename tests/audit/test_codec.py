"""The payload codec: AES-GCM with key ids, rotation, pass-through of old payloads."""

import base64
import os

import pytest
from pydantic import BaseModel, SecretStr
from temporalio.api.common.v1 import Payload
from temporalio.api.failure.v1 import Failure
from temporalio.exceptions import ApplicationError

from burgerflow.core.settings import Settings
from tests.support import TEST_PAYLOAD_KEY_1, TEST_PAYLOAD_KEY_2
from workflows.audit.codec import (
    ENCODING,
    KEY_ID,
    EncryptionCodec,
    KeyRing,
    PayloadDecryptionError,
    PayloadKey,
    PayloadKeyError,
    dev_payload_key,
    generate_key_spec,
    keyring_from_settings,
    parse_payload_keys,
    payload_key_id,
)
from workflows.audit.history import payload_value
from workflows.client import data_converter


def _plain(data: bytes = b'{"bsn": "999993653"}') -> Payload:
    return Payload(metadata={"encoding": b"json/plain"}, data=data)


def _ring(*specs: str) -> KeyRing:
    return parse_payload_keys(",".join(specs))


async def test_a_payload_is_encrypted_with_its_key_id_and_decrypts_back():
    codec = EncryptionCodec(_ring(TEST_PAYLOAD_KEY_1))
    [encrypted] = await codec.encode([_plain()])
    assert encrypted.metadata["encoding"] == ENCODING
    assert encrypted.metadata[KEY_ID] == b"test-only-1"
    # Neither the data nor its type is visible: the whole payload is sealed.
    assert b"999993653" not in encrypted.SerializeToString()
    assert b"json/plain" not in encrypted.SerializeToString()
    [decrypted] = await codec.decode([encrypted])
    assert decrypted == _plain()


async def test_the_same_payload_encrypts_differently_each_time():
    codec = EncryptionCodec(_ring(TEST_PAYLOAD_KEY_1))
    first, second = await codec.encode([_plain(), _plain()])
    assert first.data != second.data


async def test_rotation_encrypts_with_the_newest_key_and_decrypts_with_any():
    old = EncryptionCodec(_ring(TEST_PAYLOAD_KEY_1))
    rotated = EncryptionCodec(_ring(TEST_PAYLOAD_KEY_2, TEST_PAYLOAD_KEY_1))
    [written_before] = await old.encode([_plain(b'"before"')])
    [written_after] = await rotated.encode([_plain(b'"after"')])
    assert payload_key_id(written_after) == "test-only-2"
    assert [p.data for p in await rotated.decode([written_before, written_after])] == [
        b'"before"',
        b'"after"',
    ]


async def test_a_payload_of_a_dropped_key_names_the_missing_key():
    [written] = await EncryptionCodec(_ring(TEST_PAYLOAD_KEY_1)).encode([_plain()])
    with pytest.raises(PayloadDecryptionError, match="'test-only-1'.*BURGERFLOW_PAYLOAD_KEYS"):
        await EncryptionCodec(_ring(TEST_PAYLOAD_KEY_2)).decode([written])


async def test_altered_ciphertext_or_a_moved_key_label_does_not_decrypt():
    ring = _ring(TEST_PAYLOAD_KEY_1, TEST_PAYLOAD_KEY_2)
    codec = EncryptionCodec(ring)
    [written] = await codec.encode([_plain()])
    tampered = Payload()
    tampered.CopyFrom(written)
    tampered.data = written.data[:-1] + bytes([written.data[-1] ^ 1])
    with pytest.raises(PayloadDecryptionError, match="altered"):
        await codec.decode([tampered])
    relabelled = Payload()
    relabelled.CopyFrom(written)
    relabelled.metadata[KEY_ID] = b"test-only-2"
    with pytest.raises(PayloadDecryptionError):
        await codec.decode([relabelled])


async def test_payloads_written_before_encryption_pass_through():
    codec = EncryptionCodec(_ring(TEST_PAYLOAD_KEY_1))
    old = _plain(b'{"written": "before encryption"}')
    assert await codec.decode([old]) == [old]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "at least one"),
        ("nocolon", "id:base64key"),
        ("k1:not base64!", "not valid base64"),
        (f"k1:{base64.b64encode(b'short').decode()}", "must be 32 bytes"),
        (f"bad id:{base64.b64encode(bytes(32)).decode()}", "must be 1-64 characters"),
        (
            f"k1:{base64.b64encode(bytes(32)).decode()},k1:{base64.b64encode(bytes(32)).decode()}",
            "unique",
        ),
    ],
)
def test_malformed_keys_are_refused_without_showing_key_material(spec, message):
    with pytest.raises(PayloadKeyError, match=message) as caught:
        parse_payload_keys(spec)
    assert "AAAA" not in str(caught.value)


def test_url_safe_base64_keys_are_accepted_and_keys_never_print():
    key = os.urandom(32)
    ring = parse_payload_keys(f"2026a:{base64.urlsafe_b64encode(key).decode().rstrip('=')}")
    assert ring.current.key == key
    assert key.hex() not in repr(ring.current) and "32 bytes" in repr(ring.current)


def test_keygen_makes_a_key_the_settings_accept():
    spec = generate_key_spec("k20260101")
    ring = keyring_from_settings(Settings(payload_keys=SecretStr(spec)))
    assert ring.key_ids == ["k20260101"]


def test_the_dev_key_is_generated_once_under_home(tmp_path):
    first = dev_payload_key(Settings(home=tmp_path))
    again = dev_payload_key(Settings(home=tmp_path))
    other = dev_payload_key(Settings(home=tmp_path / "other"))
    assert first == again and first.key_id.startswith("dev-")
    assert other.key_id != first.key_id
    assert (tmp_path / "payload.key").stat().st_mode & 0o077 == 0


class _Report(BaseModel):
    bsn: str
    postcode: str


async def test_the_data_converter_encrypts_values_and_failure_messages():
    settings = Settings(payload_keys=SecretStr(TEST_PAYLOAD_KEY_1))
    converter = data_converter(settings)
    [payload] = await converter.encode([_Report(bsn="999993653", postcode="1012AB")])
    assert payload_key_id(payload) == "test-only-1"
    assert b"999993653" not in payload.data
    [value] = await converter.decode([payload], [_Report])
    assert value == _Report(bsn="999993653", postcode="1012AB")

    # A registry error quoting a BSN travels encrypted, not as the failure's clear message.
    failure = Failure()
    await converter.encode_failure(ApplicationError("BSN 999993653 is unknown"), failure)
    assert "999993653" not in failure.message
    assert b"999993653" not in failure.SerializeToString()
    decoded = await converter.decode_failure(failure)
    assert "BSN 999993653 is unknown" in str(decoded)


def test_a_decoded_payload_reads_as_plain_json():
    assert payload_value(_plain(b'{"a": [1, 2]}')) == {"a": [1, 2]}
    assert payload_value(Payload(metadata={"encoding": b"binary/null"})) is None


def test_the_key_ring_knows_every_key_newest_first():
    ring = KeyRing([PayloadKey("b", bytes(32)), PayloadKey("a", bytes([1]) * 32)])
    assert ring.current.key_id == "b" and ring.key_ids == ["b", "a"] and ring.get("z") is None
