// The Coordinator facade: options, ingest, run/tick/advance, invoices, escalations, queries, events.
// To bind a new Coordinator member, add one `.def` below (queries returning lists wrap them with
// record_list so they get to_records()/to_pandas()) and one line in propos/_core.pyi.
#include <array>
#include <chrono>
#include <fstream>
#include <map>

#include <pybind11/stl/filesystem.h>

#include "common.hpp"
#include "propos/coordinator.hpp"

namespace propos_py {
template <>
struct EnumNames<propos::WebhookEndpoint> {
    using T = propos::WebhookEndpoint;
    static constexpr std::array<std::pair<T, std::string_view>, 4> kNames{
        {{T::kTwilio, "twilio"}, {T::kSendGridInbound, "sendgrid_inbound"},
         {T::kSendGridEvents, "sendgrid_events"}, {T::kPms, "pms"}}};
    static constexpr std::string_view kWhat = "webhook endpoint";
};
template <>
struct EnumNames<propos::WebhookOutcome> {
    using T = propos::WebhookOutcome;
    static constexpr std::array<std::pair<T, std::string_view>, 6> kNames{
        {{T::kIngested, "ingested"}, {T::kDuplicate, "duplicate"}, {T::kStatusUpdates, "status_updates"},
         {T::kPmsEvents, "pms_events"}, {T::kIgnored, "ignored"}, {T::kDeadLetter, "dead_letter"}}};
    static constexpr std::string_view kWhat = "webhook outcome";
};
}  // namespace propos_py

namespace pybind11::detail {
PROPOS_PY_ENUM_CASTER(propos::WebhookEndpoint);
PROPOS_PY_ENUM_CASTER(propos::WebhookOutcome);
}  // namespace pybind11::detail

namespace propos_py {
namespace {

using namespace propos;

/// Wraps a Python callable stored in a std::function so that a Python exception reaches C++ as a
/// propos::Error (PyCallbackError) with the code python_error_code gives, e.g. propos.Unavailable
/// -> kUnavailable (the Coordinator retries delivery), ValueError -> kInvalidArgument.
template <class R, class... Args>
std::function<R(Args...)> with_error_codes(std::function<R(Args...)> fn, std::string where) {
    if (!fn) return fn;
    return [fn = std::move(fn), where = std::move(where)](Args... args) -> R {
        try {
            return fn(args...);
        } catch (py::error_already_set& e) {
            py::gil_scoped_acquire gil;
            rethrow_as_error(e, where);
        }
    };
}

/// The Coordinator of Python: the C++ one and the bindings' own default for strict mode.
struct PyCoordinator : Coordinator {
    PyCoordinator(CoordinatorOptions o, bool strict_runs) : Coordinator(std::move(o)), strict(strict_runs) {}
    bool strict;
};

/// CoordinatorOptions::between_jobs of every Coordinator made from Python: consults the RunScope of
/// the thread running jobs (none: run on). Stops on Ctrl-C (KeyboardInterrupt), in strict mode at the
/// first exception of Python code, and when the progress callback raises.
bool between_jobs(const RunStats& stats) {
    RunScope* scope = current_run_scope();
    if (!scope) return true;
    if (scope->stop_error) return false;
    py::gil_scoped_acquire gil;
    if (PyErr_CheckSignals() != 0) {
        scope->stop_error = std::make_shared<py::error_already_set>();
        return false;
    }
    if (scope->strict && scope->first_error) return false;
    if (!scope->progress.is_none()) {
        try {
            scope->progress(stats, scope->now());
        } catch (py::error_already_set& e) {
            scope->stop_error = std::make_shared<py::error_already_set>(std::move(e));
            return false;
        }
    }
    return true;
}

CoordinatorOptions options_from(std::optional<CoordinatorOptions> options, const py::kwargs& kw) {
    CoordinatorOptions o = options.value_or(CoordinatorOptions{});
    if (kw.size() > 0) {
        py::object tmp = py::cast(o);
        apply_keywords(tmp, kw, "Coordinator");
        o = tmp.cast<CoordinatorOptions>();
    }
    for (auto& [channel, deliver] : o.deliverers) {
        deliver = with_error_codes(std::move(deliver), "deliverer(" + std::string(enum_name(channel)) + ")");
    }
    if (o.ledger) {
        o.ledger = with_error_codes(std::move(o.ledger), "ledger");
    }
    if (o.triage_hook) {
        o.triage_hook = with_error_codes(std::move(o.triage_hook), "triage_hook");
    }
    o.between_jobs = between_jobs;
    return o;
}

/// Runs `fn` (a run method) without the GIL inside a RunScope: strict mode (None: the Coordinator's
/// default) re-raises the first exception of Python code, Ctrl-C raises KeyboardInterrupt between
/// jobs, `progress` (a callable, or True for a tqdm bar) is called between jobs. `span_seconds` is
/// the simulated time the call covers (advance), for the bar's total.
template <class F>
RunStats run_scoped(PyCoordinator& c, py::object strict, py::object progress, std::optional<double> span_seconds,
                    F&& fn) {
    RunScope scope;
    scope.strict = strict.is_none() ? c.strict : strict.cast<bool>();
    scope.now = [&c] { return c.clock().now(); };
    scope.progress = py::none();
    if (!progress.is_none() && !progress.is(py::bool_(false))) {
        scope.progress = py::module_::import("propos._run")
                             .attr("progress_callback")(progress, span_seconds, c.clock().now());
    }
    scope.previous = current_run_scope();
    current_run_scope() = &scope;
    struct Restore {
        RunScope& scope;
        ~Restore() {
            current_run_scope() = scope.previous;
            if (py::hasattr(scope.progress, "close")) {
                try {
                    scope.progress.attr("close")();
                } catch (py::error_already_set& e) {
                    e.discard_as_unraisable("closing the progress bar");
                }
            }
        }
    } restore{scope};
    const RunStats stats = nogil(std::forward<F>(fn));
    if (scope.stop_error) throw py::error_already_set(*scope.stop_error);
    if (scope.strict && scope.first_error) throw py::error_already_set(*scope.first_error);
    return stats;
}

void check_status(const std::string& status) {
    if (status.empty()) return;
    for (const auto& name : enum_name_list<WorkOrderStatus>()) {
        if (name == status) return;
    }
    parse_enum<WorkOrderStatus>(status);  // throws, naming the accepted names
}

/// ingest_jsonl: reads the file, parses each line (parse errors become dead letters of the target
/// organization), checks each line's org, and ingests the messages of each organization together.
std::vector<IngestOutcome> ingest_jsonl(Coordinator& c, const std::optional<OrgId>& org, const std::string& path) {
    std::ifstream in(path);
    if (!in) throw Error(ErrorCode::kIo, "cannot read '" + path + "'");
    std::vector<IngestOutcome> outcomes;
    std::map<std::string, std::vector<std::pair<std::size_t, IncomingMessage>>> by_org;
    std::string line;
    std::size_t n = 0;
    const auto refuse = [&](ErrorCode code, std::string error) {
        IngestOutcome o;
        o.code = code;
        o.error = std::move(error);
        outcomes.push_back(std::move(o));
    };
    while (std::getline(in, line)) {
        ++n;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        const std::string where = path + ":" + std::to_string(n);
        InboundLine parsed;
        try {
            parsed = parse_inbound_line(line, where, "jsonl");
        } catch (const Error& e) {
            if (org) c.dead_letter(*org, "jsonl", "application/x-ndjson", line, e.what());
            refuse(e.code(), e.what());
            continue;
        }
        if (!org && parsed.org.empty()) {
            refuse(ErrorCode::kInvalidArgument, where + ": the line names no organization (\"org\"); pass org=");
            continue;
        }
        if (org && !parsed.org.empty() && parsed.org != org->str()) {
            refuse(ErrorCode::kFailedPrecondition, where + ": the line belongs to organization '" + parsed.org +
                                                       "', not '" + org->str() + "' (not ingested)");
            continue;
        }
        by_org[org ? org->str() : parsed.org].emplace_back(outcomes.size(), std::move(parsed.message));
        outcomes.emplace_back();
    }
    for (auto& [target, items] : by_org) {
        std::vector<IncomingMessage> batch;
        batch.reserve(items.size());
        for (auto& [index, message] : items) batch.push_back(std::move(message));
        auto results = c.ingest_batch(OrgId(target), batch);
        for (std::size_t k = 0; k < items.size(); ++k) outcomes[items[k].first] = std::move(results[k]);
    }
    return outcomes;
}

/// ingest_frame: one IncomingMessage per row of a DataFrame (or dicts), columns renamed by `columns`
/// (None drops a column). A row that is not a message raises InvalidArgument naming it; nothing is
/// ingested then.
std::vector<IncomingMessage> messages_from_rows(const OrgId& org, py::handle frame, const py::dict& columns) {
    py::object rows = py::hasattr(frame, "to_dict") && py::hasattr(frame, "columns")
                          ? frame.attr("to_dict")("records")
                          : py::reinterpret_borrow<py::object>(frame);
    py::object message_type = py::type::of<IncomingMessage>();
    std::vector<IncomingMessage> out;
    std::size_t i = 0;
    for (auto row : rows) {
        py::dict fields;
        for (auto [k, v] : py::reinterpret_borrow<py::dict>(row)) {
            py::object key = columns.contains(k) ? py::reinterpret_borrow<py::object>(columns[k])
                                                 : py::reinterpret_borrow<py::object>(k);
            if (key.is_none()) continue;
            std::string name = py::str(key);
            if (name == "id") name = "provider_message_id";
            if (name == "org") {
                if (!is_missing(v) && std::string(py::str(v)) != org.str()) {
                    throw Error(ErrorCode::kInvalidArgument, "row " + std::to_string(i) +
                                                                 " belongs to organization '" +
                                                                 std::string(py::str(v)) + "', not '" +
                                                                 org.str() + "' (nothing was ingested)");
                }
                continue;
            }
            fields[py::str(name)] = v;
        }
        if (!fields.contains("provider")) fields["provider"] = "dataframe";
        try {
            out.push_back(message_type(fields).cast<IncomingMessage>());
        } catch (py::error_already_set& e) {
            throw Error(python_error_code(e), "row " + std::to_string(i) + ": " + std::string(py::str(e.value())) +
                                                  " (rename columns with columns={'name': 'field'}, drop one "
                                                  "with None)");
        }
        ++i;
    }
    return out;
}

}  // namespace

void bind_coordinator(py::module_& m) {
    Record<IncomingMessage>(m, "IncomingMessage",
                            "A message as it arrives. provider_message_id (the deduplication key), "
                            "from_ and text are required.")
        .field("provider", &IncomingMessage::provider)
        .field("provider_message_id", &IncomingMessage::provider_message_id)
        .field("channel", &IncomingMessage::channel)
        .field("from_", &IncomingMessage::from)
        .field("to", &IncomingMessage::to)
        .field("subject", &IncomingMessage::subject)
        .field("text", &IncomingMessage::text)
        .field("received_at", &IncomingMessage::received_at)
        .field("media", &IncomingMessage::media)
        .field("in_reply_to", &IncomingMessage::in_reply_to)
        .field("references", &IncomingMessage::references)
        .field("raw_payload", &IncomingMessage::raw_payload)
        .field("raw_content_type", &IncomingMessage::raw_content_type);
    Record<IngestResult>(m, "IngestResult", "The result of Coordinator.ingest().")
        .field("message_id", &IngestResult::message_id)
        .field("duplicate", &IngestResult::duplicate)
        .field("tenant_id", &IngestResult::tenant_id)
        .field("vendor_id", &IngestResult::vendor_id)
        .field("raw_payload_id", &IngestResult::raw_payload_id);
    Record<IngestOutcome>(m, "IngestOutcome",
                          "One message of Coordinator.ingest_batch(): its result, or the error that "
                          "kept it out (the payload is then a dead letter).")
        .field("result", &IngestOutcome::result)
        .field("error", &IngestOutcome::error)
        .cls()
        .def_property_readonly(
            "code",
            [](const IngestOutcome& o) -> std::optional<std::string> {
                if (!o.code) return std::nullopt;
                return std::string(to_string(*o.code));
            },
            "The error code's name (e.g. 'invalid_argument') when the message was refused.")
        .def_property_readonly(
            "ok", [](const IngestOutcome& o) { return o.result.has_value(); }, "Whether it was ingested.");
    Record<WebhookRequest>(m, "WebhookRequest", "A provider's HTTP request as the host received it.")
        .field("endpoint", &WebhookRequest::endpoint)
        .field("pms_system", &WebhookRequest::pms_system)
        .field("method", &WebhookRequest::method)
        .field("url", &WebhookRequest::url)
        .field("headers", &WebhookRequest::headers)
        .field("body", &WebhookRequest::body);
    Record<WebhookResponse>(m, "WebhookResponse", "The answer for the host's HTTP layer, and what happened.")
        .field("status", &WebhookResponse::status)
        .field("content_type", &WebhookResponse::content_type)
        .field("body", &WebhookResponse::body)
        .field("outcome", &WebhookResponse::outcome)
        .field("ingested", &WebhookResponse::ingested)
        .field("updates_applied", &WebhookResponse::updates_applied)
        .field("jobs_enqueued", &WebhookResponse::jobs_enqueued)
        .field("error", &WebhookResponse::error)
        .field("warnings", &WebhookResponse::warnings);
    Record<IntegrationConfig>(m, "IntegrationConfig",
                              "One organization's webhook settings (Twilio, SendGrid) and its blob store (tenant "
                              "attachments, onboarding proofs). PMS adapters are configured from C++.")
        .field("twilio", &IntegrationConfig::twilio)
        .field("public_base_url", &IntegrationConfig::public_base_url)
        .field("sendgrid_inbound", &IntegrationConfig::sendgrid_inbound)
        .field("sendgrid_events", &IntegrationConfig::sendgrid_events)
        .field("pms_push_updates", &IntegrationConfig::pms_push_updates)
        .field("blob_store", &IntegrationConfig::blob_store)
        // Front door (issue 23): what is kept of refused requests.
        .field("rejection_sample_bytes", &IntegrationConfig::rejection_sample_bytes)
        .field("rejection_samples_per_hour", &IntegrationConfig::rejection_samples_per_hour);
    Record<IntegrationOptions>(m, "IntegrationOptions",
                               "Integrations of every organization: `defaults`, overridden per organization id.")
        .field("defaults", &IntegrationOptions::defaults)
        .field("organizations", &IntegrationOptions::organizations)
        .field("replay_stranded_after", &IntegrationOptions::replay_stranded_after);
    Record<RunStats>(m, "RunStats", "Counts from run_until_idle() / tick() / advance().")
        .field("jobs_run", &RunStats::jobs_run)
        .field("jobs_failed", &RunStats::jobs_failed)
        .field("jobs_dead", &RunStats::jobs_dead)
        .field("schedules_fired", &RunStats::schedules_fired);
    Record<WorkOrderQuery>(m, "WorkOrderQuery", "Filters of Coordinator.work_orders().")
        .field("status", &WorkOrderQuery::status)
        .field("unit_id", &WorkOrderQuery::unit_id)
        .field("open_only", &WorkOrderQuery::open_only)
        .field("limit", &WorkOrderQuery::limit);
    Record<AuditCheckpointOptions>(m, "AuditCheckpointOptions",
                                   "Signed audit checkpoints handed to the host as audit.checkpoint events.")
        .field("private_key_pem", &AuditCheckpointOptions::private_key_pem)
        .field("cron", &AuditCheckpointOptions::cron);
    // Lease renewals (issue 17; propos/workflows/renewal.hpp).
    Record<RenewalOptions>(m, "RenewalOptions",
                           "Options of the lease-renewal workflow: offsets (days before the end), the daily "
                           "renewal.nudge cron (UTC), increase and caps (percent), mailed notices, reply, "
                           "countersign and negotiation days.")
        .field("offsets_days", &RenewalOptions::offsets_days)
        .field("cron", &RenewalOptions::cron)
        .field("increase_percent", &RenewalOptions::increase_percent)
        .field("term_months", &RenewalOptions::term_months)
        .field("ca_cpi_percent", &RenewalOptions::ca_cpi_percent)
        .field("nyc_rgb_percent", &RenewalOptions::nyc_rgb_percent)
        .field("notices_mailed", &RenewalOptions::notices_mailed)
        .field("reply_days", &RenewalOptions::reply_days)
        .field("countersign_days", &RenewalOptions::countersign_days)
        .field("early_request_days", &RenewalOptions::early_request_days)
        .field("negotiation_days", &RenewalOptions::negotiation_days);
    // Compliance (issue 17; propos/workflows/compliance.hpp).
    Record<ComplianceOptions>(m, "ComplianceOptions",
                              "Options of the compliance workflow: the host's rule-pack files (over the built-in "
                              "packs), how far ahead / back the daily check materializes items, an at-risk lead "
                              "for every rule, the check's cron (UTC), and the proof store (a BlobStore; default: "
                              "beside the database file, in memory for ':memory:').")
        .field("pack_files", &ComplianceOptions::pack_files)
        .field("lookahead", &ComplianceOptions::lookahead)
        .field("lookback", &ComplianceOptions::lookback)
        .field("at_risk_lead", &ComplianceOptions::at_risk_lead)
        .field("check_cron", &ComplianceOptions::check_cron)
        .field("proof_store", &ComplianceOptions::proof_store);
    Record<ExpiringLease>(m, "ExpiringLease", "A lease of Coordinator.expiring_leases() and its first tenant.")
        .field("lease", &ExpiringLease::lease)
        .field("tenant_id", &ExpiringLease::tenant_id);
    Record<CoordinatorOptions>(m, "CoordinatorOptions",
                               "Options of Coordinator (also accepted as keywords by its constructor).")
        .field("store", &CoordinatorOptions::store)
        .field("database_path", &CoordinatorOptions::database_path)
        .field("provider", &CoordinatorOptions::provider)
        .field("clock", &CoordinatorOptions::clock)
        .field("policy", &CoordinatorOptions::policy)
        .field("deliverers", &CoordinatorOptions::deliverers)
        .field("batch_size", &CoordinatorOptions::batch_size)
        .field("worker", &CoordinatorOptions::worker)
        .field("agent", &CoordinatorOptions::agent)
        .field("seed", &CoordinatorOptions::seed)
        .field("offline_fallback", &CoordinatorOptions::offline_fallback)
        .field("group_commit", &CoordinatorOptions::group_commit)
        .field("history_search", &CoordinatorOptions::history_search)
        .field("embedder", &CoordinatorOptions::embedder)
        .field("search", &CoordinatorOptions::search)
        .field("integrations", &CoordinatorOptions::integrations)
        .field("id_seed", &CoordinatorOptions::id_seed)
        .field("ledger", &CoordinatorOptions::ledger)
        .field("triage_hook", &CoordinatorOptions::triage_hook)
        .field("max_message_text_bytes", &CoordinatorOptions::max_message_text_bytes)
        .field("audit_checkpoints", &CoordinatorOptions::audit_checkpoints)
        .field("renewals", &CoordinatorOptions::renewals)
        .field("compliance", &CoordinatorOptions::compliance)
        .field("post_repair_cadence", &CoordinatorOptions::post_repair_cadence);  // issue 17
    Record<EventSubscription>(m, "EventSubscription",
                              "What Coordinator.on_event() returns; Coordinator.off() takes it.")
        .field("id", &EventSubscription::id);
    Record<ApprovalDecision>(m, "ApprovalDecision",
                             "A person's decision on an owner_approval escalation: approve or decline, "
                             "and the amount (cents) and vendor it covers (None: what was asked).")
        .field("approve", &ApprovalDecision::approve)
        .field("amount", &ApprovalDecision::amount)
        .field("vendor_id", &ApprovalDecision::vendor_id)
        .field("note", &ApprovalDecision::note);

    m.def(
        "_ingest_batch_seconds",
        [](PyCoordinator& c, const OrgId& org, const std::vector<IncomingMessage>& messages) {
            return nogil([&] {
                const auto start = std::chrono::steady_clock::now();
                c.ingest_batch(org, messages);
                return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            });
        },
        py::arg("coordinator"), py::arg("org"), py::arg("messages"),
        "Benchmark helper (bench/python_ingest_bench.py): converts the list first, then returns the "
        "seconds Coordinator::ingest_batch takes in C++ alone.");

    // ---- compliance (propos/workflows/compliance.hpp) ----
    Record<ComplianceQuery>(m, "ComplianceQuery", "Filters of Coordinator.compliance_items().")
        .field("property_id", &ComplianceQuery::property_id)
        .field("due_before", &ComplianceQuery::due_before)
        .field("open_only", &ComplianceQuery::open_only);
    Record<NoticeAnswers>(m, "NoticeAnswers", "A tenant's answers to a notice (None: not answered).")
        .field("child_under_6", &NoticeAnswers::child_under_6)
        .field("child_10_or_under", &NoticeAnswers::child_10_or_under);
    Record<ComplianceOccurrence>(m, "ComplianceOccurrence", "One dated obligation of a property's calendar.")
        .field("rule_id", &ComplianceOccurrence::rule_id)
        .field("kind", &ComplianceOccurrence::kind)
        .field("title", &ComplianceOccurrence::title)
        .field("source", &ComplianceOccurrence::source)
        .field("jurisdiction", &ComplianceOccurrence::jurisdiction)
        .field("property_id", &ComplianceOccurrence::property_id)
        .field("unit_id", &ComplianceOccurrence::unit_id)
        .field("window_start", &ComplianceOccurrence::window_start)
        .field("due_at", &ComplianceOccurrence::due_at)
        .field("recurrence", &ComplianceOccurrence::recurrence)
        .field("notice", &ComplianceOccurrence::notice)
        .field("requires_proof", &ComplianceOccurrence::requires_proof)
        .field("confirmed", &ComplianceOccurrence::confirmed)
        .field("note", &ComplianceOccurrence::note)
        .field("at_risk_lead", &ComplianceOccurrence::at_risk_lead);
    m.def("read_notice_reply", &read_notice_reply, py::arg("text"), py::arg("asks"),
          "Reads a plain yes/no reply to a notice (en, es, zh, ru, fr) as the answer to each question "
          "it asks ('child_under_6', 'child_10_or_under'); None when it is not a plain yes/no.");
    m.def("compliance_pack_schema", &rule_pack_schema, "The JSON Schema every compliance rule pack must satisfy.");
    m.def(
        "validate_compliance_pack",
        [](const std::string& text, const std::string& where) {
            const auto pack = parse_rule_pack(text, where);
            return std::make_pair(pack.jurisdiction, pack.name);
        },
        py::arg("text"), py::arg("where") = "pack",
        "Validates a rule pack's JSON text; returns (jurisdiction, name). Raises ValueError naming "
        "`where` and the field (JSON pointer) that fails the schema.");

    const auto release = py::call_guard<py::gil_scoped_release>();
    py::class_<PyCoordinator>(
        m, "Coordinator",
        "The embeddable coordinator: feed it messages, let it run, query what it did. Every method "
        "releases the GIL while C++ works; callbacks (providers, embedders, deliverers, event and job "
        "handlers) take it back when C++ calls them.")
        .def(py::init([](std::optional<CoordinatorOptions> options, bool strict, const py::kwargs& kw) {
                 auto o = options_from(std::move(options), kw);
                 return nogil([&] { return std::make_unique<PyCoordinator>(std::move(o), strict); });
             }),
             py::arg("options") = py::none(), py::kw_only(), py::arg("strict") = false,
             "Coordinator(options=None, *, strict=False, **fields): e.g. Coordinator(database_path='ops.db', "
             "clock=ManualClock()). Keywords are CoordinatorOptions fields (a misspelled one raises "
             "TypeError). strict=True: run_until_idle()/tick()/advance() re-raise the first exception of "
             "Python code C++ called (provider, embedder, channel, deliverer, job handler, ledger, triage_hook) instead "
             "of retrying it later.")
        .def_readwrite("strict", &PyCoordinator::strict,
                       "The default of the run methods' strict= (see the constructor).")
        .def("ingest", &Coordinator::ingest, py::arg("org"), py::arg("message"), release,
             "Stores the raw payload, then the message (deduplicated), and enqueues its workflow job.")
        .def(
            "ingest_batch",
            [](PyCoordinator& c, const OrgId& org, const std::vector<IncomingMessage>& messages) {
                return record_list(nogil([&] { return c.ingest_batch(org, messages); }));
            },
            py::arg("org"), py::arg("messages"),
            "ingest() for many messages with one commit (group commit), without the GIL: a bad message "
            "becomes a dead letter without stopping the others. Returns one IngestOutcome per message.")
        .def(
            "ingest_many",
            [](PyCoordinator& c, const OrgId& org, const std::vector<IncomingMessage>& messages) {
                const auto outcomes = nogil([&] { return c.ingest_batch(org, messages); });
                std::vector<IngestResult> out;
                out.reserve(outcomes.size());
                for (std::size_t i = 0; i < outcomes.size(); ++i) {
                    const auto& o = outcomes[i];
                    if (!o.result) {
                        throw Error(o.code.value_or(ErrorCode::kInvalidArgument),
                                    "message " + std::to_string(i) + ": " + o.error);
                    }
                    out.push_back(*o.result);
                }
                return out;
            },
            py::arg("org"), py::arg("messages"),
            "ingest_batch() that returns the IngestResults and raises the first refused message's "
            "error (the other messages stay ingested; the refused ones are dead letters).")
        .def("dead_letter", &Coordinator::dead_letter, py::arg("org"), py::arg("source"),
             py::arg("content_type"), py::arg("payload"), py::arg("reason"), release)
        .def(
            "ingest_jsonl",
            [](PyCoordinator& c, std::optional<OrgId> org, const PathArg& path) {
                return record_list(nogil([&] { return ingest_jsonl(c, org, path.path); }));
            },
            py::arg("org"), py::arg("path"),
            "Ingests a JSON-lines file in the format of `propos ingest` (one {\"id\", \"channel\", \"from\", "
            "\"to\", \"subject\", \"text\", \"received_at\"} object a line, e.g. examples/data/inbox.jsonl). "
            "A line's \"org\", when present, must be `org` (else it is refused, not stored); org=None "
            "ingests each line into the organization it names. A line that does not parse is a dead "
            "letter. Returns one IngestOutcome per non-blank line, in order.")
        .def(
            "ingest_frame",
            [](PyCoordinator& c, const OrgId& org, py::object frame, std::optional<py::dict> columns) {
                const auto messages = messages_from_rows(org, frame, columns.value_or(py::dict()));
                return record_list(nogil([&] { return c.ingest_batch(org, messages); }));
            },
            py::arg("org"), py::arg("frame"), py::arg("columns") = py::none(),
            "Ingests one message per row of a pandas DataFrame (or an iterable of dicts) with "
            "ingest_batch(). Columns are IncomingMessage fields or the JSON-lines names (id, from); "
            "`columns` renames them ({'sms_body': 'text'}) or drops them (None). NaN/NaT/None are "
            "missing values; NumPy scalars and datetime64 are accepted. A row that is not a message "
            "raises InvalidArgument naming it, before anything is ingested.")
        .def(
            "run_until_idle",
            [](PyCoordinator& c, std::size_t max_jobs, py::object strict, py::object progress) {
                return run_scoped(c, strict, progress, std::nullopt, [&] { return c.run_until_idle(max_jobs); });
            },
            py::arg("max_jobs") = 0, py::kw_only(), py::arg("strict") = py::none(),
            py::arg("progress") = py::none(),
            "Runs due jobs until none is due. strict=True re-raises the first exception of Python code "
            "C++ called (default: the Coordinator's strict); progress: a callable(stats, now) called "
            "between jobs, or True for a tqdm bar. Ctrl-C raises KeyboardInterrupt between jobs.")
        .def(
            "tick",
            [](PyCoordinator& c, Timestamp now, py::object strict, py::object progress) {
                return run_scoped(c, strict, progress, std::nullopt, [&] { return c.tick(now); });
            },
            py::arg("now"), py::kw_only(), py::arg("strict") = py::none(), py::arg("progress") = py::none(),
            "Moves a ManualClock to `now` and runs due jobs (strict and progress as run_until_idle).")
        .def(
            "advance",
            [](PyCoordinator& c, Millis duration, py::object strict, py::object progress) {
                const double span = std::chrono::duration<double>(duration).count();
                return run_scoped(c, strict, progress, span, [&] { return c.advance(duration); });
            },
            py::arg("duration"), py::kw_only(), py::arg("strict") = py::none(), py::arg("progress") = py::none(),
            "Simulates `duration` passing on a ManualClock (a timedelta, seconds, or text such as '90m', "
            "'1.5h', '3d'), running every job when it falls due. strict and progress as run_until_idle "
            "(the bar counts simulated time); Ctrl-C stops between jobs, leaving the clock where it got.")
        .def("submit_invoice", &Coordinator::submit_invoice, py::arg("org"), py::arg("invoice"), release)
        .def("assign_vendor", &Coordinator::assign_vendor, py::arg("org"), py::arg("work_order"),
             py::arg("vendor"), py::arg("amount") = py::none(), py::arg("assigned_by") = "host",
             py::arg("note") = "", release,
             "A person assigns a vendor (amount in cents; None: the vendor's estimate). The spending "
             "policy applies; call run_until_idle() to send the dispatch. The assignment and `note` "
             "(why this vendor) are kept as a StaffDecision, precedent for similar cases.")
        .def("handle_webhook", &Coordinator::handle_webhook, py::arg("org"), py::arg("request"), release,
             "Authenticates, then keeps and parses a provider webhook (Twilio, SendGrid, PMS) and ingests "
             "what it carries; returns the HTTP answer to give. Unconfigured routes answer 404 and keep "
             "nothing; refused requests are counted (webhook_rejections); bad ones are dead letters.")
        // ---- Front door (issue 23) ----
        .def(
            "webhook_rejections",
            [](PyCoordinator& c, const OrgId& org, std::size_t limit) {
                const auto hours = nogil([&] { return c.webhook_rejections(org, limit); });
                py::list out;
                for (const auto& w : hours) {
                    py::dict by_status;
                    for (const auto& [status, n] : w.by_status) by_status[py::int_(status)] = n;
                    py::list samples;
                    for (const auto& s : w.samples) {
                        py::dict d;
                        d["at"] = s.at;
                        d["status"] = s.status;
                        d["reason"] = s.reason;
                        d["bytes"] = s.bytes;
                        d["head"] = py::bytes(s.head);
                        samples.append(d);
                    }
                    py::dict d;
                    d["source"] = w.source;
                    d["hour"] = w.hour;
                    d["count"] = w.count;
                    d["bytes"] = w.bytes;
                    d["by_status"] = by_status;
                    d["first_at"] = w.first_at;
                    d["last_at"] = w.last_at;
                    d["samples"] = samples;
                    out.append(d);
                }
                return out;
            },
            py::arg("org"), py::arg("limit") = 0,
            "Webhook requests refused before anything was stored (failed authentication, body over "
            "the limit), per source and hour, newest first: dicts with source, hour, count, bytes, "
            "by_status {status: n}, first_at, last_at and samples [{at, status, reason, bytes, head "
            "(the first bytes of the body)}].")
        // ---- end front door ----
        .def("resolve_escalation", &Coordinator::resolve_escalation, py::arg("org"), py::arg("id"),
             py::arg("decision"), py::arg("resolved_by"), py::arg("note") = "", release,
             "Resolves an escalation with a person's decision and resumes what waited on it; the "
             "decision and `note` are kept as a StaffDecision, precedent for similar cases.")
        // ---- notes on work orders and staff decisions (issue 20) ----
        .def("add_work_order_note", &Coordinator::add_work_order_note, py::arg("org"), py::arg("work_order"),
             py::arg("author"), py::arg("text"), release,
             "Adds a person's note to a work order (audited, an event, searchable as kind 'note'). "
             "ValueError for an empty, too long (over 4000 bytes) or non-UTF-8 text or an empty author; "
             "NotFound for a work order this organization does not have.")
        .def(
            "work_order_notes",
            [](PyCoordinator& c, const OrgId& org, const WorkOrderId& wo) {
                return record_list(nogil([&] { return c.work_order_notes(org, wo); }));
            },
            py::arg("org"), py::arg("work_order"), "A work order's notes, oldest first.")
        .def(
            "staff_decisions",
            [](PyCoordinator& c, const OrgId& org, const std::string& wo) {
                return record_list(nogil([&] { return c.staff_decisions(org, wo); }));
            },
            py::arg("org"), py::arg("work_order") = "",
            "Staff decisions, oldest first (a work order's, or all of the organization's).")
        // ---- end notes and staff decisions ----
        .def("decide_approval", &Coordinator::decide_approval, py::arg("org"), py::arg("id"),
             py::arg("decision"), py::arg("resolved_by"), release,
             "Decides an owner_approval escalation with an ApprovalDecision (approve or decline, the "
             "amount and vendor it covers). Raises FailedPrecondition for another kind of "
             "escalation, ValueError for an amount not above 0 or above the policy's maximum.")
        .def("tool_definitions", &Coordinator::tool_definitions, py::arg("workflow") = "maintenance",
             "The tools a workflow offers the model (names, descriptions, JSON Schemas), as a custom "
             "LlmProvider receives them in LlmRequest.tools.")
        // ---- lease renewals (issue 17) ----
        .def(
            "expiring_leases",
            [](PyCoordinator& c, const OrgId& org, std::optional<Millis> within) {
                return record_list(nogil([&] { return c.expiring_leases(org, within); }));
            },
            py::arg("org"), py::arg("within") = py::none(),
            "Leases of `org` that end after now and within `within` (a timedelta; None: all), soonest "
            "first, with their renewal state and first tenant.")
        .def("offer_renewal", &Coordinator::offer_renewal, py::arg("org"), py::arg("lease"), py::arg("by"), release,
             "Sends the renewal offer of a lease now (the notice rules apply; a late offer raises "
             "renewal_notice_late). Raises NotFound for an unknown lease, FailedPrecondition "
             "when it ended or its renewal is offered or decided.")
        .def(
            "record_renewal_decision",
            [](PyCoordinator& c, const OrgId& org, const LeaseId& lease, const std::string& decision,
               const std::string& by, const std::string& note) {
                if (decision != "accepted" && decision != "declined") {
                    throw Error(ErrorCode::kInvalidArgument,
                                "decision must be 'accepted' or 'declined', got '" + decision + "'");
                }
                const auto d = decision == "accepted" ? RenewalDecision::kAccepted : RenewalDecision::kDeclined;
                return nogil([&] { return c.record_renewal_decision(org, lease, d, by, note); });
            },
            py::arg("org"), py::arg("lease"), py::arg("decision"), py::arg("by"), py::arg("note") = "",
            "Records a renewal decision made elsewhere: 'accepted' (countersign reminder) or 'declined' "
            "(move-out to the lease end). Raises ValueError for another decision, NotFound for an "
            "unknown lease, FailedPrecondition when it is already decided.")
        // ---- Onboarding (issue 17) ----
        .def("onboarding_checklist", &Coordinator::onboarding_checklist, py::arg("org"), release,
             "The organization's move-in checklist (its own, else the default).")
        .def(
            "set_onboarding_checklist",
            [](PyCoordinator& c, const OrgId& org, py::object checklist, const std::string& set_by) {
                Json j;
                if (py::isinstance<py::str>(checklist)) {
                    j = parse_json(checklist.cast<std::string>(), "checklist of org " + org.str());
                } else if (py::hasattr(checklist, "__fspath__")) {
                    j = load_checklist_file(fspath(checklist)).source;
                } else {
                    j = python_to_json(checklist);
                }
                return nogil([&] { return c.set_onboarding_checklist(org, j, set_by); });
            },
            py::arg("org"), py::arg("checklist"), py::arg("set_by") = "host",
            "Validates and stores the organization's own checklist (a dict, JSON text or a path). Raises "
            "InvalidArgument naming the file or 'checklist of org X' and the field; nothing is stored then.")
        .def("start_onboarding", &Coordinator::start_onboarding, py::arg("org"), py::arg("lease"),
             py::arg("started_by") = "host", release,
             "Starts a lease's onboarding (idempotent): the items that apply and the welcome message "
             "(call run_until_idle() to deliver it). The daily onboarding.check starts them by itself.")
        .def(
            "check_onboarding_item",
            [](PyCoordinator& c, const OrgId& org, const std::string& onboarding_id, const std::string& item,
               std::string checked_by, std::string proof_blob_key, std::optional<py::bytes> proof, std::string note,
               bool waive) {
                if (proof && !proof_blob_key.empty()) {
                    throw Error(ErrorCode::kInvalidArgument,
                                "give the proof's bytes (proof=) or its blob key (proof_blob_key=), not both");
                }
                OnboardingCheck check{.checked_by = std::move(checked_by),
                                      .proof_blob_key = std::move(proof_blob_key),
                                      .note = std::move(note),
                                      .waive = waive};
                if (proof) {
                    std::string bytes = *proof;
                    return nogil([&] { return c.check_onboarding_item(org, onboarding_id, item, check, bytes); });
                }
                return nogil([&] { return c.check_onboarding_item(org, onboarding_id, item, check); });
            },
            py::arg("org"), py::arg("onboarding_id"), py::arg("item"), py::kw_only(), py::arg("checked_by") = "host",
            py::arg("proof_blob_key") = "", py::arg("proof") = py::none(), py::arg("note") = "",
            py::arg("waive") = false,
            "Checks (or waives: note says why) an item; items that need proof need one of: proof (the "
            "document's bytes, kept in the organization's IntegrationConfig.blob_store and recorded by "
            "key; FailedPrecondition when no blob store is set) or proof_blob_key ('sha256:<hex>' of a "
            "document the host keeps, e.g. 'sha256:' + hashlib.sha256(data).hexdigest()). The onboarding "
            "completes when nothing is left open.")
        .def(
            "onboardings",
            [](PyCoordinator& c, const OrgId& org, const std::string& lease) {
                return record_list(nogil([&] { return c.onboardings(org, lease); }));
            },
            py::arg("org"), py::arg("lease") = "",
            "The organization's onboardings (a RecordList), soonest move-in first; lease: only that lease's.")
        // ---- end Onboarding ----
        // ---- queries (lists come back as RecordList) ----
        .def(
            "work_orders",
            [](PyCoordinator& c, const OrgId& org, std::optional<WorkOrderQuery> query, const py::kwargs& kw) {
                py::object q = py::cast(query.value_or(WorkOrderQuery{}));
                apply_keywords(q, kw, "work_orders");
                const auto wq = q.cast<WorkOrderQuery>();
                check_status(wq.status);
                return record_list(nogil([&] { return c.work_orders(org, wq); }));
            },
            py::arg("org"), py::arg("query") = py::none(),
            "Work orders of `org`; filters as a WorkOrderQuery or keywords (status=, unit_id=, "
            "open_only=, limit=).")
        .def("work_order", &Coordinator::work_order, py::arg("org"), py::arg("id"), release)
        .def(
            "threads",
            [](PyCoordinator& c, const OrgId& org, std::size_t limit) {
                return record_list(nogil([&] { return c.threads(org, limit); }));
            },
            py::arg("org"), py::arg("limit") = 0)
        .def(
            "search",
            [](PyCoordinator& c, const OrgId& org, py::object query, const py::kwargs& kw) {
                SearchQuery q;
                if (py::isinstance<py::str>(query)) {
                    q.text = query.cast<std::string>();
                } else if (!query.is_none()) {
                    q = query.cast<SearchQuery>();
                }
                if (kw.size() > 0) {
                    py::object tmp = py::cast(q);
                    apply_keywords(tmp, kw, "search");
                    q = tmp.cast<SearchQuery>();
                }
                return record_list(nogil([&] { return c.search(org, q); }));
            },
            py::arg("org"), py::arg("query"),
            "Searches the organization's history, best first: query is text or a SearchQuery; "
            "keywords set SearchQuery fields (k=, kinds=, unit_id=...).")
        .def_property_readonly("history_search", &Coordinator::history_search,
                               py::return_value_policy::reference_internal,
                               "The HistorySearch in use, or None when history search is off.")
        .def(
            "thread_messages",
            [](PyCoordinator& c, const OrgId& org, const ThreadId& thread) {
                return record_list(nogil([&] { return c.thread_messages(org, thread); }));
            },
            py::arg("org"), py::arg("thread"))
        .def(
            "outbox",
            [](PyCoordinator& c, const OrgId& org, std::size_t limit) {
                return record_list(nogil([&] { return c.outbox(org, limit); }));
            },
            py::arg("org"), py::arg("limit") = 0)
        .def(
            "escalations",
            [](PyCoordinator& c, const OrgId& org, bool open_only) {
                return record_list(nogil([&] { return c.escalations(org, open_only); }));
            },
            py::arg("org"), py::arg("open_only") = true)
        .def(
            "events",
            [](PyCoordinator& c, const OrgId& org, const std::string& after_id, std::size_t limit) {
                return record_list(nogil([&] { return c.events(org, after_id, limit); }));
            },
            py::arg("org"), py::arg("after_id") = "", py::arg("limit") = 0)
        .def(
            "audit",
            [](PyCoordinator& c, const OrgId& org, std::int64_t after_seq, std::size_t limit) {
                return record_list(nogil([&] { return c.audit(org, after_seq, limit); }));
            },
            py::arg("org"), py::arg("after_seq") = 0, py::arg("limit") = 0)
        .def("verify_audit", &Coordinator::verify_audit, py::arg("org"), release)
        // ---- compliance (propos/workflows/compliance.hpp) ----
        .def(
            "compliance_items",
            [](PyCoordinator& c, const OrgId& org, std::optional<ComplianceQuery> query, const py::kwargs& kw) {
                py::object q = py::cast(query.value_or(ComplianceQuery{}));
                apply_keywords(q, kw, "compliance_items");
                const auto cq = q.cast<ComplianceQuery>();
                return record_list(nogil([&] { return c.compliance_items(org, cq); }));
            },
            py::arg("org"), py::arg("query") = py::none(),
            "Compliance items of `org` by due date (imported and from the rule packs); filters as a "
            "ComplianceQuery or keywords (property_id=, due_before=, open_only=).")
        .def(
            "compliance_calendar",
            [](PyCoordinator& c, const OrgId& org, const PropertyId& property, Timestamp from, Timestamp to) {
                return record_list(nogil([&] { return c.compliance_calendar(org, property, from, to); }));
            },
            py::arg("org"), py::arg("property"), py::arg("from_"), py::arg("to"),
            "A property's deadline calendar between two times (rule, source, due date, window).")
        .def("check_compliance", &Coordinator::check_compliance, py::arg("org"), release,
             "Runs the daily compliance check now; returns the number of items it created.")
        .def("complete_compliance_item", &Coordinator::complete_compliance_item, py::arg("org"), py::arg("id"),
             py::arg("by"), py::arg("note") = "", release,
             "Marks an item done (its escalations resolved, its next occurrence created). Raises "
             "FailedPreconditionError when its rule needs a proof and none is attached.")
        .def(
            "attach_compliance_proof",
            [](PyCoordinator& c, const OrgId& org, const ComplianceItemId& id, const py::bytes& data,
               const std::string& name, const std::string& content_type, const std::string& by) {
                std::string bytes = data;
                return nogil([&] { return c.attach_compliance_proof(org, id, bytes, name, content_type, by); });
            },
            py::arg("org"), py::arg("id"), py::arg("data"), py::arg("name"), py::arg("content_type") = "",
            py::arg("by") = "host",
            "Keeps a document or photo (bytes) in the proof store and logs it on the item; its SHA-256 "
            "is in the audit entry.")
        .def(
            "attach_compliance_proof_file",
            [](PyCoordinator& c, const OrgId& org, const ComplianceItemId& id, const std::string& path,
               const std::string& content_type, const std::string& by) {
                return nogil([&] { return c.attach_compliance_proof_file(org, id, path, content_type, by); });
            },
            py::arg("org"), py::arg("id"), py::arg("path"), py::arg("content_type") = "", py::arg("by") = "host",
            "attach_compliance_proof with a file's bytes (str path).")
        .def(
            "record_notice_reply",
            [](PyCoordinator& c, const OrgId& org, const ComplianceItemId& id, std::optional<bool> child_under_6,
               std::optional<bool> child_10_or_under, const std::string& by) {
                const NoticeAnswers a{child_under_6, child_10_or_under};
                return nogil([&] { return c.record_notice_reply(org, id, a, by); });
            },
            py::arg("org"), py::arg("id"), py::kw_only(), py::arg("child_under_6") = py::none(),
            py::arg("child_10_or_under") = py::none(), py::arg("by") = "host",
            "Records a tenant's answers to a notice and updates the tenant records.")
        .def(
            "load_compliance_pack",
            [](PyCoordinator& c, const std::string& path) { nogil([&] { c.load_compliance_pack(path); }); },
            py::arg("path"),
            "Loads a rule pack file over the one of its jurisdiction; ValueError names the file and field.")
        .def(
            "compliance_jurisdictions", [](PyCoordinator& c) { return c.compliance_rules().jurisdictions(); },
            "The jurisdictions that have a rule pack.")
        .def(
            "compliance_pack",
            [](PyCoordinator& c, const std::string& jurisdiction) -> std::optional<RulePack> {
                const auto pack = c.compliance_rules().find(jurisdiction);
                if (!pack) return std::nullopt;
                return *pack;
            },
            py::arg("jurisdiction"),
            "The rule pack in use for a jurisdiction (the host's when one was loaded, else the built-in "
            "one), or None; for legal_repair_deadline() and in_heat_season().")
        .def("organizations", [](PyCoordinator& c) { return record_list(nogil([&] { return c.organizations(); })); })
        // ---- callbacks ----
        .def(
            "on_event", [](PyCoordinator& c, EventCallback cb) { return c.on_event(std::move(cb)); },
            py::arg("callback"),
            "Calls callback(event) after each change commits, on the thread running jobs (with the "
            "GIL). Exceptions are logged, not raised. Returns an EventSubscription for off().")
        .def("off", &Coordinator::off, py::arg("subscription"),
             "Stops the callback of `subscription`; False when it was not registered.")
        .def(
            "register_job_handler",
            [](PyCoordinator& c, const std::string& type, JobHandler handler) {
                c.register_job_handler(type, with_error_codes(std::move(handler), "job handler '" + type + "'"));
            },
            py::arg("type"), py::arg("handler"),
            "Runs handler(job) for jobs of `type`; raising fails the attempt (retried with backoff).")
        // ---- parts ----
        .def_property_readonly("store", &Coordinator::store, py::return_value_policy::reference_internal)
        .def_property_readonly("jobs", &Coordinator::jobs, py::return_value_policy::reference_internal)
        .def_property_readonly("agent", &Coordinator::agent, py::return_value_policy::reference_internal)
        .def_property_readonly("clock", &Coordinator::clock, py::return_value_policy::reference_internal)
        .def("now", [](PyCoordinator& c) { return c.clock().now(); }, "The coordinator clock's time.");

    // ---- Follow-up cadences (issue 17; propos/workflows/cadence.hpp) ----
    Record<CadenceStepDefinition>(m, "CadenceStepDefinition",
                                  "A cadence step: name, offset_days after enrolment, send_minute (local minutes "
                                  "after midnight, None: the enrolment's time), channel, templates and subjects "
                                  "per language.")
        .field("name", &CadenceStepDefinition::name)
        .field("offset_days", &CadenceStepDefinition::offset_days)
        .field("send_minute", &CadenceStepDefinition::send_minute)
        .field("channel", &CadenceStepDefinition::channel)
        .field("templates", &CadenceStepDefinition::templates)
        .field("subjects", &CadenceStepDefinition::subjects)
        .json();
    Record<CadenceDefinition>(m, "CadenceDefinition", "A named cadence for a purpose, with its steps and source.")
        .field("name", &CadenceDefinition::name)
        .field("purpose", &CadenceDefinition::purpose)
        .field("description", &CadenceDefinition::description)
        .field("steps", &CadenceDefinition::steps)
        .field("source", &CadenceDefinition::source)
        .json();
    Record<CadenceEnrollmentStep>(m, "CadenceEnrollmentStep",
                                  "One step of an enrolment: due_at, status (pending, sent, skipped, cancelled), "
                                  "version, message_id, done_at.")
        .field("name", &CadenceEnrollmentStep::name)
        .field("due_at", &CadenceEnrollmentStep::due_at)
        .field("status", &CadenceEnrollmentStep::status)
        .field("version", &CadenceEnrollmentStep::version)
        .field("message_id", &CadenceEnrollmentStep::message_id)
        .field("done_at", &CadenceEnrollmentStep::done_at)
        .json();
    Record<CadenceEnrollment>(m, "CadenceEnrollment",
                              "A tenant following a cadence for a purpose: status (active, completed, "
                              "cancelled), references, steps, end_reason.")
        .field("id", &CadenceEnrollment::id)
        .field("cadence", &CadenceEnrollment::cadence)
        .field("purpose", &CadenceEnrollment::purpose)
        .field("tenant_id", &CadenceEnrollment::tenant_id)
        .field("references", &CadenceEnrollment::references)
        .field("status", &CadenceEnrollment::status)
        .field("enrolled_at", &CadenceEnrollment::enrolled_at)
        .field("enrolled_by", &CadenceEnrollment::enrolled_by)
        .field("ended_at", &CadenceEnrollment::ended_at)
        .field("end_reason", &CadenceEnrollment::end_reason)
        .field("steps", &CadenceEnrollment::steps)
        .json();
    Record<CadenceRequest>(m, "CadenceRequest",
                           "What to enrol: tenant_id, purpose, cadence (a name; empty: the purpose's), "
                           "references (work_order_id, lease_id, document...), by.")
        .field("tenant_id", &CadenceRequest::tenant_id)
        .field("purpose", &CadenceRequest::purpose)
        .field("cadence", &CadenceRequest::cadence)
        .field("references", &CadenceRequest::references)
        .field("by", &CadenceRequest::by);
    Record<CadencePreviewStep>(m, "CadencePreviewStep", "A cadence step rendered as it would be sent.")
        .field("step", &CadencePreviewStep::step)
        .field("due_at", &CadencePreviewStep::due_at)
        .field("status", &CadencePreviewStep::status)
        .field("channel", &CadencePreviewStep::channel)
        .field("to", &CadencePreviewStep::to)
        .field("language", &CadencePreviewStep::language)
        .field("subject", &CadencePreviewStep::subject)
        .field("body", &CadencePreviewStep::body);
    Record<CadenceLogEntry>(m, "CadenceLogEntry",
                            "A step of an enrolment with its message: status and the delivered/opened/clicked "
                            "times the providers reported.")
        .field("step", &CadenceLogEntry::step)
        .field("due_at", &CadenceLogEntry::due_at)
        .field("status", &CadenceLogEntry::status)
        .field("done_at", &CadenceLogEntry::done_at)
        .field("message_id", &CadenceLogEntry::message_id)
        .field("channel", &CadenceLogEntry::channel)
        .field("message_status", &CadenceLogEntry::message_status)
        .field("sent_at", &CadenceLogEntry::sent_at)
        .field("delivered_at", &CadenceLogEntry::delivered_at)
        .field("opened_at", &CadenceLogEntry::opened_at)
        .field("clicked_at", &CadenceLogEntry::clicked_at);
    m.def("cadence_schema", &cadence_schema, "The JSON Schema of cadence definitions (text).");
    m.def("builtin_cadences", [] { return record_list(builtin_cadences()); },
          "The built-in cadence definitions (default, post_repair, onboarding, renewal, missing_document).");
    m.def("parse_cadence_definitions", &parse_cadence_definitions, py::arg("json_text"), py::arg("source"),
          "Parses and validates definitions; ValueError names the source and the field.");
    auto request_of = [](std::optional<CadenceRequest> r, const py::kwargs& kw) {
        py::object q = py::cast(r.value_or(CadenceRequest{}));
        apply_keywords(q, kw, "CadenceRequest");
        return q.cast<CadenceRequest>();
    };
    py::reinterpret_borrow<py::class_<PyCoordinator>>(m.attr("Coordinator"))
        .def("cadence_definitions",
             [](PyCoordinator& c, const OrgId& org) { return record_list(nogil([&] { return c.cadence_definitions(org); })); },
             py::arg("org"), "The organization's cadences: its own, then the built-in ones they do not replace.")
        .def(
            "set_cadence_definitions",
            [](PyCoordinator& c, const OrgId& org, const std::string& json_text, const std::string& source) {
                return record_list(nogil([&] { return c.set_cadence_definitions(org, json_text, source); }));
            },
            py::arg("org"), py::arg("json_text"), py::arg("source") = "",
            "Replaces the organization's own definitions (JSON text); ValueError names the source and field.")
        .def(
            "enrol_cadence",
            [request_of](PyCoordinator& c, const OrgId& org, std::optional<CadenceRequest> r, const py::kwargs& kw) {
                const auto req = request_of(std::move(r), kw);
                return nogil([&] { return c.enrol_cadence(org, req); });
            },
            py::arg("org"), py::arg("request") = py::none(),
            "Enrols a tenant (CadenceRequest or keywords tenant_id=, purpose=, cadence=, references=, by=); "
            "returns the active enrolment for the tenant and purpose when there is one.")
        .def(
            "preview_cadence",
            [request_of](PyCoordinator& c, const OrgId& org, py::object what, const py::kwargs& kw) {
                if (py::isinstance<py::str>(what)) {
                    const auto id = what.cast<std::string>();
                    return record_list(nogil([&] { return c.preview_cadence(org, id); }));
                }
                const auto req = request_of(what.is_none() ? std::nullopt : std::optional(what.cast<CadenceRequest>()), kw);
                return record_list(nogil([&] { return c.preview_cadence(org, req); }));
            },
            py::arg("org"), py::arg("request") = py::none(),
            "The messages an enrolment would send, rendered now, sending nothing: an enrolment id, a "
            "CadenceRequest, or its fields as keywords.")
        .def("cancel_cadence", &Coordinator::cancel_cadence, py::arg("org"), py::arg("enrollment_id"),
             py::arg("by") = "host", py::arg("reason") = "cancelled", release)
        .def("skip_cadence_step", &Coordinator::skip_cadence_step, py::arg("org"), py::arg("enrollment_id"),
             py::arg("step"), py::arg("by") = "host", release, "Skips a pending step (name or index as text).")
        .def("reschedule_cadence_step", &Coordinator::reschedule_cadence_step, py::arg("org"),
             py::arg("enrollment_id"), py::arg("step"), py::arg("due_at"), py::arg("rest") = false,
             py::arg("by") = "host", release,
             "Moves a pending step to due_at; rest=True moves the later pending steps by the same amount.")
        .def(
            "cadence_enrollments",
            [](PyCoordinator& c, const OrgId& org, const std::string& tenant_id, const std::string& status,
               const std::string& purpose, std::size_t limit) {
                const CadenceQuery q{tenant_id, status, purpose, limit};
                return record_list(nogil([&] { return c.cadence_enrollments(org, q); }));
            },
            py::arg("org"), py::kw_only(), py::arg("tenant_id") = "", py::arg("status") = "",
            py::arg("purpose") = "", py::arg("limit") = 0, "Enrolments, most recent first.")
        .def("cadence_enrollment", &Coordinator::cadence_enrollment, py::arg("org"), py::arg("enrollment_id"),
             release)
        .def(
            "cadence_log",
            [](PyCoordinator& c, const OrgId& org, const std::string& id) {
                return record_list(nogil([&] { return c.cadence_log(org, id); }));
            },
            py::arg("org"), py::arg("enrollment_id"),
            "Each step with its message's status and delivered/opened/clicked times.");
    // ---- end follow-up cadences ----
}

}  // namespace propos_py
