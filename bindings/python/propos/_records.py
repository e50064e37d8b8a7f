"""Lists of records that turn into tables whose schema comes from the record type, not the data.

Every column has a kind fixed by the record's C++ field type (``T._schema``) or by an analytics
table's declared schema:

=========== ============================ ====================================== ==========================
kind        Python value                 pandas dtype                           Arrow type
=========== ============================ ====================================== ==========================
money       int cents                    ``Int64`` (``propos.dollars`` helper)  ``int64``
int         int                          ``Int64``                              ``int64``
float       float                        ``Float64``                            ``float64``
bool        bool                         ``boolean``                            ``bool``
time        aware UTC datetime           ``datetime64[ns, UTC]``                ``timestamp[ns, tz=UTC]``
duration    timedelta                    ``timedelta64[ns]``                    ``duration[ns]``
string      str (ids, enums, text)       ``string``                             ``string``
strings     list of str                  ``object`` (lists of str)              ``list<string>``
object      records, dicts, lists        ``string`` (JSON text)                 ``string`` (JSON text)
=========== ============================ ====================================== ==========================

Missing values are ``<NA>``/``NaT`` in pandas and nulls in Arrow; an id that is not set is missing.
Nested records and JSON payloads are their stored JSON text in tables (``json.loads`` reads one
back; long-form tables such as ``propos.analytics.status_changes`` flatten the common ones).
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple, TypeVar, Union, overload

T = TypeVar("T")

__all__ = ["RecordList", "to_records", "to_pandas", "to_arrow", "to_polars", "dollars", "Schema"]

#: A table schema: ``(column, kind)`` pairs, in column order.
Schema = Tuple[Tuple[str, str], ...]

_NUMERIC = {"money": "int64", "int": "int64", "float": "float64", "bool": "bool", "time": "int64",
            "duration": "int64"}
_KINDS = set(_NUMERIC) | {"string", "strings", "object"}
_INT64_MIN = -(2 ** 63)


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


def _need(module: str, what: str, extra: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as e:
        package = {"pyarrow.parquet": "pyarrow"}.get(module, module)
        raise ImportError(
            f"{what} needs {package}, which is not installed: pip install {package} "
            f"(or pip install 'propos[{extra}]')"
        ) from e


def _schema_of(source: Any) -> Optional[Schema]:
    if source is None:
        return None
    schema = getattr(source, "_schema", source)
    out = tuple((str(name), str(kind)) for name, kind in schema)
    for name, kind in out:
        if kind not in _KINDS:
            raise ValueError(f"column {name!r} has an unknown kind {kind!r} (expected one of: {sorted(_KINDS)})")
    return out


# ---- columns ----------------------------------------------------------------------------------------

def _numeric_from_values(kind: str, values: List[Any]) -> Tuple[Any, Any]:
    import numpy as np

    n = len(values)
    out = np.zeros(n, dtype=_NUMERIC[kind])
    mask = np.zeros(n, dtype=bool)
    for i, v in enumerate(values):
        if _missing(v):
            mask[i] = True
        elif kind == "time":
            out[i] = _nanos(v)
        elif kind == "duration":
            out[i] = int(v / timedelta(microseconds=1)) * 1000 if isinstance(v, timedelta) else int(v)
        elif kind in ("money", "int"):
            out[i] = int(v)
        else:
            out[i] = v
    return out, mask


def _missing(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float):
        return v != v
    return type(v).__name__ in ("NaTType", "NAType")


def _nanos(v: Any) -> int:
    if isinstance(v, datetime):
        if v.tzinfo is None:
            from datetime import timezone

            v = v.replace(tzinfo=timezone.utc)
        delta = v - datetime(1970, 1, 1, tzinfo=v.tzinfo)
        return (delta // timedelta(microseconds=1)) * 1000 + getattr(v, "nanosecond", 0)
    if isinstance(v, date):
        return _nanos(datetime(v.year, v.month, v.day))
    raise TypeError(f"expected a datetime, got {type(v).__name__}")


def _columns_from_dicts(schema: Schema, rows: Sequence[Any]) -> Dict[str, Any]:
    dicts = [r if isinstance(r, dict) else _plain(r) for r in rows]
    out: Dict[str, Any] = {}
    for name, kind in schema:
        values = [d.get(name) for d in dicts]
        if kind in _NUMERIC:
            out[name] = _numeric_from_values(kind, values)
        elif kind == "string":
            out[name] = [None if _missing(v) or v == "" and name.endswith("id") else str(v) for v in values]
        elif kind == "strings":
            out[name] = [None if v is None else [str(x) for x in v] for v in values]
        else:
            out[name] = [None if v is None else _json_text(v) for v in values]
    return out


def _columns(record_type: Any, schema: Schema, items: Sequence[Any]) -> Dict[str, Any]:
    if record_type is not None and hasattr(record_type, "_columns") and all(type(i) is record_type for i in items):
        return record_type._columns(items)
    return _columns_from_dicts(schema, items)


def _infer(items: Sequence[Any]) -> Tuple[Any, Optional[Schema]]:
    if items and hasattr(type(items[0]), "_schema"):
        return type(items[0]), _schema_of(type(items[0]))
    return None, None


def _json_text(value: Any) -> str:
    if hasattr(value, "to_json") and hasattr(value, "_fields"):
        return value.to_json()
    if isinstance(value, list) and value and hasattr(value[0], "_fields"):
        value = [v.to_dict() for v in value]
    return json.dumps(value, default=_plain_json, sort_keys=True)


def _plain_json(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


# ---- pandas / Arrow / polars ---------------------------------------------------------------------------

def _pandas_column(pd: Any, kind: str, col: Any) -> Any:
    import numpy as np

    if kind in _NUMERIC:
        values, mask = col
        if kind in ("money", "int"):
            return pd.arrays.IntegerArray(np.asarray(values, dtype="int64"), np.asarray(mask, dtype=bool))
        if kind == "float":
            return pd.arrays.FloatingArray(np.asarray(values, dtype="float64"), np.asarray(mask, dtype=bool))
        if kind == "bool":
            return pd.arrays.BooleanArray(np.asarray(values, dtype=bool), np.asarray(mask, dtype=bool))
        ns = np.where(mask, _INT64_MIN, values).astype("int64")
        if kind == "time":
            return pd.DatetimeIndex(ns.view("M8[ns]")).tz_localize("UTC").array
        return pd.TimedeltaIndex(ns.view("m8[ns]")).array
    if kind in ("string", "object"):
        return pd.array(col, dtype="string")
    out = np.empty(len(col), dtype=object)
    out[:] = col
    return out


def _to_pandas(schema: Schema, columns: Dict[str, Any], n: int, wanted: Optional[Sequence[str]]) -> Any:
    pd = _need("pandas", "to_pandas()", "pandas")
    kinds = dict(schema)
    names = list(wanted) if wanted is not None else [name for name, _ in schema]
    unknown = [c for c in names if c not in kinds]
    if unknown:
        raise KeyError(f"no column {unknown[0]!r} (columns: {', '.join(kinds)})")
    data = {name: _pandas_column(pd, kinds[name], columns[name]) for name in names}
    frame = pd.DataFrame(data, index=pd.RangeIndex(n), columns=names)
    frame.attrs["propos_money"] = [c for c in names if kinds[c] == "money"]
    return frame


def _arrow_column(pa: Any, kind: str, col: Any) -> Any:
    import numpy as np

    if kind in _NUMERIC:
        values, mask = col
        mask = np.asarray(mask, dtype=bool)
        arrow_mask = mask if mask.any() else None
        types = {"money": pa.int64(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
                 "time": pa.timestamp("ns", tz="UTC"), "duration": pa.duration("ns")}
        if kind == "time":
            return pa.array(np.asarray(values, dtype="int64").view("M8[ns]"), mask=arrow_mask,
                            type=types[kind])
        if kind == "duration":
            return pa.array(np.asarray(values, dtype="int64").view("m8[ns]"), mask=arrow_mask, type=types[kind])
        return pa.array(values, mask=arrow_mask, type=types[kind])
    if kind == "strings":
        return pa.array(col, type=pa.list_(pa.string()))
    return pa.array(col, type=pa.string())


def _arrow_type(pa: Any, kind: str) -> Any:
    return {"money": pa.int64(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
            "time": pa.timestamp("ns", tz="UTC"), "duration": pa.duration("ns"), "string": pa.string(),
            "strings": pa.list_(pa.string()), "object": pa.string()}[kind]


def _to_arrow(schema: Schema, columns: Dict[str, Any], wanted: Optional[Sequence[str]]) -> Any:
    pa = _need("pyarrow", "to_arrow()", "arrow")
    kinds = dict(schema)
    names = list(wanted) if wanted is not None else [name for name, _ in schema]
    fields = []
    for name in names:
        if name not in kinds:
            raise KeyError(f"no column {name!r} (columns: {', '.join(kinds)})")
        meta = {b"propos.kind": kinds[name].encode()}
        fields.append(pa.field(name, _arrow_type(pa, kinds[name]), metadata=meta))
    arrays = [_arrow_column(pa, kinds[name], columns[name]) for name in names]
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


# ---- public functions ------------------------------------------------------------------------------------

def _resolve(items: Sequence[Any], record_type: Any, schema: Any) -> Tuple[Any, Schema]:
    resolved = _schema_of(schema) if schema is not None else _schema_of(record_type)
    if resolved is None:
        record_type, resolved = _infer(items)
    if resolved is None:
        raise ValueError("a table of these items needs a schema: pass record_type= (e.g. propos.WorkOrder) "
                         "or schema=[(column, kind), ...]")
    return record_type, resolved


def to_pandas(items: Iterable[Any], columns: Optional[Sequence[str]] = None, *, record_type: Any = None,
              schema: Any = None) -> Any:
    """The items as a ``pandas.DataFrame``: one row per record, the columns of the record type (in
    field order) with the dtypes of the module docstring, also when there are no items.

    ``columns`` selects and orders columns. ``record_type`` (e.g. ``propos.WorkOrder``) or ``schema``
    fixes the columns of a plain list; otherwise they come from the first item's type."""
    items = list(items)
    record_type, resolved = _resolve(items, record_type, schema)
    return _to_pandas(resolved, _columns(record_type, resolved, items), len(items), columns)


def to_arrow(items: Iterable[Any], columns: Optional[Sequence[str]] = None, *, record_type: Any = None,
             schema: Any = None) -> Any:
    """The items as a ``pyarrow.Table`` with the schema of the module docstring (NumPy buffers are
    handed to Arrow without a copy where the type allows)."""
    items = list(items)
    record_type, resolved = _resolve(items, record_type, schema)
    return _to_arrow(resolved, _columns(record_type, resolved, items), columns)


def to_polars(items: Iterable[Any], columns: Optional[Sequence[str]] = None, *, record_type: Any = None,
              schema: Any = None) -> Any:
    """The items as a ``polars.DataFrame`` (through Arrow: the same schema)."""
    pl = _need("polars", "to_polars()", "polars")
    return pl.from_arrow(to_arrow(items, columns, record_type=record_type, schema=schema))


def dollars(value: Any) -> Any:
    """Money in dollars: ``int`` cents -> ``Decimal`` (exact); a pandas Series of cents -> ``Float64``
    dollars; a DataFrame from ``to_pandas()`` -> a copy whose money columns are dollars."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError("dollars() takes cents, not a bool")
    if isinstance(value, int) or type(value).__name__.startswith("int"):
        return Decimal(int(value)).scaleb(-2)
    if hasattr(value, "attrs") and hasattr(value, "columns"):
        frame = value.copy()
        for name in value.attrs.get("propos_money", []):
            if name in frame.columns:
                frame[name] = frame[name].astype("Float64") / 100
        frame.attrs["propos_money"] = []
        return frame
    if hasattr(value, "astype"):
        return value.astype("Float64") / 100
    raise TypeError(f"dollars() takes int cents, a Series or a DataFrame, not {type(value).__name__}")


class RecordList(List[T]):
    """A list of records (what every PropOS query returns) whose table schema comes from the record
    type: ``to_pandas()``, ``to_arrow()``, ``to_polars()``, ``to_parquet()`` and ``to_records()``
    give the same columns whether the list is empty or not. Slicing, ``+``, ``copy()``,
    ``sorted()`` and ``filter()`` keep the type (the builtin ``sorted()`` returns a plain list)."""

    __slots__ = ("record_type", "schema")

    def __init__(self, items: Iterable[T] = (), record_type: Any = None, *, schema: Any = None) -> None:
        super().__init__(items)
        #: The record class (e.g. ``propos.WorkOrder``), or None for a table of dicts.
        self.record_type = record_type if hasattr(record_type, "_schema") else None
        #: ``(column, kind)`` pairs.
        self.schema: Optional[Schema] = _schema_of(schema) if schema is not None else _schema_of(self.record_type)

    def _like(self, items: Iterable[T]) -> "RecordList[T]":
        return RecordList(items, self.record_type, schema=self.schema)

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> "RecordList[T]": ...

    def __getitem__(self, index: Union[int, slice]) -> Any:
        if isinstance(index, slice):
            return self._like(super().__getitem__(index))
        return super().__getitem__(index)

    def __add__(self, other: Iterable[T]) -> "RecordList[T]":  # type: ignore[override]
        return self._like(list(self) + list(other))

    def __reduce__(self) -> Any:
        return (_rebuild, (list(self), self.record_type, self.schema))

    def copy(self) -> "RecordList[T]":
        return self._like(self)

    def sorted(self, key: Optional[Callable[[T], Any]] = None, reverse: bool = False) -> "RecordList[T]":
        """A sorted copy (``list.sort()`` sorts in place and keeps the type too)."""
        return self._like(sorted(self, key=key, reverse=reverse))  # type: ignore[type-var,arg-type]

    def filter(self, predicate: Callable[[T], Any]) -> "RecordList[T]":
        """The records for which ``predicate(record)`` is true."""
        return self._like(r for r in self if predicate(r))

    def _resolved(self) -> Tuple[Any, Schema]:
        return _resolve(self, self.record_type, self.schema)

    def to_records(self) -> List[dict]:
        """The records as a list of plain dicts."""
        return to_records(self)

    def to_pandas(self, columns: Optional[Sequence[str]] = None) -> Any:
        """A ``pandas.DataFrame`` with the record type's columns and dtypes (see ``propos._records``)."""
        record_type, schema = self._resolved()
        return _to_pandas(schema, _columns(record_type, schema, self), len(self), columns)

    def to_arrow(self, columns: Optional[Sequence[str]] = None) -> Any:
        """A ``pyarrow.Table`` with the same columns (ImportError naming pyarrow when missing)."""
        record_type, schema = self._resolved()
        return _to_arrow(schema, _columns(record_type, schema, self), columns)

    def to_polars(self, columns: Optional[Sequence[str]] = None) -> Any:
        """A ``polars.DataFrame`` with the same columns (through Arrow)."""
        pl = _need("polars", "to_polars()", "polars")
        return pl.from_arrow(self.to_arrow(columns))

    def to_parquet(self, path: Any, columns: Optional[Sequence[str]] = None, **options: Any) -> None:
        """Writes the table to a Parquet file (pyarrow; ``options`` go to ``pyarrow.parquet.write_table``)."""
        pq = _need("pyarrow.parquet", "to_parquet()", "arrow")
        import os

        pq.write_table(self.to_arrow(columns), os.fspath(path), **options)


def _rebuild(items: List[Any], record_type: Any, schema: Any) -> RecordList:
    return RecordList(items, record_type, schema=schema)
