// propos.Error and its subclasses (one per ErrorCode), the C++ -> Python translator, and the
// Python -> C++ conversion used when Python code called from C++ raises.
#include <array>

#include "common.hpp"
#include "propos/llm/provider.hpp"

namespace propos_py {
namespace {

using propos::ErrorCode;

struct ErrorClass {
    ErrorCode code;
    const char* name;
    const char* builtin;  // an extra builtin base, or nullptr
    const char* doc;
};

constexpr std::array<ErrorClass, 12> kErrorClasses{{
    {ErrorCode::kInvalidArgument, "InvalidArgument", "ValueError",
     "The caller passed something malformed (bad JSON, empty text, bad id...). Also a ValueError."},
    {ErrorCode::kNotFound, "NotFound", "LookupError",
     "The entity or organization does not exist (in this organization). Also a LookupError."},
    {ErrorCode::kAlreadyExists, "AlreadyExists", nullptr, "A unique key is already taken."},
    {ErrorCode::kFailedPrecondition, "FailedPrecondition", nullptr,
     "The operation is not allowed in the current state (e.g. an illegal transition)."},
    {ErrorCode::kCorrupt, "Corrupt", nullptr,
     "Stored data is damaged or is not a PropOS database."},
    {ErrorCode::kUnsupportedVersion, "UnsupportedVersion", nullptr,
     "The database was written by a newer PropOS."},
    {ErrorCode::kIo, "Io", "OSError",
     "The operating system refused a file or network operation. Also an OSError."},
    {ErrorCode::kBusy, "Busy", nullptr, "The database stayed locked past the busy timeout."},
    {ErrorCode::kUnavailable, "Unavailable", nullptr,
     "A remote service failed in a way that may succeed on retry."},
    {ErrorCode::kPermissionDenied, "PermissionDenied", "PermissionError",
     "Authentication or authorization failed (bad key, bad signature). Also a PermissionError."},
    {ErrorCode::kResourceExhausted, "ResourceExhausted", nullptr,
     "A budget or size limit was reached."},
    {ErrorCode::kInternal, "Internal", nullptr, "A bug in PropOS: please report it."},
}};

// The classes, created once per interpreter by bind_errors (index: position in kErrorClasses; the
// last slot is the base class propos.Error).
using ClassTable = std::array<py::object, kErrorClasses.size() + 1>;
PYBIND11_CONSTINIT py::gil_safe_call_once_and_store<ClassTable> g_classes;

const ClassTable& classes() { return g_classes.get_stored(); }

py::handle class_for(ErrorCode code) {
    for (std::size_t i = 0; i < kErrorClasses.size(); ++i) {
        if (kErrorClasses[i].code == code) return classes()[i];
    }
    return classes().back();
}

void raise(ErrorCode code, const char* message,
           const std::function<void(py::object&)>& decorate = nullptr) {
    py::handle cls = class_for(code);
    py::object exc = cls(py::str(message));
    if (decorate) decorate(exc);
    PyErr_SetObject(cls.ptr(), exc.ptr());
}

}  // namespace

propos::ErrorCode python_error_code(const py::error_already_set& e) {
    if (e.matches(classes().back())) {
        const auto name = py::str(e.value().attr("code")).cast<std::string>();
        for (const auto& c : kErrorClasses) {
            if (propos::to_string(c.code) == name) return c.code;
        }
        return ErrorCode::kInternal;
    }
    if (e.matches(PyExc_ConnectionError) || e.matches(PyExc_TimeoutError)) return ErrorCode::kUnavailable;
    if (e.matches(PyExc_PermissionError)) return ErrorCode::kPermissionDenied;
    if (e.matches(PyExc_FileNotFoundError) || e.matches(PyExc_LookupError)) return ErrorCode::kNotFound;
    if (e.matches(PyExc_OSError)) return ErrorCode::kIo;
    if (e.matches(PyExc_ValueError) || e.matches(PyExc_TypeError)) return ErrorCode::kInvalidArgument;
    return ErrorCode::kInternal;
}

std::string python_error_message(const py::error_already_set& e, std::string_view where) {
    const std::string type = py::str(e.type().attr("__name__"));
    return std::string(where) + " raised " + type + ": " + std::string(py::str(e.value()));
}

void rethrow_as_error(py::error_already_set& e, std::string_view where) {
    note_python_error(e, where);
    const auto code = python_error_code(e);
    const auto message = python_error_message(e, where);
    throw PyCallbackError(code, message, std::move(e));
}

RunScope*& current_run_scope() {
    thread_local RunScope* scope = nullptr;
    return scope;
}

void note_python_error(const py::error_already_set& e, std::string_view where) {
    if (auto* scope = current_run_scope()) {
        // Ctrl-C usually lands in Python code C++ called: it stops the run, strict or not.
        if (e.matches(PyExc_KeyboardInterrupt) && !scope->stop_error) {
            scope->stop_error = std::make_shared<py::error_already_set>(e);
        }
        if (!scope->first_error) scope->first_error = std::make_shared<py::error_already_set>(e);
    }
    py::object logger = py::module_::import("logging").attr("getLogger")("propos");
    if (py::bool_(logger.attr("isEnabledFor")(10))) {  // DEBUG: the traceback may quote data
        logger.attr("debug")("%s raised %s", py::str(std::string(where)), e.type().attr("__name__"),
                             py::arg("exc_info") = py::make_tuple(e.type(), e.value(), e.trace()));
    }
}

void require_methods(py::handle cls, std::vector<std::string> methods) {
    py::object base = py::reinterpret_borrow<py::object>(cls);
    py::object init = base.attr("__init__");
    base.attr("__init__") = py::cpp_function(
        [base, init, methods](py::handle self, py::args args, py::kwargs kwargs) {
            init(self, *args, **kwargs);
            py::object type = py::type::of(self);
            const py::tuple mro = type.attr("__mro__");
            std::string missing;
            for (const auto& name : methods) {
                bool defined = false;
                for (auto klass : mro) {
                    if (klass.is(base)) break;
                    if (klass.attr("__dict__").contains(py::str(name))) defined = true;  // a mappingproxy
                }
                if (!defined) missing += (missing.empty() ? "" : ", ") + name + "()";
            }
            if (!missing.empty()) {
                const std::string cls_name = py::str(type.attr("__name__"));
                const std::string base_name = py::str(base.attr("__name__"));
                throw py::type_error("Can't instantiate " + cls_name + ": it does not define " + missing +
                                     " of " + base_name + " (C++ calls them)");
            }
        },
        py::is_method(base), py::name("_init_checking_methods"));
}

void apply_keywords(py::handle record, const py::kwargs& kw, std::string_view function) {
    py::tuple fields = record.attr("_fields");
    for (auto [k, v] : kw) {
        const auto key = k.cast<std::string>();
        bool known = false;
        for (auto f : fields) known = known || f.cast<std::string>() == key;
        if (!known) {
            std::string names;
            for (auto f : fields) names += (names.empty() ? "" : ", ") + f.cast<std::string>();
            throw py::type_error(std::string(function) + "() got an unexpected keyword argument '" + key +
                                 "' (accepted: " + names + ")");
        }
        record.attr(k) = v;
    }
}

void bind_errors(py::module_& m) {
    g_classes.call_once_and_store_result([&] {
        ClassTable table;
        py::object builtins = py::module_::import("builtins");
        py::object type = builtins.attr("type");
        py::dict base_ns;
        base_ns["__module__"] = "propos";
        base_ns["__doc__"] =
            "Base of every PropOS error. `code` is the stable snake_case name of the C++ ErrorCode "
            "(e.g. 'not_found'); the message is the C++ message. Provider failures also carry "
            "`http_status`, `error_type`, `request_id` and `retry_after` (seconds, or None).";
        base_ns["code"] = "internal";
        table.back() = type("Error", py::make_tuple(builtins.attr("Exception")), base_ns);
        for (std::size_t i = 0; i < kErrorClasses.size(); ++i) {
            const auto& c = kErrorClasses[i];
            py::dict ns;
            ns["__module__"] = "propos";
            ns["__doc__"] = c.doc;
            ns["code"] = py::str(std::string(propos::to_string(c.code)));
            py::tuple bases = c.builtin ? py::tuple(py::make_tuple(table.back(), builtins.attr(c.builtin)))
                                        : py::tuple(py::make_tuple(table.back()));
            table[i] = type(c.name, bases, ns);
        }
        return table;
    });
    const auto& table = classes();
    m.attr("Error") = table.back();
    for (std::size_t i = 0; i < kErrorClasses.size(); ++i) m.attr(kErrorClasses[i].name) = table[i];

    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const PyErrorHolder& e) {
            e.restore();
        } catch (const propos::llm::ProviderError& e) {
            raise(e.code(), e.what(), [&](py::object& exc) {
                exc.attr("http_status") = e.http_status();
                exc.attr("error_type") = e.error_type();
                exc.attr("request_id") = e.request_id();
                // Seconds the server asked to wait when it was longer than the client's patience.
                exc.attr("retry_after") = e.retry_after() ? py::cast(std::chrono::duration<double>(*e.retry_after()).count())
                                                          : py::none();
            });
        } catch (const propos::Error& e) {
            raise(e.code(), e.what());
        }
    });
}

}  // namespace propos_py
