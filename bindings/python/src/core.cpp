// Core: version, clocks, time helpers, ids, the stable names of every enum, and the bridge from
// PropOS's log lines to Python's `logging`.
#include "common.hpp"
#include "propos/core/crypto.hpp"
#include "propos/core/logging.hpp"
#include "propos/core/time.hpp"
#include "propos/version.hpp"

namespace propos_py {
namespace {

/// Python's logging level for a PropOS level.
int python_level(propos::LogLevel level) {
    switch (level) {
        case propos::LogLevel::kTrace: return 5;
        case propos::LogLevel::kDebug: return 10;
        case propos::LogLevel::kInfo: return 20;
        case propos::LogLevel::kWarn: return 30;
        case propos::LogLevel::kError: return 40;
        case propos::LogLevel::kOff: break;
    }
    return 50;
}

bool python_alive() {
#if PY_VERSION_HEX >= 0x030D0000
    return Py_IsInitialized() && !Py_IsFinalizing();
#else
    return Py_IsInitialized() && !_Py_IsFinalizing();
#endif
}

/// Sends a PropOS log line to the Python logger "propos" (with the GIL, on the thread that logs).
void to_python_logging(propos::LogLevel level, std::string_view message) {
    if (!python_alive()) return;
    py::gil_scoped_acquire gil;
    try {
        py::module_::import("logging").attr("getLogger")("propos").attr("log")(python_level(level), py::str(message));
    } catch (py::error_already_set& e) {
        e.discard_as_unraisable("propos logging");
    }
}

/// The level a name or a logging level number stands for ("debug", "warning", logging.INFO...).
propos::LogLevel log_level_of(py::handle level) {
    if (PyLong_Check(level.ptr())) {
        const int n = level.cast<int>();
        if (n <= 5) return propos::LogLevel::kTrace;
        if (n <= 10) return propos::LogLevel::kDebug;
        if (n <= 20) return propos::LogLevel::kInfo;
        if (n <= 30) return propos::LogLevel::kWarn;
        if (n <= 40) return propos::LogLevel::kError;
        return propos::LogLevel::kOff;
    }
    std::string name = py::str(level).attr("lower")().cast<std::string>();
    if (name == "warning") name = "warn";
    if (name == "critical") name = "off";
    return propos::parse_log_level(name);
}

}  // namespace

void bind_core(py::module_& m) {
    using namespace propos;
    m.attr("__version__") = kVersion;

    py::class_<Clock, py::smart_holder>(
        m, "Clock", "A source of the current time (UTC). Everything in PropOS reads time from one.")
        .def("now", &Clock::now, "The current time (timezone-aware UTC datetime).");
    py::class_<SystemClock, Clock, py::smart_holder>(m, "SystemClock", "The wall clock.")
        .def(py::init<>());
    py::class_<ManualClock, Clock, py::smart_holder>(
        m, "ManualClock",
        "A clock that moves only when told to: drives simulations and tests. Time never goes "
        "backwards.")
        .def(py::init<Timestamp>(), py::arg("start") = ManualClock::default_start(),
             "Starts at `start` (default 2026-01-05T09:00:00Z, a Monday morning).")
        .def("advance", &ManualClock::advance, py::arg("duration"),
             "Moves forward by `duration` (a timedelta or text like '90m') and returns the new time.")
        .def("set", &ManualClock::set, py::arg("when"),
             "Moves to `when` (not earlier than now(); else InvalidArgument).")
        .def_static("default_start", &ManualClock::default_start);

    m.def("ed25519_generate", [] {
        const auto k = ed25519_generate();
        return py::make_tuple(k.private_pem, k.public_pem);
    }, "A new Ed25519 key pair as (private_pem, public_pem).");
    m.def("ed25519_public_pem", &ed25519_public_pem, py::arg("private_pem"),
          "The public key (PEM) of an Ed25519 private key (PEM).");
    m.def("ed25519_sign", &ed25519_sign, py::arg("private_pem"), py::arg("message"),
          "The Ed25519 signature of message, base64.");
    m.def("ed25519_verify", &ed25519_verify, py::arg("public_pem"), py::arg("message"), py::arg("signature"),
          "Whether signature (base64) is the key's Ed25519 signature of message.");
    m.def("parse_time", &parse_time, py::arg("text"),
          "Parses ISO-8601 / RFC 3339 text to an aware UTC datetime.");
    m.def("format_time", &format_time, py::arg("when"),
          "Formats as '2026-01-05T09:00:00Z' (milliseconds when not 0).");
    m.def("parse_duration", &parse_duration, py::arg("text"),
          "Parses '90m', '3d', '1d12h'... to a timedelta.");
    m.def("format_duration", &format_duration, py::arg("duration"),
          "Formats a timedelta compactly ('1d2h', '45m').");
    m.def("new_id", [](const std::string& prefix) { return new_id(prefix); }, py::arg("prefix"),
          "A new time-ordered id such as 'wo_01JD3X6Q4Z8K2M5N7P9R1T3V5X'.");
    m.def("money_to_string", [](Money m) { return m.to_string(); }, py::arg("cents"),
          "Formats cents as '$1,234.50'.");
    m.def("parse_money", [](const std::string& text) { return Money::parse(text); }, py::arg("text"),
          "Parses '123.45', '$1,234.50'... to integer cents.");

    // PropOS's log lines go to Python's logging (logger "propos"), never straight to stderr; at exit
    // (Python going away) they are dropped.
    propos::set_log_callback(to_python_logging, propos::LogLevel::kWarn);
    py::module_::import("atexit").attr("register")(py::cpp_function(
        [] { propos::set_log_callback([](propos::LogLevel, std::string_view) {}, propos::LogLevel::kOff); }));
    m.def(
        "set_log_level",
        [](py::object level) {
            const auto l = log_level_of(level);
            propos::set_log_callback(to_python_logging, l);
            py::module_::import("logging").attr("getLogger")("propos").attr("setLevel")(python_level(l));
        },
        py::arg("level"),
        "The lowest level of PropOS's log lines sent to the Python logger 'propos' (default 'warning'): "
        "'trace', 'debug', 'info', 'warning', 'error', 'off', or a logging level number. Also sets that "
        "logger's level. Message bodies and contact details appear only at debug and below.");

    m.def(
        "enum_names",
        [] {
            py::dict d;
            d["channel"] = enum_name_list<Channel>();
            d["direction"] = enum_name_list<Direction>();
            d["delivery_status"] = enum_name_list<DeliveryStatus>();
            d["cadence_channel"] = enum_name_list<CadenceChannel>();         // follow-up cadences
            d["cadence_status"] = enum_name_list<CadenceStatus>();           // (issue 17)
            d["cadence_step_status"] = enum_name_list<CadenceStepStatus>();
            d["compliance_status"] = enum_name_list<ComplianceStatus>();
            d["severity"] = enum_name_list<Severity>();
            d["escalation_status"] = enum_name_list<EscalationStatus>();
            d["bid_status"] = enum_name_list<BidStatus>();
            d["purchase_order_status"] = enum_name_list<PurchaseOrderStatus>();
            d["invoice_status"] = enum_name_list<InvoiceStatus>();
            d["work_order_status"] = enum_name_list<WorkOrderStatus>();
            d["priority"] = enum_name_list<Priority>();
            d["intent"] = enum_name_list<Intent>();
            d["renewal_status"] = enum_name_list<RenewalStatus>();  // lease renewals (issue 17)
            d["job_state"] = enum_name_list<JobState>();
            d["run_status"] = enum_name_list<RunStatus>();
            d["synchronous"] = enum_name_list<Synchronous>();
            d["role"] = enum_name_list<llm::Role>();
            d["content_block_type"] = enum_name_list<llm::ContentBlock::Type>();
            d["tool_choice_mode"] = enum_name_list<llm::ToolChoice::Mode>();
            d["stop_reason"] = enum_name_list<llm::StopReason>();
            return d;
        },
        "The accepted names of every enumeration, by enumeration (e.g. 'work_order_status').");
}

}  // namespace propos_py
