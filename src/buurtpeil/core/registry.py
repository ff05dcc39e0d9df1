"""Plugins registered under a unique identifier, like Open Formulieren's plugin registry.

Used for message channels and SMS providers (``distribution.channels``) and export formats
(``reports.formats``). A plugin class is registered with the decorator, which sets its
``identifier`` and keeps one instance::

    register: Registry[ChannelPlugin] = Registry()

    @register("email")
    class EmailChannel(ChannelPlugin): ...
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

P = TypeVar("P")


class Registry(Generic[P]):
    """Plugins by identifier, in the order they were registered."""

    def __init__(self) -> None:
        self._plugins: dict[str, P] = {}

    def __call__(self, identifier: str):
        def decorator(cls):
            if identifier in self._plugins:
                raise ValueError(f"{identifier!r} is already registered")
            cls.identifier = identifier
            self._plugins[identifier] = cls()
            return cls

        return decorator

    def __getitem__(self, identifier: str) -> P:
        return self._plugins[identifier]

    def __contains__(self, identifier: object) -> bool:
        return identifier in self._plugins

    def __iter__(self) -> Iterator[P]:
        return iter(self._plugins.values())

    def identifiers(self) -> list[str]:
        return list(self._plugins)
