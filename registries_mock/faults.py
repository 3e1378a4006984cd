"""Fault injection: added latency and injected 503s per registry.

Faults apply to the public endpoints of a registry only, never to `/_admin` or `/healthz`.
A look-up that draws an error fails before doing anything. A mutation that draws an error
fails before its effect half of the time and after it the other half: then the effect is
applied and recorded but the response is lost, so a client must retry with the same
idempotency key.
"""

import asyncio
import random
from dataclasses import dataclass

from burgerflow.core.constants import Registry


@dataclass(frozen=True)
class FaultSetting:
    """The faults of one registry.

    Attributes:
        error_rate: Probability (0..1) that a request gets a 503.
        latency_ms: Delay added to every request, in milliseconds.
    """

    error_rate: float
    latency_ms: int


class FaultTable:
    """The fault settings of every registry and the random source that draws the errors."""

    def __init__(self, seed: int | None = None) -> None:
        """Start with no faults.

        Args:
            seed: Seed of the random source; None draws from the operating system.
        """
        self._settings: dict[Registry, FaultSetting] = {}
        self._random = random.Random(seed)

    def configure(
        self,
        registry: Registry | None,
        *,
        error_rate: float,
        latency_ms: int,
        seed: int | None = None,
    ) -> None:
        """Set (or, with zero rate and latency, clear) the faults of one or every registry.

        Args:
            registry: The registry, or None for every registry.
            error_rate: Probability (0..1) of a 503.
            latency_ms: Added latency in milliseconds.
            seed: When given, reseeds the random source so a test can replay a sequence.
        """
        if seed is not None:
            self._random.seed(seed)
        targets = list(Registry) if registry is None else [registry]
        for target in targets:
            if error_rate <= 0 and latency_ms <= 0:
                self._settings.pop(target, None)
            else:
                self._settings[target] = FaultSetting(error_rate, latency_ms)

    def clear(self) -> None:
        """Remove every fault."""
        self._settings.clear()

    def settings(self) -> dict[Registry, FaultSetting]:
        """Return a copy of the active settings."""
        return dict(self._settings)

    async def strike(self, registry: Registry) -> bool:
        """Apply the registry's latency and draw whether this request fails.

        Args:
            registry: The registry being called.

        Returns:
            True when the request must fail with a 503.
        """
        setting = self._settings.get(registry)
        if setting is None:
            return False
        if setting.latency_ms > 0:
            await asyncio.sleep(setting.latency_ms / 1000)
        return self._random.random() < setting.error_rate

    def draw(self, registry: Registry) -> tuple[float, bool]:
        """Draw a request's faults without applying them: (latency in seconds, fails).

        For a mock that applies the latency elsewhere than before the request (ZGW delays a
        mutation's answer after its effect).
        """
        setting = self._settings.get(registry)
        if setting is None:
            return 0.0, False
        return setting.latency_ms / 1000, self._random.random() < setting.error_rate

    def after_effect(self) -> bool:
        """Draw whether an injected mutation error happens after the effect (a lost response)."""
        return self._random.random() < 0.5
