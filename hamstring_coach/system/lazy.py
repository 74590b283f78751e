"""Names of a package imported on first use (a module ``__getattr__``, PEP 562).

``format`` and ``history`` keep their package imports cheap this way: importing
one of their modules (the errors for ``--help``, the replay for ``run``) does not
load the YAML parser or SQLite through the package's ``__init__``.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping


def lazy_attributes(package: str, where: Mapping[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` for ``package``: each name in ``where`` comes from the
    submodule it maps to, imported when the name is first used, then kept."""

    def __getattr__(name: str) -> object:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
