"""Lists of records that turn into plain dicts or a pandas DataFrame."""

from __future__ import annotations

from typing import Any, Iterable, List, Optional, Sequence, TypeVar

T = TypeVar("T")

__all__ = ["RecordList", "to_records", "to_pandas"]


def _plain(item: Any) -> Any:
    to_dict = getattr(item, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    if isinstance(item, dict):
        return dict(item)
    raise TypeError(f"cannot turn a {type(item).__name__} into a record (expected a PropOS record or a dict)")


def to_records(items: Iterable[Any]) -> List[dict]:
    """The items as a list of plain dicts (``to_dict()`` of each record; dicts are copied)."""
    return [_plain(item) for item in items]


def _import_pandas() -> Any:
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - exercised by a test that hides pandas
        raise ImportError(
            "to_pandas() needs pandas, which is not installed: pip install pandas "
            "(or pip install 'propos[pandas]')"
        ) from e
    return pandas


def to_pandas(items: Iterable[Any], columns: Optional[Sequence[str]] = None) -> Any:
    """The items as a ``pandas.DataFrame``, one row per record, one column per field.

    Timestamps become timezone-aware (UTC) datetime columns, money stays integer cents. ``columns``
    names the columns of an empty result (a record type's ``_fields`` is used when known).
    """
    pandas = _import_pandas()
    items = list(items)
    records = to_records(items)
    if columns is None and items and hasattr(type(items[0]), "_fields"):
        columns = [name.rstrip("_") if name.endswith("_") and len(name) > 1 else name
                   for name in type(items[0])._fields]
    frame = pandas.DataFrame.from_records(records, columns=list(columns) if columns is not None else None)
    return frame


class RecordList(List[T]):
    """A list of records (what every PropOS query returns) with ``to_records()`` and ``to_pandas()``."""

    __slots__ = ()

    def to_records(self) -> List[dict]:
        """The records as a list of plain dicts."""
        return to_records(self)

    def to_pandas(self, columns: Optional[Sequence[str]] = None) -> Any:
        """The records as a ``pandas.DataFrame`` (raises ImportError naming pandas when missing)."""
        return to_pandas(self, columns)
