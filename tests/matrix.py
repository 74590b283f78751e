"""A product of two families of cases, run as a cover by default and whole with ``-m soak``.

Each member of each family meets the code at least once in the default suite
(the row ``k % rows`` with the column ``k % columns``, for k up to the longer
family): every state gets a signal and every signal a state. The rest of the
product is marked ``soak`` (and ``slow``): ``pytest -m soak`` runs it. CI runs the
default suite, which must stay well under its 10 minutes on two cores.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

SOAK = (pytest.mark.soak, pytest.mark.slow)


def crossed(rows: Sequence[Any], columns: Sequence[Any], *,
            row_ids: Sequence[str] | None = None,
            column_ids: Sequence[str] | None = None) -> list[Any]:
    """``pytest.param(row, column)`` for every pair; the pairs outside the cover are soak."""
    row_ids = list(row_ids) if row_ids is not None else [str(r) for r in rows]
    column_ids = list(column_ids) if column_ids is not None else [str(c) for c in columns]
    cover = {(k % len(rows), k % len(columns)) for k in range(max(len(rows), len(columns)))}
    return [pytest.param(row, column, id=f"{row_ids[i]}-{column_ids[j]}",
                         marks=() if (i, j) in cover else SOAK)
            for i, row in enumerate(rows) for j, column in enumerate(columns)]


def sampled(names: Sequence[str], cover: Sequence[str]) -> list[Any]:
    """One family: the names in ``cover`` run by default, every other one is soak."""
    return [name if name in cover else pytest.param(name, marks=SOAK) for name in names]
