// Conversions shared by every part of the module: time, JSON, record lists.
#include "common.hpp"

#include <datetime.h>

#include <chrono>
#include <cmath>
#include <limits>

#include "propos/core/time.hpp"

namespace propos_py {
namespace {

using namespace std::chrono;

void ensure_datetime_api() {
    if (!PyDateTimeAPI) {
        PyDateTime_IMPORT;
        if (!PyDateTimeAPI) throw py::error_already_set();
    }
}

}  // namespace

py::object to_datetime(propos::Timestamp t) {
    ensure_datetime_api();
    const auto us = duration_cast<microseconds>(t.time_since_epoch());
    const auto day = floor<days>(us);
    const year_month_day ymd{sys_days(day)};
    const hh_mm_ss<microseconds> tod{us - day};
    PyObject* out = PyDateTimeAPI->DateTime_FromDateAndTime(
        static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
        static_cast<int>(static_cast<unsigned>(ymd.day())), static_cast<int>(tod.hours().count()),
        static_cast<int>(tod.minutes().count()), static_cast<int>(tod.seconds().count()),
        static_cast<int>(tod.subseconds().count()), PyDateTime_TimeZone_UTC,
        PyDateTimeAPI->DateTimeType);
    if (!out) throw py::error_already_set();
    return py::reinterpret_steal<py::object>(out);
}

namespace {

/// The name of a value's type ("datetime64", "Decimal"...).
std::string type_name(py::handle h) { return py::str(py::type::handle_of(h).attr("__name__")); }

/// A NumPy datetime64/timedelta64 scalar as an integer count of microseconds.
std::int64_t numpy_micros(py::handle h, const char* unit) {
    return h.attr("astype")(unit).attr("astype")("int64").cast<std::int64_t>();
}

}  // namespace

bool from_datetime(py::handle src, propos::Timestamp& out) {
    ensure_datetime_api();
    PyObject* o = src.ptr();
    if (PyUnicode_Check(o)) {
        out = propos::parse_time(src.cast<std::string>());
        return true;
    }
    const bool numpy = !PyDate_Check(o) && type_name(src) == "datetime64";
    if (!PyDate_Check(o) && !numpy) return false;
    if (is_missing(src)) {
        throw propos::Error(propos::ErrorCode::kInvalidArgument, "a missing time (NaT) where a time is required");
    }
    if (numpy) {
        out = propos::Timestamp(duration_cast<system_clock::duration>(microseconds(numpy_micros(src, "datetime64[us]"))));
        return true;
    }
    const year_month_day ymd{year{PyDateTime_GET_YEAR(o)},
                             month{static_cast<unsigned>(PyDateTime_GET_MONTH(o))},
                             day{static_cast<unsigned>(PyDateTime_GET_DAY(o))}};
    microseconds us = duration_cast<microseconds>(sys_days(ymd).time_since_epoch());
    if (PyDateTime_Check(o)) {
        us += hours(PyDateTime_DATE_GET_HOUR(o)) + minutes(PyDateTime_DATE_GET_MINUTE(o)) +
              seconds(PyDateTime_DATE_GET_SECOND(o)) + microseconds(PyDateTime_DATE_GET_MICROSECOND(o));
        py::object offset = src.attr("utcoffset")();
        if (!offset.is_none()) {
            PyObject* d = offset.ptr();
            us -= days(PyDateTime_DELTA_GET_DAYS(d)) + seconds(PyDateTime_DELTA_GET_SECONDS(d)) +
                  microseconds(PyDateTime_DELTA_GET_MICROSECONDS(d));
        }
    }
    out = propos::Timestamp(duration_cast<system_clock::duration>(us));
    return true;
}

py::object to_timedelta(propos::Millis d) {
    ensure_datetime_api();
    const auto us = duration_cast<microseconds>(d);
    const auto whole_days = floor<days>(us);
    const auto rest = us - whole_days;
    const auto secs = floor<seconds>(rest);
    PyObject* out = PyDelta_FromDSU(static_cast<int>(whole_days.count()), static_cast<int>(secs.count()),
                                    static_cast<int>((rest - secs).count()));
    if (!out) throw py::error_already_set();
    return py::reinterpret_steal<py::object>(out);
}

bool from_timedelta(py::handle src, propos::Millis& out) {
    ensure_datetime_api();
    PyObject* o = src.ptr();
    if (PyUnicode_Check(o)) {
        out = propos::parse_duration(src.cast<std::string>());
        return true;
    }
    if (!PyDelta_Check(o) && type_name(src) == "timedelta64") {
        if (is_missing(src)) {
            throw propos::Error(propos::ErrorCode::kInvalidArgument,
                                "a missing duration (NaT) where a duration is required");
        }
        out = duration_cast<propos::Millis>(microseconds(numpy_micros(src, "timedelta64[us]")));
        return true;
    }
    if (!PyDelta_Check(o) && !PyBool_Check(o) && (PyNumber_Check(o) && (PyFloat_Check(o) || PyIndex_Check(o)))) {
        // A number is seconds (as time.sleep and timeouts take them).
        const double secs = py::float_(py::reinterpret_borrow<py::object>(src)).cast<double>();
        if (!std::isfinite(secs)) {
            throw propos::Error(propos::ErrorCode::kInvalidArgument, "a duration in seconds must be finite");
        }
        out = propos::Millis(static_cast<std::int64_t>(std::llround(secs * 1000.0)));
        return true;
    }
    if (!PyDelta_Check(o)) return false;
    out = duration_cast<propos::Millis>(days(PyDateTime_DELTA_GET_DAYS(o)) +
                                        seconds(PyDateTime_DELTA_GET_SECONDS(o)) +
                                        microseconds(PyDateTime_DELTA_GET_MICROSECONDS(o)));
    return true;
}

bool is_missing(py::handle h) {
    PyObject* o = h.ptr();
    if (o == Py_None) return true;
    if (PyFloat_Check(o)) return std::isnan(PyFloat_AsDouble(o));
    if (PyUnicode_Check(o) || PyLong_Check(o) || PyBool_Check(o)) return false;
    const std::string type = py::str(py::type::handle_of(h).attr("__name__"));
    if (type == "NaTType" || type == "NAType") return true;
    if (type == "datetime64" || type == "timedelta64") return std::string(py::str(h)) == "NaT";
    if (type.starts_with("float")) return std::isnan(py::float_(py::reinterpret_borrow<py::object>(h)).cast<double>());
    return false;
}

bool from_money(py::handle src, propos::Money& out) {
    PyObject* o = src.ptr();
    if (PyBool_Check(o)) return false;
    if (PyLong_Check(o) || (PyIndex_Check(o) && !PyFloat_Check(o))) {  // int, NumPy integers
        out = propos::Money::cents(py::int_(py::reinterpret_borrow<py::object>(src)).cast<std::int64_t>());
        return true;
    }
    if (PyUnicode_Check(o)) {
        out = propos::Money::parse(src.cast<std::string>());
        return true;
    }
    if (type_name(src) == "Decimal") {  // dollars, exactly
        if (!py::bool_(src.attr("is_finite")())) {
            throw propos::Error(propos::ErrorCode::kInvalidArgument, "money cannot be " + std::string(py::str(src)));
        }
        out = propos::Money::parse(std::string(py::str(src.attr("__format__")("f"))));
        return true;
    }
    if (PyFloat_Check(o) || type_name(src).starts_with("float")) {
        throw propos::Error(propos::ErrorCode::kInvalidArgument,
                            "money is integer cents (or a decimal string like '12.50', or a Decimal of "
                            "dollars), not a float");
    }
    return false;
}

std::string fspath(py::handle h) {
    PyObject* p = PyOS_FSPath(h.ptr());
    if (!p) throw py::error_already_set();
    py::object path = py::reinterpret_steal<py::object>(p);
    return path.cast<std::string>();
}

py::object json_to_python(const propos::Json& j) {
    using V = propos::Json::value_t;
    switch (j.type()) {
        case V::null:
        case V::discarded:
            return py::none();
        case V::boolean:
            return py::bool_(j.get<bool>());
        case V::number_integer:
            return py::int_(j.get<std::int64_t>());
        case V::number_unsigned:
            return py::int_(j.get<std::uint64_t>());
        case V::number_float:
            return py::float_(j.get<double>());
        case V::string:
            return py::str(j.get_ref<const std::string&>());
        case V::binary:
            return py::bytes(std::string(j.get_binary().begin(), j.get_binary().end()));
        case V::array: {
            py::list out(j.size());
            std::size_t i = 0;
            for (const auto& item : j) out[i++] = json_to_python(item);
            return out;
        }
        case V::object: {
            py::dict out;
            for (const auto& [k, v] : j.items()) out[py::str(k)] = json_to_python(v);
            return out;
        }
    }
    return py::none();
}

propos::Json python_to_json(py::handle h) {
    PyObject* o = h.ptr();
    if (o == Py_None) return nullptr;
    if (PyBool_Check(o)) return o == Py_True;
    if (PyLong_Check(o) || (PyIndex_Check(o) && !PyFloat_Check(o))) {
        py::int_ i = py::reinterpret_borrow<py::object>(h);
        int overflow = 0;
        const long long v = PyLong_AsLongLongAndOverflow(i.ptr(), &overflow);
        if (overflow == 0) return static_cast<std::int64_t>(v);
        if (overflow > 0) {
            const unsigned long long u = PyLong_AsUnsignedLongLong(i.ptr());
            if (!PyErr_Occurred()) return static_cast<std::uint64_t>(u);
            PyErr_Clear();
        }
        throw propos::Error(propos::ErrorCode::kInvalidArgument,
                            "integer " + std::string(py::str(h)) + " does not fit in 64 bits");
    }
    if (PyFloat_Check(o)) return PyFloat_AsDouble(o);
    if (PyUnicode_Check(o)) return h.cast<std::string>();
    if (PyDict_Check(o)) {
        propos::Json out = propos::Json::object();
        for (auto [k, v] : py::reinterpret_borrow<py::dict>(h)) {
            if (!PyUnicode_Check(k.ptr())) {
                throw propos::Error(propos::ErrorCode::kInvalidArgument,
                                    "JSON object keys must be strings, got " +
                                        std::string(py::str(py::type::handle_of(k).attr("__name__"))));
            }
            out[k.cast<std::string>()] = python_to_json(v);
        }
        return out;
    }
    if (PyList_Check(o) || PyTuple_Check(o)) {
        propos::Json out = propos::Json::array();
        for (auto item : py::reinterpret_borrow<py::sequence>(h)) out.push_back(python_to_json(item));
        return out;
    }
    propos::Timestamp t;
    if (PyDate_Check(o) && from_datetime(h, t)) return propos::format_time(t);
    if (py::hasattr(h, "to_json") && py::hasattr(h, "_fields")) {
        return propos::parse_json(h.attr("to_json")().cast<std::string>(), "record");
    }
    if (py::hasattr(h, "tolist")) return python_to_json(h.attr("tolist")());  // NumPy arrays/scalars
    if (PyNumber_Check(o) && py::hasattr(h, "__float__")) {
        return py::float_(py::reinterpret_borrow<py::object>(h)).cast<double>();
    }
    throw propos::Error(propos::ErrorCode::kInvalidArgument,
                        "cannot convert a value of type " +
                            std::string(py::str(py::type::handle_of(h).attr("__name__"))) + " to JSON");
}

py::object record_list(py::list items, py::handle record_type) {
    PYBIND11_CONSTINIT static py::gil_safe_call_once_and_store<py::object> storage;
    auto& cls = storage
                    .call_once_and_store_result(
                        [] { return py::module_::import("propos._records").attr("RecordList"); })
                    .get_stored();
    return cls(std::move(items), record_type);
}

std::optional<std::int64_t> to_unix_nanos(propos::Timestamp t) {
    const auto us = duration_cast<microseconds>(t.time_since_epoch()).count();
    constexpr std::int64_t kLimit = std::numeric_limits<std::int64_t>::max() / 1000;
    if (us >= kLimit || us <= -kLimit) return std::nullopt;
    return us * 1000;
}

py::str json_text(py::handle value) {
    py::module_ json = py::module_::import("json");
    return json.attr("dumps")(value, py::arg("sort_keys") = true,
                              py::arg("default") = py::module_::import("builtins").attr("str"));
}

std::string dict_key(std::string_view attr) {
    if (attr.size() > 1 && attr.back() == '_') attr.remove_suffix(1);
    return std::string(attr);
}

py::object plain_value(py::handle value) {
    if (PyList_Check(value.ptr())) {
        py::list in = py::reinterpret_borrow<py::list>(value);
        py::list out(in.size());
        for (std::size_t i = 0; i < in.size(); ++i) out[i] = plain_value(in[i]);
        return out;
    }
    if (PyDict_Check(value.ptr())) {
        py::dict out;
        for (auto [k, v] : py::reinterpret_borrow<py::dict>(value)) out[k] = plain_value(v);
        return out;
    }
    if (py::hasattr(value, "_fields") && py::hasattr(value, "to_dict")) return value.attr("to_dict")();
    return py::reinterpret_borrow<py::object>(value);
}

}  // namespace propos_py
