// Shared pieces of the propos._core bindings: type casters (ids <-> str, Timestamp <-> aware UTC
// datetime, Millis <-> timedelta, Money <-> int cents, model enums <-> their stable names, Json <->
// Python objects), the record binder that gives every plain C++ struct a dataclass-like Python class,
// and helpers for releasing the GIL and converting Python exceptions raised in callbacks.
//
// Every translation unit of the module includes this header first: the casters below are full
// specializations and must be visible wherever the types are converted.
#pragma once

#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <array>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "propos/agent/agent_runner.hpp"
#include "propos/core/clock.hpp"
#include "propos/core/error.hpp"
#include "propos/core/ids.hpp"
#include "propos/core/json.hpp"
#include "propos/core/money.hpp"
#include "propos/llm/provider.hpp"
#include "propos/llm/types.hpp"
#include "propos/model/cadence.hpp"  // follow-up cadences (issue 17)
#include "propos/model/message.hpp"
#include "propos/model/oversight.hpp"
#include "propos/model/portfolio.hpp"
#include "propos/model/procurement.hpp"
#include "propos/model/work_order.hpp"
#include "propos/store/job.hpp"
#include "propos/store/store.hpp"

namespace py = pybind11;

namespace propos_py {

// ---- enum names ---------------------------------------------------------------------------------

/// Stable names of an enum: the model's EnumTraits by default; the bindings add tables for the few
/// enums that have none (llm roles, block types...).
template <class E>
struct EnumNames {
    static constexpr auto& kNames = propos::EnumTraits<E>::kNames;
    static constexpr std::string_view kWhat = propos::EnumTraits<E>::kWhat;
};

template <>
struct EnumNames<propos::llm::Role> {
    static constexpr std::array<std::pair<propos::llm::Role, std::string_view>, 2> kNames{
        {{propos::llm::Role::kUser, "user"}, {propos::llm::Role::kAssistant, "assistant"}}};
    static constexpr std::string_view kWhat = "role";
};
template <>
struct EnumNames<propos::llm::ContentBlock::Type> {
    using T = propos::llm::ContentBlock::Type;
    static constexpr std::array<std::pair<T, std::string_view>, 3> kNames{
        {{T::kText, "text"}, {T::kToolUse, "tool_use"}, {T::kToolResult, "tool_result"}}};
    static constexpr std::string_view kWhat = "content block type";
};
template <>
struct EnumNames<propos::llm::ToolChoice::Mode> {
    using T = propos::llm::ToolChoice::Mode;
    static constexpr std::array<std::pair<T, std::string_view>, 4> kNames{
        {{T::kAuto, "auto"}, {T::kAny, "any"}, {T::kNone, "none"}, {T::kTool, "tool"}}};
    static constexpr std::string_view kWhat = "tool choice mode";
};
template <>
struct EnumNames<propos::llm::StopReason> {
    using T = propos::llm::StopReason;
    static constexpr std::array<std::pair<T, std::string_view>, 9> kNames{
        {{T::kEndTurn, "end_turn"},
         {T::kToolUse, "tool_use"},
         {T::kMaxTokens, "max_tokens"},
         {T::kStopSequence, "stop_sequence"},
         {T::kRefusal, "refusal"},
         {T::kPauseTurn, "pause_turn"},
         {T::kContextWindowExceeded, "model_context_window_exceeded"},
         {T::kContentFilter, "content_filter"},
         {T::kOther, "other"}}};
    static constexpr std::string_view kWhat = "stop reason";
};
template <>
struct EnumNames<propos::Synchronous> {
    using T = propos::Synchronous;
    static constexpr std::array<std::pair<T, std::string_view>, 4> kNames{
        {{T::kOff, "off"}, {T::kNormal, "normal"}, {T::kFull, "full"}, {T::kExtra, "extra"}}};
    static constexpr std::string_view kWhat = "synchronous mode";
};

/// The names of an enum, in declaration order (exposed as propos.enum_names()).
template <class E>
std::vector<std::string> enum_name_list() {
    std::vector<std::string> out;
    for (const auto& [v, name] : EnumNames<E>::kNames) out.emplace_back(name);
    return out;
}

/// Converts an enum to and from its stable snake_case name; an unknown name raises
/// propos.InvalidArgument listing the accepted names.
template <class E>
struct EnumStrCaster {
    PYBIND11_TYPE_CASTER(E, py::detail::const_name("str"));
    bool load(py::handle src, bool) {
        if (!PyUnicode_Check(src.ptr())) return false;
        const auto text = src.cast<std::string>();
        for (const auto& [v, name] : EnumNames<E>::kNames) {
            if (name == text) {
                value = v;
                return true;
            }
        }
        std::string accepted;
        for (const auto& [v, name] : EnumNames<E>::kNames) {
            accepted += accepted.empty() ? "" : ", ";
            accepted += name;
        }
        throw propos::Error(propos::ErrorCode::kInvalidArgument,
                            "unknown " + std::string(EnumNames<E>::kWhat) + " '" + text +
                                "' (expected one of: " + accepted + ")");
    }
    static py::handle cast(E v, py::return_value_policy, py::handle) {
        for (const auto& [e, name] : EnumNames<E>::kNames) {
            if (e == v) return py::str(name.data(), name.size()).release();
        }
        return py::str("unknown").release();
    }
};

// ---- time ---------------------------------------------------------------------------------------

/// Timestamp -> timezone-aware datetime in UTC (microsecond precision).
py::object to_datetime(propos::Timestamp t);
/// datetime (aware: converted to UTC; naive: taken as UTC; pandas.Timestamp too), numpy.datetime64
/// (UTC) or ISO-8601 text -> Timestamp; NaT raises InvalidArgument. Returns false for other types.
bool from_datetime(py::handle src, propos::Timestamp& out);
/// int cents, decimal text, Decimal dollars -> Money (floats raise InvalidArgument). Returns false
/// for other types.
bool from_money(py::handle src, propos::Money& out);
/// Millis -> datetime.timedelta.
py::object to_timedelta(propos::Millis d);
/// timedelta, numpy.timedelta64, a number of seconds, or text like "90m"/"1.5h" -> Millis. Returns
/// false for other types.
bool from_timedelta(py::handle src, propos::Millis& out);

/// Whether a value stands for "no value": None, a float NaN (NumPy's too), pandas' NaT and NA, and
/// NumPy's datetime64/timedelta64 NaT.
bool is_missing(py::handle h);
/// os.fspath(h) as UTF-8: str, pathlib.Path and any os.PathLike.
std::string fspath(py::handle h);

/// A file-system path argument: str, bytes or any os.PathLike (pathlib.Path).
struct PathArg {
    std::string path;
};

// ---- JSON ---------------------------------------------------------------------------------------

/// nlohmann::json -> dict / list / str / int / float / bool / None.
py::object json_to_python(const propos::Json& j);
/// The inverse; raises propos.InvalidArgument naming the offending type for anything else.
propos::Json python_to_json(py::handle h);

// ---- errors -------------------------------------------------------------------------------------

/// Holds a Python exception raised by Python code that C++ called (a provider, an embedder, a
/// channel, a callback) while it travels through C++ inside a propos::Error; when it reaches Python
/// again the original exception is re-raised unchanged.
class PyErrorHolder {
public:
    explicit PyErrorHolder(py::error_already_set error)
        : error_(std::make_shared<py::error_already_set>(std::move(error))) {}
    virtual ~PyErrorHolder() = default;
    /// Restores the original exception as the current Python error (needs the GIL).
    void restore() const { error_->restore(); }

private:
    std::shared_ptr<py::error_already_set> error_;
};

/// A propos::Error carrying a Python exception; its code is derived from the Python exception (see
/// python_error_code).
class PyCallbackError : public propos::Error, public PyErrorHolder {
public:
    PyCallbackError(propos::ErrorCode code, const std::string& message, py::error_already_set error)
        : Error(code, message), PyErrorHolder(std::move(error)) {}
};

/// The same for LLM providers, which must fail with llm::ProviderError (the agent records it).
class PyProviderError : public propos::llm::ProviderError, public PyErrorHolder {
public:
    PyProviderError(propos::ErrorCode code, const std::string& message, py::error_already_set error)
        : ProviderError(code, message), PyErrorHolder(std::move(error)) {}
};

/// The ErrorCode for a Python exception: a propos.Error's own code; ConnectionError and
/// TimeoutError -> unavailable; PermissionError -> permission_denied; FileNotFoundError and
/// LookupError -> not_found; other OSError -> io; ValueError and TypeError -> invalid_argument;
/// anything else -> internal. Needs the GIL.
propos::ErrorCode python_error_code(const py::error_already_set& e);

/// "<where> raised <ExceptionType>: <message>". Needs the GIL.
std::string python_error_message(const py::error_already_set& e, std::string_view where);

/// Throws PyCallbackError for the Python exception `e` raised in `where` (e.g. "Embedder.embed").
/// Needs the GIL.
[[noreturn]] void rethrow_as_error(py::error_already_set& e, std::string_view where);

/// A call of run_until_idle()/tick()/advance() from Python on this thread: what the Coordinator's
/// between_jobs hook consults (strict mode, progress, Ctrl-C) and where the exceptions raised by
/// Python code that C++ called meanwhile are collected.
struct RunScope {
    bool strict = false;
    py::object progress;                                  ///< callable(stats, now), or None
    std::function<propos::Timestamp()> now;               ///< the coordinator's clock
    std::shared_ptr<py::error_already_set> first_error;   ///< the first exception of Python code
    std::shared_ptr<py::error_already_set> stop_error;    ///< KeyboardInterrupt, or the progress callback's
    RunScope* previous = nullptr;
};
/// The RunScope of this thread (nullptr outside a run).
RunScope*& current_run_scope();

/// Records an exception raised by Python code that C++ called (`where`: e.g. "LlmProvider.complete"):
/// kept by the current RunScope (strict mode re-raises it, traceback and all) and logged with its
/// traceback at debug level on the "propos" logger. Needs the GIL.
void note_python_error(const py::error_already_set& e, std::string_view where);

/// Makes constructing a Python subclass of `cls` that does not define each of `methods` raise
/// TypeError naming them (as an abstract base class does), instead of failing when C++ calls them.
void require_methods(py::handle cls, std::vector<std::string> methods);

/// Sets keyword arguments on a record object; an unknown keyword raises TypeError naming it and the
/// accepted ones (`function`: the call the keywords were given to).
void apply_keywords(py::handle record, const py::kwargs& kw, std::string_view function);

/// Calls the Python override `method` of a trampoline object with the GIL held and converts the
/// result to R. A Python exception becomes ErrorT (PyCallbackError or PyProviderError); a result of
/// the wrong type raises InvalidArgument naming `where`; a missing override FailedPrecondition.
template <class R, class ErrorT = PyCallbackError, class Base, class... Args>
R call_override(const Base* self, const char* method, const char* where, Args&&... args) {
    py::gil_scoped_acquire gil;
    py::function fn = py::get_override(self, method);
    if (!fn) {
        throw propos::Error(propos::ErrorCode::kFailedPrecondition,
                            std::string(where) + " is not implemented by the Python class");
    }
    py::object result;
    try {
        result = fn(std::forward<Args>(args)...);
    } catch (py::error_already_set& e) {
        note_python_error(e, where);
        const auto code = python_error_code(e);
        const auto message = python_error_message(e, where);
        throw ErrorT(code, message, std::move(e));
    }
    if constexpr (std::is_void_v<R>) {
        return;
    } else {
        try {
            return result.cast<R>();
        } catch (const py::cast_error&) {
            throw propos::Error(propos::ErrorCode::kInvalidArgument,
                                std::string(where) + " returned a value of the wrong type (" +
                                    std::string(py::str(py::type::handle_of(result).attr("__name__"))) +
                                    ")");
        }
    }
}

/// Registers the exception classes (propos.Error and one subclass per ErrorCode) and the
/// translator from C++ exceptions to them.
void bind_errors(py::module_& m);

// ---- GIL and results ----------------------------------------------------------------------------

/// The Python name of a field without a trailing underscore ("from_" -> "from"): the dict key.
std::string dict_key(std::string_view attr);
/// A field's Python value made plain for to_dict(): records become dicts, lists are mapped.
py::object plain_value(py::handle value);
/// json.dumps(value, sort_keys=True, default=str): the table form of a value without a C++ JSON form.
py::str json_text(py::handle value);


/// Runs `fn` with the GIL released and returns its result (converted afterwards, with the GIL).
template <class F>
auto nogil(F&& fn) -> decltype(fn()) {
    py::gil_scoped_release release;
    return fn();
}

/// A `propos.RecordList` of `record_type` (a list with to_records()/to_pandas()/to_arrow()) holding
/// the converted items; its table schema comes from the record type, so an empty list has columns.
py::object record_list(py::list items, py::handle record_type);

/// What a query returns: a `propos.RecordList` of T. The type only shapes the signature, so the stubs
/// say `RecordList[WorkOrder]` instead of `Any`.
template <class T>
class RecordListOf : public py::object {
public:
    RecordListOf() = default;
    explicit RecordListOf(py::object o) : py::object(std::move(o)) {}
};

template <class T>
RecordListOf<T> record_list(std::vector<T> items) {
    return RecordListOf<T>(record_list(py::cast<py::list>(py::cast(std::move(items))), py::type::of<T>()));
}

// ---- table columns ------------------------------------------------------------------------------

/// The table kind of a field's C++ type, which fixes its column type whatever the data:
/// "money" (int cents), "int", "float", "bool", "time" (UTC), "duration", "string" (ids, enums,
/// text), "strings" (a list of them) or "object" (records, lists of records, JSON payloads: their JSON
/// text in tables).
template <class M>
struct FieldKind {
    static constexpr const char* value = std::is_same_v<M, bool>       ? "bool"
                                         : std::is_integral_v<M>       ? "int"
                                         : std::is_floating_point_v<M> ? "float"
                                         : std::is_enum_v<M>           ? "string"
                                                                       : "object";
};
template <class M>
struct FieldKind<std::optional<M>> : FieldKind<M> {};
template <>
struct FieldKind<propos::Money> {
    static constexpr const char* value = "money";
};
template <>
struct FieldKind<propos::Timestamp> {
    static constexpr const char* value = "time";
};
template <>
struct FieldKind<propos::Millis> {
    static constexpr const char* value = "duration";
};
template <>
struct FieldKind<std::string> {
    static constexpr const char* value = "string";
};
template <class Tag>
struct FieldKind<propos::Id<Tag>> {
    static constexpr const char* value = "string";
};
template <>
struct FieldKind<std::vector<std::string>> {
    static constexpr const char* value = "strings";
};
template <class Tag>
struct FieldKind<std::vector<propos::Id<Tag>>> {
    static constexpr const char* value = "strings";
};

template <class M>
struct Unoptional {
    using type = M;
};
template <class M>
struct Unoptional<std::optional<M>> {
    using type = M;
};

/// A numeric column: the values of a primitive NumPy dtype and a mask (True: missing).
template <class V>
struct NumericColumn {
    py::array_t<V> values;
    py::array_t<bool> mask;
    V* v;
    bool* m;
    explicit NumericColumn(std::size_t n)
        : values(static_cast<py::ssize_t>(n)), mask(static_cast<py::ssize_t>(n)),
          v(values.mutable_data()), m(mask.mutable_data()) {}
    py::object done() { return py::make_tuple(values, mask); }
};

/// Nanoseconds since the epoch, or nothing when the time is outside what datetime64[ns] holds.
std::optional<std::int64_t> to_unix_nanos(propos::Timestamp t);

/// One column of a table, as the Python side builds pandas/Arrow columns from it: a (values, mask)
/// pair of NumPy arrays for money/int/float/bool/time/duration (int64 cents, int64, float64, bool,
/// int64 ns since the epoch, int64 ns), else a list (str or None for strings — an empty id is None —,
/// lists of str for "strings", the JSON text of the stored form for objects).
template <class T, class M>
py::object table_column(const std::vector<const T*>& rows, M T::*member) {
    using B = typename Unoptional<M>::type;
    constexpr bool optional = !std::is_same_v<B, M>;
    const std::string_view kind = FieldKind<M>::value;
    const auto get = [member](const T* row) -> const B* {
        if constexpr (optional) {
            const auto& o = row->*member;
            return o ? &*o : nullptr;
        } else {
            return &(row->*member);
        }
    };
    if constexpr (std::is_same_v<B, propos::Money> || std::is_same_v<B, propos::Timestamp> ||
                  std::is_same_v<B, propos::Millis> || std::is_arithmetic_v<B>) {
        using V = std::conditional_t<std::is_same_v<B, bool>, bool,
                                     std::conditional_t<std::is_floating_point_v<B>, double, std::int64_t>>;
        NumericColumn<V> col(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const B* x = get(rows[i]);
            std::optional<V> value;
            if (x) {
                if constexpr (std::is_same_v<B, propos::Money>) {
                    value = x->in_cents();
                } else if constexpr (std::is_same_v<B, propos::Timestamp>) {
                    value = to_unix_nanos(*x);
                } else if constexpr (std::is_same_v<B, propos::Millis>) {
                    value = std::chrono::duration_cast<std::chrono::nanoseconds>(*x).count();
                } else {
                    value = static_cast<V>(*x);
                }
            }
            col.m[i] = !value.has_value();
            col.v[i] = value.value_or(V{});
        }
        return col.done();
    } else {
        py::list out(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const B* x = get(rows[i]);
            py::object value = x ? py::cast(*x) : py::none();
            if (kind == "string") {
                if (x && PyUnicode_Check(value.ptr()) && PyUnicode_GET_LENGTH(value.ptr()) == 0 &&
                    !std::is_same_v<B, std::string>) {
                    value = py::none();  // an id that is not set
                }
            } else if (kind != "strings" && x) {
                if constexpr (std::is_constructible_v<propos::Json, const B&>) {
                    value = py::str(propos::canonical_json(propos::Json(*x)));  // the stored JSON form
                } else {
                    value = json_text(plain_value(value));
                }
            }
            out[i] = std::move(value);
        }
        return out;
    }
}

// ---- the record binder --------------------------------------------------------------------------


/// Binds a plain C++ struct as a dataclass-like Python class:
///   - keyword constructor `T(**fields)` and construction from a dict (so a dict is accepted
///     wherever a T is expected, e.g. `wo.history = [{"to": "triaged", ...}]`);
///   - attributes for the fields (records by reference: `v.scorecard.rating = 4.5` edits `v`);
///   - `_fields`, `to_dict()` (attribute names as keys, trailing "_" dropped: `from_` -> "from";
///     datetimes, int cents, names of enums), `from_dict()` (accepts to_dict() output and the JSON
///     form), `__eq__`, `__repr__`, copy and pickle support;
///   - with `.json()`: `to_json()` / `from_json()` through the C++ JSON functions (the stored form).
/// Adding a field to a C++ struct is one `.field(...)` line here and one line in the stub.
template <class T>
class Record {
public:
    struct Field {
        std::string attr;
        std::string key;
        std::function<py::object(const T&)> get;
        std::function<void(T&, py::handle)> set;
        std::string kind;  // FieldKind: the column type of tables
        std::function<py::object(const std::vector<const T*>&)> column;
    };
    using Fields = std::vector<Field>;

    Record(py::handle scope, const char* name, const char* doc)
        : cls_(scope, name, doc), fields_(std::make_shared<Fields>()), name_(name) {}

    template <class M>
    Record& field(const char* attr, M T::*member, const char* doc = "") {
        const std::string where = name_ + "." + attr;
        fields_->push_back(Field{
            attr, dict_key(attr), [member](const T& v) { return py::cast(v.*member); },
            [member, where](T& v, py::handle h) {
                if (is_missing(h)) {  // None, NaN, NaT, pd.NA: the field's default (None when optional)
                    v.*member = T{}.*member;
                    return;
                }
                try {
                    if constexpr (std::is_same_v<M, std::string>) {
                        if (!PyUnicode_Check(h.ptr()) && py::hasattr(h, "__fspath__")) {
                            v.*member = fspath(h);
                            return;
                        }
                    }
                    v.*member = h.cast<M>();
                } catch (const py::cast_error&) {
                    throw propos::Error(propos::ErrorCode::kInvalidArgument,
                                        where + ": cannot use a value of type " +
                                            std::string(py::str(py::type::handle_of(h).attr("__name__"))));
                } catch (const propos::Error& e) {
                    throw propos::Error(e.code(), where + ": " + e.what());
                }
            },
            FieldKind<M>::value, [member](const std::vector<const T*>& rows) { return table_column(rows, member); }});
        if constexpr (std::is_class_v<M> && py::detail::is_copy_constructible<M>::value &&
                      !std::is_same_v<M, std::string>) {
            cls_.def_property(
                attr, [member](T& v) -> M& { return v.*member; },
                [set = fields_->back().set](T& v, py::handle h) { set(v, h); },
                py::return_value_policy::reference_internal, doc);
        } else {
            cls_.def_property(
                attr, [member](const T& v) { return v.*member; },
                [set = fields_->back().set](T& v, py::handle h) { set(v, h); }, doc);
        }
        return *this;
    }

    /// Adds to_json()/from_json() through the C++ to_json/from_json of T.
    Record& json() {
        cls_.def(
            "to_json",
            [](const T& v) {
                propos::Json j = v;
                return propos::canonical_json(j);
            },
            "The stored JSON form (canonical: sorted keys, no spaces).");
        cls_.def_static(
            "from_json",
            [name = name_](py::object text) {
                const propos::Json j = py::isinstance<py::str>(text)
                                           ? propos::parse_json(text.cast<std::string>(), name)
                                           : python_to_json(text);
                return j.get<T>();
            },
            py::arg("data"),
            "Reads the stored JSON form (a JSON string, or the dict it parses to). Raises "
            "InvalidArgument naming the bad field.");
        return *this;
    }

    py::class_<T>& cls() { return cls_; }
    const std::shared_ptr<Fields>& fields() const { return fields_; }

    /// Applies keyword arguments / dict items to `v`; unknown names raise TypeError for keywords,
    /// InvalidArgument for dict items.
    static void apply(const Fields& fields, const std::string& type_name, T& v, const py::dict& items,
                      bool keywords = false) {
        for (auto [k, value] : items) {
            const auto key = py::cast<std::string>(k);
            const Field* f = nullptr;
            for (const auto& candidate : fields) {
                if (candidate.attr == key || candidate.key == key) f = &candidate;
            }
            if (!f) {
                std::string names;
                for (const auto& candidate : fields) names += (names.empty() ? "" : ", ") + candidate.key;
                if (keywords) {
                    throw py::type_error(type_name + "() got an unexpected keyword argument '" + key +
                                         "' (fields: " + names + ")");
                }
                throw propos::Error(propos::ErrorCode::kInvalidArgument,
                                    type_name + " has no field '" + key + "' (fields: " + names + ")");
            }
            f->set(v, value);
        }
    }

    /// Finishes the class: constructor, dict conversions, equality, repr, copy, pickle.
    ~Record() noexcept(false) {
        auto fields = fields_;
        const auto name = name_;
        py::tuple names(fields->size());
        for (std::size_t i = 0; i < fields->size(); ++i) names[i] = py::str((*fields)[i].attr);
        cls_.attr("_fields") = names;
        py::tuple schema(fields->size());
        for (std::size_t i = 0; i < fields->size(); ++i) {
            schema[i] = py::make_tuple((*fields)[i].key, (*fields)[i].kind);
        }
        cls_.attr("_schema") = schema;
        cls_.def_static(
            "_columns",
            [fields](const py::sequence& items) {
                std::vector<const T*> rows;
                rows.reserve(items.size());
                for (auto item : items) rows.push_back(&item.template cast<const T&>());
                py::dict out;
                for (const auto& f : *fields) out[py::str(f.key)] = f.column(rows);
                return out;
            },
            py::arg("items"),
            "Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) "
            "NumPy arrays or a list.");
        cls_.def(py::init([fields, name](const py::kwargs& kw) {
                     T v{};
                     apply(*fields, name, v, kw, true);
                     return v;
                 }),
                 "Keyword constructor: every field may be given; the others keep their defaults.");
        cls_.def(py::init([fields, name](const py::dict& d) {
                     T v{};
                     apply(*fields, name, v, d);
                     return v;
                 }),
                 py::arg("data"), "From a dict of fields (as to_dict() returns).");
        py::implicitly_convertible<py::dict, T>();
        cls_.def(
            "to_dict",
            [fields](const T& v) {
                py::dict d;
                for (const auto& f : *fields) d[py::str(f.key)] = plain_value(f.get(v));
                return d;
            },
            "The fields as a dict of plain Python values (nested records as dicts).");
        cls_.def_static(
            "from_dict",
            [fields, name](const py::dict& d) {
                T v{};
                apply(*fields, name, v, d);
                return v;
            },
            py::arg("data"), "Builds the record from a dict (to_dict() output; unknown keys raise).");
        if constexpr (std::equality_comparable<T>) {
            cls_.def("__eq__", [](const T& a, const T& b) { return a == b; }, py::is_operator());
        } else {
            cls_.def(
                "__eq__",
                [fields](const T& a, const T& b) {
                    for (const auto& f : *fields) {
                        if (!f.get(a).equal(f.get(b))) return false;
                    }
                    return true;
                },
                py::is_operator());
        }
        cls_.def("__eq__", [](const T&, py::handle) {
            return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        });
        cls_.attr("__hash__") = py::none();
        cls_.def("__repr__", [fields, name](const T& v) {
            std::string out = name + "(";
            bool first = true;
            for (const auto& f : *fields) {
                out += (first ? "" : ", ") + f.attr + "=" + std::string(py::repr(f.get(v)));
                first = false;
            }
            return out + ")";
        });
        cls_.def("__copy__", [](const T& v) { return T(v); });
        cls_.def("__deepcopy__", [](const T& v, py::handle) { return T(v); }, py::arg("memo"));
        cls_.def(py::pickle(
            [fields](const T& v) {
                py::dict d;
                for (const auto& f : *fields) d[py::str(f.attr)] = f.get(v);
                return d;
            },
            [fields, name](const py::dict& d) {
                T v{};
                apply(*fields, name, v, d);
                return v;
            }));
    }

    Record(const Record&) = delete;
    Record& operator=(const Record&) = delete;

private:
    py::class_<T> cls_;
    std::shared_ptr<Fields> fields_;
    std::string name_;
};

// ---- the parts of the module, one per layer (bind order matters: types before their users) ----
void bind_core(py::module_& m);
void bind_model(py::module_& m);
void bind_llm(py::module_& m);
void bind_store(py::module_& m);
void bind_search(py::module_& m);
void bind_channels(py::module_& m);
void bind_agent(py::module_& m);
void bind_onboarding(py::module_& m);  // onboarding (issue 17)
void bind_workflow_rules(py::module_& m);  // rule packs, legal deadlines, renewal replies (issue 17)
void bind_coordinator(py::module_& m);

}  // namespace propos_py

// ---- type casters -------------------------------------------------------------------------------
namespace pybind11::detail {

template <class T>
struct handle_type_name<propos_py::RecordListOf<T>> {
    static constexpr auto name = const_name("propos._records.RecordList[") + make_caster<T>::name + const_name("]");
};

template <class Tag>
struct type_caster<propos::Id<Tag>> {
    PYBIND11_TYPE_CASTER(propos::Id<Tag>, const_name("str"));
    bool load(handle src, bool) {
        if (!PyUnicode_Check(src.ptr())) return false;
        value = propos::Id<Tag>(src.cast<std::string>());
        return true;
    }
    static handle cast(const propos::Id<Tag>& v, return_value_policy, handle) {
        return str(v.str()).release();
    }
};

template <>
struct type_caster<propos::Timestamp> {
    PYBIND11_TYPE_CASTER(propos::Timestamp, const_name("datetime.datetime"));
    bool load(handle src, bool) { return propos_py::from_datetime(src, value); }
    static handle cast(propos::Timestamp v, return_value_policy, handle) {
        return propos_py::to_datetime(v).release();
    }
};

template <>
struct type_caster<propos::Millis> {
    PYBIND11_TYPE_CASTER(propos::Millis, const_name("datetime.timedelta"));
    bool load(handle src, bool) { return propos_py::from_timedelta(src, value); }
    static handle cast(propos::Millis v, return_value_policy, handle) {
        return propos_py::to_timedelta(v).release();
    }
};

/// Money is integer cents in Python (as in the JSON form). Input: an int (NumPy integers too), a
/// decimal string such as "12.50" / "$1,234.50" (Money::parse) or a Decimal of dollars. Floats are
/// refused: money is never binary floating point.
template <>
struct type_caster<propos::Money> {
    PYBIND11_TYPE_CASTER(propos::Money, const_name("int"));
    bool load(handle src, bool) { return propos_py::from_money(src, value); }
    static handle cast(propos::Money v, return_value_policy, handle) {
        return int_(v.in_cents()).release();
    }
};

template <>
struct type_caster<propos_py::PathArg> {
    PYBIND11_TYPE_CASTER(propos_py::PathArg, io_name("str | os.PathLike", "str"));
    bool load(handle src, bool) {
        if (!PyUnicode_Check(src.ptr()) && !PyBytes_Check(src.ptr()) && !hasattr(src, "__fspath__")) return false;
        value.path = propos_py::fspath(src);
        return true;
    }
    static handle cast(const propos_py::PathArg& v, return_value_policy, handle) { return str(v.path).release(); }
};

template <>
struct type_caster<propos::Json> {
    PYBIND11_TYPE_CASTER(propos::Json, const_name("typing.Any"));
    bool load(handle src, bool) {
        value = propos_py::python_to_json(src);
        return true;
    }
    static handle cast(const propos::Json& v, return_value_policy, handle) {
        return propos_py::json_to_python(v).release();
    }
};

/// Optional times, durations and amounts: NaN, NaT and pd.NA are None too.
template <class T>
struct missing_aware_optional : optional_caster<std::optional<T>> {
    bool load(handle src, bool convert) {
        if (propos_py::is_missing(src)) {
            this->value = std::nullopt;
            return true;
        }
        return optional_caster<std::optional<T>>::load(src, convert);
    }
};
template <>
struct type_caster<std::optional<propos::Timestamp>> : missing_aware_optional<propos::Timestamp> {};
template <>
struct type_caster<std::optional<propos::Millis>> : missing_aware_optional<propos::Millis> {};
template <>
struct type_caster<std::optional<propos::Money>> : missing_aware_optional<propos::Money> {};

#define PROPOS_PY_ENUM_CASTER(E) \
    template <>                  \
    struct type_caster<E> : propos_py::EnumStrCaster<E> {}

PROPOS_PY_ENUM_CASTER(propos::Channel);
PROPOS_PY_ENUM_CASTER(propos::RenewalStatus);  // lease renewals (issue 17)
PROPOS_PY_ENUM_CASTER(propos::Direction);
PROPOS_PY_ENUM_CASTER(propos::DeliveryStatus);
PROPOS_PY_ENUM_CASTER(propos::ComplianceStatus);
PROPOS_PY_ENUM_CASTER(propos::Severity);
PROPOS_PY_ENUM_CASTER(propos::EscalationStatus);
PROPOS_PY_ENUM_CASTER(propos::BidStatus);
PROPOS_PY_ENUM_CASTER(propos::PurchaseOrderStatus);
PROPOS_PY_ENUM_CASTER(propos::InvoiceStatus);
PROPOS_PY_ENUM_CASTER(propos::WorkOrderStatus);
PROPOS_PY_ENUM_CASTER(propos::Priority);
PROPOS_PY_ENUM_CASTER(propos::Intent);
PROPOS_PY_ENUM_CASTER(propos::JobState);
PROPOS_PY_ENUM_CASTER(propos::RunStatus);
PROPOS_PY_ENUM_CASTER(propos::Synchronous);
PROPOS_PY_ENUM_CASTER(propos::llm::Role);
PROPOS_PY_ENUM_CASTER(propos::llm::ContentBlock::Type);
PROPOS_PY_ENUM_CASTER(propos::llm::ToolChoice::Mode);
PROPOS_PY_ENUM_CASTER(propos::llm::StopReason);
// Follow-up cadences (issue 17):
PROPOS_PY_ENUM_CASTER(propos::CadenceChannel);
PROPOS_PY_ENUM_CASTER(propos::CadenceStatus);
PROPOS_PY_ENUM_CASTER(propos::CadenceStepStatus);

}  // namespace pybind11::detail
