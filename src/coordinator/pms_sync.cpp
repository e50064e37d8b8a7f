// The PMS glue: a PMS event -> fetch the record -> a new resident request becomes a portal message
// (ingest) or an update is audited; Yardi-style polling on a schedule; work-order status pushed
// back to the PMS record a work order came from.
//
// A record is linked to the message it became (and, once known, to the work order that message
// is part of) by a "pms_link" record: id "<system>:<kind>:<pms id>", lookup = message id,
// alt_lookup = work order id.
#include "core/log.hpp"
#include "propos/core/logging.hpp"
#include "propos/core/time.hpp"
#include "propos/store/portfolio_import.hpp"
#include "propos/workflows/maintenance.hpp"
#include "webhooks_internal.hpp"

namespace propos::detail {
namespace {

std::string link_id(const pms::PmsEntityRef& ref) {
    return ref.system + ":" + std::string(pms::to_string(ref.kind)) + ":" + ref.id;
}

pms::PmsEntityKind kind_from(const std::string& s) {
    return s == pms::to_string(pms::PmsEntityKind::kServiceRequest)
               ? pms::PmsEntityKind::kServiceRequest
               : pms::PmsEntityKind::kWorkOrder;
}

std::optional<Json> find_link(Transaction& tx, const OrgId& org, const std::string& id) {
    auto text = tx.find_record(org, kPmsLinkKind, id);
    if (!text) return std::nullopt;
    return parse_json(*text, "pms link");
}

void put_link(Transaction& tx, const OrgId& org, const Json& link) {
    const auto id = link.at("system").get<std::string>() + ":" +
                    link.at("kind").get<std::string>() + ":" + link.at("id").get<std::string>();
    tx.put_record(org, kPmsLinkKind, id,
                  RecordKeys{.status = link.value("state", ""),
                             .lookup = link.value("message_id", ""),
                             .alt_lookup = link.value("work_order_id", ""),
                             .time_ms = link.value("created_ms", std::int64_t{0})},
                  canonical_json(link));
}

void audit(Transaction& tx, const OrgId& org, Timestamp now, const std::string& action,
           const std::string& entity_kind, const std::string& entity_id,
           const std::string& correlation, Json data) {
    AuditEvent a;
    a.at = now;
    a.actor = "pms:" + data.value("system", std::string("pms"));
    a.action = action;
    a.entity_kind = entity_kind;
    a.entity_id = entity_id;
    a.correlation_id = correlation;
    a.data = std::move(data);
    tx.append_audit(org, a);
}

// The note that goes to the PMS with a status: what happened, no personal data.
std::string push_note(const WorkOrder& wo, const std::string& event_type) {
    std::string what = event_type.starts_with("work_order.") ? event_type.substr(11) : event_type;
    std::replace(what.begin(), what.end(), '_', ' ');
    std::string note = "PropOS: " + what + " (status " + std::string(enum_name(wo.status)) + ")";
    if (wo.status == WorkOrderStatus::kScheduled && wo.scheduled_start) {
        note += ", visit " + format_time(*wo.scheduled_start);
    }
    if ((wo.status == WorkOrderStatus::kCompleted || wo.status == WorkOrderStatus::kClosed) &&
        !wo.resolution.empty()) {
        note += ": " + wo.resolution.substr(0, 500);
    }
    return note;
}

}  // namespace

void Integrations::register_pms_handlers() {
    c_.register_job_handler(kPmsEventJob, [this](const Job& job) { run_pms_event(job); });
    c_.register_job_handler(kPmsPollJob, [this](const Job& job) { run_pms_poll(job); });
    c_.register_job_handler(kPmsPushJob, [this](const Job& job) { run_pms_push(job); });
}

std::shared_ptr<pms::PmsAdapter> Integrations::adapter(const OrgId& org,
                                                       const std::string& system) const {
    const auto& cfg = config(org);
    auto it = cfg.pms.find(system);
    if (it == cfg.pms.end() || !it->second) {
        throw Error(
            ErrorCode::kFailedPrecondition,
            "no PMS adapter '" + system + "' is configured for organization '" + org.str() + "'");
    }
    return it->second;
}

void Integrations::ensure_schedules(const OrgId& org) {
    {
        std::lock_guard lock(mu_);
        if (scheduled_.count(org.str())) return;
    }
    const auto& cfg = config(org);
    try {
        const auto existing = c_.jobs().schedules(org);
        for (const auto& system : cfg.pms_poll) {
            if (!cfg.pms.count(system)) continue;
            const auto name = "pms-poll:" + system;
            const bool has = std::any_of(existing.begin(), existing.end(),
                                         [&](const Schedule& s) { return s.name == name; });
            if (!has) {
                c_.jobs().add_schedule(org, name, cfg.pms_poll_cron,
                                       JobSpec{.type = kPmsPollJob,
                                               .payload = {{"system", system}},
                                               .priority = -5,
                                               .max_attempts = 3});
            }
        }
    } catch (const Error& e) {
        logger()->error("pms: cannot schedule polling for {}: {}", org.str(), e.what());
        return;
    }
    std::lock_guard lock(mu_);
    scheduled_.insert(org.str());
}

void Integrations::run_pms_event(const Job& job) {
    const auto& org = job.org_id;
    const auto system = job.payload.value("system", "");
    const auto ad = adapter(org, system);
    const pms::PmsEntityRef ref{system, kind_from(job.payload.value("kind", "")),
                                job.payload.value("id", ""), job.payload.value("account", "")};
    pms::PmsWorkOrder record;
    try {
        record = ad->fetch(ref);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::kNotFound) throw;  // kUnavailable and the rest: retried
        c_.store().write([&](Transaction& tx) {
            audit(tx, org, c_.clock().now(), "pms.record_missing", "pms_record", link_id(ref),
                  job.correlation_id,
                  Json{{"system", system}, {"kind", pms::to_string(ref.kind)}, {"pms_id", ref.id}});
        });
        return;
    }
    if (record.ref.id.empty()) record.ref = ref;
    sync_record(org, record, job.payload.value("event_id", ""));
}

void Integrations::run_pms_poll(const Job& job) {
    const auto& org = job.org_id;
    const auto system = job.payload.value("system", "");
    const auto ad = adapter(org, system);
    const auto cursor = c_.store().read_result([&](Transaction& tx) -> std::string {
        auto text = tx.find_record(org, kPmsCursorKind, system);
        return text ? parse_json(*text, "pms cursor").value("cursor", "") : std::string();
    });
    const auto page = ad->poll(cursor, c_.clock().now());
    for (std::size_t i = 0; i < page.items.size(); ++i) {
        sync_record(org, page.items[i],
                    i < page.events.size() ? page.events[i].event_id : std::string());
    }
    if (page.next_cursor != cursor) {
        c_.store().write([&](Transaction& tx) {
            tx.put_record(org, kPmsCursorKind, system, RecordKeys{},
                          canonical_json(Json{{"cursor", page.next_cursor},
                                              {"at", format_time(c_.clock().now())}}));
        });
    }
    logger()->info("pms: polled {} for {}: {} record(s)", system, org.str(), page.items.size());
}

void Integrations::sync_record(const OrgId& org, const pms::PmsWorkOrder& record,
                               const std::string& event_id) {
    auto& store = c_.store();
    const auto& cfg = config(org);
    const auto& ref = record.ref;
    const auto id = link_id(ref);
    const auto now = c_.clock().now();
    const Json about{
        {"system", ref.system}, {"kind", pms::to_string(ref.kind)}, {"pms_id", ref.id}};

    auto link = store.read_result([&](Transaction& tx) { return find_link(tx, org, id); });
    if (link) {
        // A record we know changed in the PMS: note it (our own push-back echoing is not news).
        if (link->value("pms_status", "") == record.pms_status) return;
        const bool echo = link->value("last_pushed_status", "") == enum_name(record.status);
        store.write([&](Transaction& tx) {
            auto current = find_link(tx, org, id).value_or(*link);
            current["pms_status"] = record.pms_status;
            put_link(tx, org, current);
            if (echo) return;
            Json data = about;
            data["pms_status"] = record.pms_status;
            data["status"] = enum_name(record.status);
            data["event_id"] = event_id;
            audit(tx, org, now, "pms.record_updated", "pms_record", id,
                  current.value("message_id", ""), data);
            data["message_id"] = current.value("message_id", "");
            data["work_order_id"] = current.value("work_order_id", "");
            emit_event(tx, org, "pms.record_updated", current.value("message_id", ""), data, now);
        });
        return;
    }

    Json fresh = about;
    fresh.erase("pms_id");
    fresh["id"] = ref.id;
    fresh["account"] = ref.account;
    fresh["pms_status"] = record.pms_status;
    fresh["created_ms"] = to_unix_millis(now);
    auto settle = [&](const std::string& state, const std::string& action) {
        store.write([&](Transaction& tx) {
            fresh["state"] = state;
            put_link(tx, org, fresh);
            audit(tx, org, now, action, "pms_record", id, "", about);
            if (action == "pms.request_unmatched") emit_event(tx, org, action, id, about, now);
        });
    };
    if (is_terminal(record.status) || record.status == WorkOrderStatus::kCompleted) {
        return settle("skipped", "pms.record_skipped");  // closed before PropOS saw it
    }
    // A work order that belongs to a request we already track (Buildium) joins that request.
    if (!record.linked_id.empty()) {
        const auto parent = store.read_result([&](Transaction& tx) {
            return find_link(tx, org,
                             ref.system + ":" +
                                 std::string(pms::to_string(pms::PmsEntityKind::kServiceRequest)) +
                                 ":" + record.linked_id);
        });
        if (parent && !parent->value("message_id", "").empty()) {
            store.write([&](Transaction& tx) {
                fresh["state"] = "linked";
                fresh["message_id"] = parent->value("message_id", "");
                fresh["work_order_id"] = parent->value("work_order_id", "");
                put_link(tx, org, fresh);
            });
            return;
        }
    }

    std::optional<TenantId> tenant_id;
    if (cfg.pms_match_tenant) {
        tenant_id = cfg.pms_match_tenant(org, record);
    } else {
        tenant_id = store.read_result([&](Transaction& tx) -> std::optional<TenantId> {
            for (const auto& key : {normalize_email(record.requester_email),
                                    normalize_phone(record.requester_phone)}) {
                if (key.empty()) continue;
                if (auto t = tx.list<Tenant>(org, {.lookup = key, .limit = 1}); !t.empty())
                    return t.front().id;
            }
            if (!record.tenant_id.empty()) {
                if (auto t = tx.find<Tenant>(org, record.tenant_id)) return t->id;
            }
            return std::nullopt;
        });
    }
    const auto tenant = tenant_id ? store.read_result([&](Transaction& tx) {
        return tx.find<Tenant>(org, tenant_id->str());
    })
                                  : std::nullopt;
    if (!tenant || (tenant->phone.empty() && tenant->email.empty()))
        return settle("unmatched", "pms.request_unmatched");

    IncomingMessage in;
    in.provider = ref.system;
    in.provider_message_id = id;
    in.channel = Channel::kPortal;
    in.from = tenant->phone.empty() ? tenant->email : tenant->phone;
    in.to = ref.system;
    in.subject = record.title;
    in.text = record.title;
    if (!record.description.empty() && record.description != record.title) {
        in.text += (in.text.empty() ? "" : "\n") + record.description;
    }
    if (record.entry_permitted)
        in.text += std::string("\nEntry permitted: ") + (*record.entry_permitted ? "yes" : "no");
    if (!record.access_notes.empty()) in.text += "\nAccess notes: " + record.access_notes;
    in.received_at = record.created_at.value_or(now);
    in.raw_payload = record.raw.dump();
    in.raw_content_type = "application/json";
    IngestResult ingested;
    try {
        ingested = c_.ingest(org, in);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::kInvalidArgument) throw;
        return settle("invalid", "pms.request_invalid");
    }
    store.write([&](Transaction& tx) {
        fresh["state"] = "ingested";
        fresh["message_id"] = ingested.message_id.str();
        put_link(tx, org, fresh);
    });
    logger()->info("pms: {} {} {} ingested as {} in {}", ref.system, pms::to_string(ref.kind),
                   ref.id, ingested.message_id.str(), org.str());
}

void Integrations::on_event(const Event& e) {
    if (!e.type.starts_with("work_order.")) return;
    const auto& org = e.org_id;
    const auto& cfg = config(org);
    if (!cfg.pms_push_updates || cfg.pms.empty()) return;
    const auto wo_id = e.payload.value("work_order_id", "");
    if (wo_id.empty() || e.payload.value("status", "").empty()) return;
    auto& store = c_.store();
    // The link of the work order: cached by work order id, else through its messages.
    auto link = store.read_result([&](Transaction& tx) -> std::optional<Json> {
        for (const auto& text : tx.list_records(org, kPmsLinkKind, {.lookup = wo_id, .limit = 1})) {
            return parse_json(text, "pms link");
        }
        const auto wo = tx.find<WorkOrder>(org, wo_id);
        if (!wo) return std::nullopt;
        for (const auto& mid : wo->message_ids) {
            for (const auto& text :
                 tx.list_records(org, kPmsLinkKind, {.lookup = mid.str(), .limit = 1})) {
                return parse_json(text, "pms link");
            }
        }
        return std::nullopt;
    });
    if (!link || !cfg.pms.count(link->value("system", ""))) return;
    store.write([&](Transaction& tx) {
        if (link->value("work_order_id", "") != wo_id) {
            (*link)["work_order_id"] = wo_id;
            put_link(tx, org, *link);
        }
        c_.jobs().enqueue(
            tx, org,
            JobSpec{.type = kPmsPushJob,
                    .payload = {{"system", link->value("system", "")},
                                {"link", link->value("system", "") + ":" + link->value("kind", "") +
                                             ":" + link->value("id", "")},
                                {"work_order_id", wo_id},
                                {"event", e.type}},
                    .priority = 10,
                    .idempotency_key = "pms.push:" + e.id,
                    .correlation_id = e.correlation_id});
    });
}

void Integrations::run_pms_push(const Job& job) {
    const auto& org = job.org_id;
    auto& store = c_.store();
    const auto id = job.payload.value("link", "");
    const auto wo_id = job.payload.value("work_order_id", "");
    const auto link = store.read_result([&](Transaction& tx) { return find_link(tx, org, id); });
    if (!link) return;
    const auto ad = adapter(org, link->value("system", ""));
    // The work order's status now, not the event's: pushes that run late or out of order converge.
    const auto wo =
        store.read_result([&](Transaction& tx) { return tx.get<WorkOrder>(org, wo_id); });
    const std::string status(enum_name(wo.status));
    if (link->value("last_pushed_status", "") == status) return;
    const pms::PmsEntityRef ref{link->value("system", ""), kind_from(link->value("kind", "")),
                                link->value("id", ""), link->value("account", "")};
    const auto now = c_.clock().now();
    Json about{{"system", ref.system},
               {"kind", pms::to_string(ref.kind)},
               {"pms_id", ref.id},
               {"status", status}};
    try {
        ad->push_update(
            pms::PmsWorkOrderUpdate{ref, wo.status, push_note(wo, job.payload.value("event", ""))});
    } catch (const Error& e) {
        if (e.code() == ErrorCode::kUnavailable) throw;  // retried with backoff
        // Credentials, a record the PMS refuses to change, a deleted record: retrying will not
        // help.
        about["error"] = redact(std::string(e.what()).substr(0, 300));
        store.write([&](Transaction& tx) {
            audit(tx, org, now, "pms.push_failed", "work_order", wo_id, job.correlation_id, about);
            emit_event(tx, org, "pms.push_failed", job.correlation_id, about, now);
        });
        return;
    }
    store.write([&](Transaction& tx) {
        auto current = find_link(tx, org, id).value_or(*link);
        current["last_pushed_status"] = status;
        current["work_order_id"] = wo_id;
        put_link(tx, org, current);
        audit(tx, org, now, "pms.status_pushed", "work_order", wo_id, job.correlation_id, about);
    });
}

}  // namespace propos::detail
