// Coordinator::handle_webhook: keep the raw request, verify and parse it with the channels / pms
// handlers, then ingest the message, apply the delivery reports or queue the PMS sync jobs.
#include <algorithm>

#include "core/log.hpp"
#include "propos/core/logging.hpp"
#include "propos/core/time.hpp"
#include "propos/store/portfolio_import.hpp"
#include "propos/workflows/intake.hpp"
#include "webhooks_internal.hpp"

namespace propos {

std::string_view to_string(WebhookOutcome outcome) noexcept {
    switch (outcome) {
        case WebhookOutcome::kIngested:
            return "ingested";
        case WebhookOutcome::kDuplicate:
            return "duplicate";
        case WebhookOutcome::kStatusUpdates:
            return "status_updates";
        case WebhookOutcome::kPmsEvents:
            return "pms_events";
        case WebhookOutcome::kIgnored:
            return "ignored";
        case WebhookOutcome::kDeadLetter:
            return "dead_letter";
    }
    return "dead_letter";
}

namespace detail {
namespace {

constexpr std::size_t kTextReasonLimit = 300;

WebhookResponse error_response(int status, std::string reason, std::int64_t raw_id) {
    WebhookResponse r;
    r.status = status;
    r.outcome = WebhookOutcome::kDeadLetter;
    r.raw_payload_id = raw_id;
    r.content_type = "text/plain; charset=utf-8";
    r.body = reason.substr(0, kTextReasonLimit) + "\n";
    r.error = std::move(reason);
    return r;
}

// Where a request's raw payload is filed.
std::string source_of(const WebhookRequest& request) {
    switch (request.endpoint) {
        case WebhookEndpoint::kTwilio:
            return "twilio";
        case WebhookEndpoint::kSendGridInbound:
            return "sendgrid";
        case WebhookEndpoint::kSendGridEvents:
            return "sendgrid.events";
        case WebhookEndpoint::kPms:
            return request.pms_system.empty() ? "pms" : request.pms_system;
    }
    return "webhook";
}

std::size_t body_limit(const IntegrationConfig& cfg, WebhookEndpoint endpoint) {
    switch (endpoint) {
        case WebhookEndpoint::kTwilio:
            return cfg.twilio.max_body_bytes;
        case WebhookEndpoint::kSendGridInbound:
            return cfg.sendgrid_inbound.max_body_bytes;
        case WebhookEndpoint::kSendGridEvents:
            return cfg.sendgrid_events.max_body_bytes;
        case WebhookEndpoint::kPms:
            return cfg.pms_max_body_bytes;
    }
    return cfg.pms_max_body_bytes;
}

}  // namespace

std::string signed_webhook_url(const IntegrationConfig& cfg, const std::string& url) {
    if (cfg.public_base_url.empty()) return url;
    std::string base = cfg.public_base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    std::string_view rest = url;
    if (const auto scheme = rest.find("://"); scheme != std::string_view::npos) {
        rest.remove_prefix(scheme + 3);
        const auto path = rest.find_first_of("/?#");
        rest = path == std::string_view::npos ? std::string_view{} : rest.substr(path);
    }
    return base + std::string(rest);
}

namespace {

void mark(Store& store, const OrgId& org, std::int64_t raw_id, std::string_view status,
          std::string_view why) {
    store.write([&](Transaction& tx) { tx.set_raw_payload_status(org, raw_id, status, why); });
}

Json masked_recipient(const std::string& address) {
    return address.find('@') != std::string::npos ? mask_email(address) : mask_phone(address);
}

}  // namespace

Integrations::Integrations(Coordinator& coordinator, IntegrationOptions options)
    : c_(coordinator), options_(std::move(options)) {
    register_pms_handlers();
    // Front door (issue 23): raw payloads a crash left "received" are replayed by jobs.
    c_.register_job_handler(kWebhookReplayJob, [this](const Job& job) { run_webhook_replay(job); });
    // Status push-back listens to work-order events, when some organization has a PMS to push to.
    bool pushes = options_.defaults.pms_push_updates && !options_.defaults.pms.empty();
    for (const auto& [id, cfg] : options_.organizations)
        pushes |= cfg.pms_push_updates && !cfg.pms.empty();
    if (pushes) c_.on_event([this](const Event& e) { on_event(e); });
    for (const auto& org : c_.store().list_organizations()) {
        ensure_schedules(org.id);
        enqueue_stranded(org.id);  // front door (issue 23)
    }
}

const IntegrationConfig& Integrations::config(const OrgId& org) const {
    if (auto it = options_.organizations.find(org.str()); it != options_.organizations.end())
        return it->second;
    return options_.defaults;
}

WebhookResponse Integrations::handle(const OrgId& org, const WebhookRequest& request) {
    auto& store = c_.store();
    const bool known =
        store.read_result([&](Transaction& tx) { return tx.find_organization(org).has_value(); });
    if (!known) {
        logger()->warn("webhook for unknown organization '{}' refused (nothing kept)",
                       redact(org.str()));
        return error_response(404, "unknown organization '" + org.str().substr(0, 64) + "'", 0);
    }
    const auto& cfg = config(org);
    const auto source = source_of(request);
    const auto content_type = find_header(request.headers, "Content-Type");
    const auto now = c_.clock().now();

    // ---- Front door (issue 23): authenticate before storing ----
    // An unconfigured route (404), a request that fails authentication (401/403) or whose body is
    // over the endpoint's limit (413) is not kept: it is counted with a bounded sample.
    if (auto refused = authenticate(org, cfg, request, source, body_limit(cfg, request.endpoint)))
        return std::move(*refused);
    // ---- end front door ----
    // Nothing is lost: the authentic request is kept before anything is parsed.
    const auto raw_id = store.write_result([&](Transaction& tx) {
        return tx.store_raw_payload(org, source, content_type, request.body, now);
    });
    if (request.endpoint == WebhookEndpoint::kPms) return handle_pms(org, cfg, request, raw_id);
    return handle_channel(org, cfg, request, raw_id);
}

WebhookResponse Integrations::handle_channel(const OrgId& org, const IntegrationConfig& cfg,
                                             const WebhookRequest& request, std::int64_t raw_id) {
    const auto now = c_.clock().now();
    channels::WebhookResult result;
    switch (request.endpoint) {
        case WebhookEndpoint::kTwilio:
            result = channels::handle_twilio_webhook(cfg.twilio, request.method,
                                                     signed_webhook_url(cfg, request.url), request.headers,
                                                     request.body, now);
            break;
        case WebhookEndpoint::kSendGridInbound: {
            auto o = cfg.sendgrid_inbound;
            if (!o.blob_store) o.blob_store = cfg.blob_store;
            result = channels::handle_sendgrid_inbound(o, request.method, request.url,
                                                       request.headers, request.body, now);
            break;
        }
        case WebhookEndpoint::kSendGridEvents:
            result =
                channels::handle_sendgrid_events(cfg.sendgrid_events, request.method, request.url,
                                                 request.headers, request.body, now);
            break;
        case WebhookEndpoint::kPms:
            break;  // handled by handle_pms
    }
    if (!result.ok()) {
        mark(c_.store(), org, raw_id, "dead", result.dead_letter_reason);
        auto r = error_response(result.http_status, result.dead_letter_reason, raw_id);
        r.warnings = std::move(result.warnings);
        return r;
    }
    WebhookResponse r;
    switch (result.kind) {
        case channels::WebhookKind::kMessage:
            r = ingest_message(org, cfg, std::move(*result.message), raw_id);
            break;
        case channels::WebhookKind::kDeliveryUpdates:
            r = apply_updates(org, result.updates, raw_id);
            break;
        default:
            mark(c_.store(), org, raw_id, "processed", "ignored");
            r.outcome = WebhookOutcome::kIgnored;
            r.raw_payload_id = raw_id;
            break;
    }
    if (r.outcome == WebhookOutcome::kDeadLetter) return r;
    r.status = 200;
    r.content_type = result.response_content_type;
    r.body = result.response_body;
    r.warnings.insert(r.warnings.begin(), result.warnings.begin(), result.warnings.end());
    return r;
}

WebhookResponse Integrations::ingest_message(const OrgId& org, const IntegrationConfig& cfg,
                                             channels::InboundMessage m, std::int64_t raw_id) {
    WebhookResponse r;
    r.raw_payload_id = raw_id;
    if (m.provider == "twilio" && cfg.media_http && cfg.blob_store &&
        !cfg.twilio_media.account_sid.empty() && !cfg.twilio_media.auth_token.empty()) {
        channels::fetch_twilio_media(*cfg.media_http, *cfg.blob_store, cfg.twilio_media, m);
    }
    // The intake's form of the message: thread keys and the SMS keyword as the channel read them.
    IncomingMessage in = incoming_from(m);
    for (const auto& item : m.media) {
        if (!item.blob_key.empty()) continue;
        r.warnings.push_back("attachment '" + item.filename.substr(0, 80) + "' " +
                             (item.error.empty() ? "left at the provider (no media download configured)"
                                                 : "not kept: " + item.error));
    }
    in.raw_payload_id = raw_id;
    in.raw_content_type = "application/json";
    try {
        r.ingested = c_.ingest(org, in);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::kInvalidArgument) throw;
        mark(c_.store(), org, raw_id, "dead", e.what());
        auto bad = error_response(422, e.what(), raw_id);
        bad.warnings = std::move(r.warnings);
        return bad;
    }
    if (r.ingested->raw_payload_id != raw_id) {
        // The Coordinator kept its own copy of the normalized message: record the outcome on ours.
        mark(c_.store(), org, raw_id, "processed",
             (r.ingested->duplicate ? "duplicate of " : "ingested as ") +
                 r.ingested->message_id.str());
    }
    r.outcome = r.ingested->duplicate ? WebhookOutcome::kDuplicate : WebhookOutcome::kIngested;
    return r;
}

WebhookResponse Integrations::apply_updates(const OrgId& org,
                                            const std::vector<channels::DeliveryUpdate>& updates,
                                            std::int64_t raw_id) {
    WebhookResponse r;
    r.raw_payload_id = raw_id;
    r.outcome = WebhookOutcome::kStatusUpdates;
    const auto now = c_.clock().now();
    c_.store().write([&](Transaction& tx) {
        for (const auto& u : updates) {
            // Each provider event once: SendGrid's sg_event_id, else (Twilio) message id + status.
            const std::string key =
                u.provider + ":" +
                (u.event_id.empty() ? u.provider_message_id + ":" + u.event : u.event_id);
            if (tx.find_record(org, kDeliveryEventKind, key)) {
                r.warnings.push_back("event " + key.substr(0, 100) + " already applied");
                continue;
            }
            std::optional<Message> msg;
            for (auto& m : tx.list<Message>(org, {.lookup = u.provider_message_id})) {
                if (m.direction == Direction::kOutbound) {
                    msg = std::move(m);
                    break;
                }
            }
            // SendGrid echoes our custom arg: the message id, also before the provider id was
            // stored.
            if (auto k = u.metadata.find("propos_key");
                !msg && k != u.metadata.end() && k->is_string()) {
                msg = tx.find<Message>(org, k->get<std::string>());
                if (msg && msg->direction != Direction::kOutbound) msg.reset();
            }
            if (!msg) {
                // Not recorded as seen: a retry after the provider id is stored still applies.
                r.warnings.push_back("no outbound message with provider id '" +
                                     u.provider_message_id.substr(0, 80) + "'");
                continue;
            }
            tx.put_record(org, kDeliveryEventKind, key,
                          RecordKeys{.parent = msg->id.str(),
                                     .lookup = u.provider_message_id,
                                     .time_ms = to_unix_millis(now)},
                          canonical_json(Json{{"message_id", msg->id.str()},
                                              {"event", u.event},
                                              {"status", enum_name(u.status)},
                                              {"at", format_time(u.at)}}));
            const auto before = msg->status;
            // ---- Delivery times (issue 17): the first report of each, whatever the status order ----
            bool timed = false;
            const auto first = [&](std::optional<Timestamp>& field) {
                if (field) return;
                field = u.at == Timestamp{} ? now : u.at;
                timed = true;
            };
            if (u.status == DeliveryStatus::kDelivered) first(msg->delivered_at);
            if (u.event == "open" || u.event == "read" || u.event == "click") first(msg->opened_at);
            if (u.event == "click") first(msg->clicked_at);
            if (timed && !channels::should_apply_status(before, u.status)) {
                tx.put(org, *msg);
                auto a = AuditEvent::about(
                    "message.engagement", "message", msg->id.str(), now, "webhook:" + u.provider,
                    msg->id.str(),
                    {{"provider", u.provider}, {"event", u.event}, {"event_id", u.event_id}});
                record_decision(tx, org, std::move(a),
                                Json{{"message_id", msg->id.str()}, {"event", u.event}, {"provider", u.provider},
                                     {"opened_at", msg->opened_at}, {"clicked_at", msg->clicked_at}});
            }
            // ---- end delivery times ----
            if (channels::should_apply_status(before, u.status)) {
                msg->status = u.status;
                tx.put(org, *msg);
                ++r.updates_applied;
                auto a = AuditEvent::about("message.status", "message", msg->id.str(), now,
                                           "webhook:" + u.provider, msg->id.str(),
                                           {{"provider", u.provider},
                                            {"event", u.event},
                                            {"from", enum_name(before)},
                                            {"to", enum_name(u.status)},
                                            {"event_id", u.event_id},
                                            {"reason", redact(u.reason.substr(0, 200))},
                                            {"recipient", masked_recipient(u.recipient)}});
                record_decision(
                    tx, org, std::move(a),
                    Json{{"message_id", msg->id.str()},
                         {"status", enum_name(u.status)},
                         {"previous", enum_name(before)},
                         {"event", u.event},
                         {"provider", u.provider},
                         {"work_order_id", msg->work_order_id ? msg->work_order_id->str() : ""}});
            }
            if (u.opt_out && msg->tenant_id) {
                auto tenant = tx.find<Tenant>(org, msg->tenant_id->str());
                if (!tenant) continue;
                // Follow-up cadences (issue 17): an opt-out ends the tenant's enrolments.
                cancel_cadences_of(tx, org, tenant->id, "opt_out", "webhook:" + u.provider, now, msg->id.str());
                const bool sms = msg->channel == Channel::kSms;
                if (sms && tenant->sms_opt_out) continue;
                if (sms) {
                    tenant->sms_opt_out = true;
                    tx.put(org, *tenant);
                }
                const std::string action = sms ? "tenant.sms_opt_out" : "tenant.email_opt_out";
                auto a = AuditEvent::about(action, "tenant", tenant->id.str(), now,
                                           "webhook:" + u.provider, msg->id.str(),
                                           {{"event", u.event}, {"message_id", msg->id.str()}});
                record_decision(tx, org, std::move(a),
                                Json{{"tenant_id", tenant->id.str()}, {"event", u.event}});
            }
        }
        tx.set_raw_payload_status(org, raw_id, "processed", "");
    });
    logger()->info("webhook: {} delivery update(s) in {}, {} applied", updates.size(), org.str(),
                   r.updates_applied);
    return r;
}

WebhookResponse Integrations::handle_pms(const OrgId& org, const IntegrationConfig& cfg,
                                         const WebhookRequest& request, std::int64_t raw_id) {
    auto& store = c_.store();
    const auto it = cfg.pms.find(request.pms_system);
    if (it == cfg.pms.end() || !it->second) {
        const auto reason = "no PMS adapter '" + request.pms_system.substr(0, 40) +
                            "' is configured for this organization";
        mark(store, org, raw_id, "dead", reason);
        return error_response(404, reason, raw_id);
    }
    const auto result = it->second->handle_webhook(request.method, request.url, request.headers,
                                                   request.body, c_.clock().now());
    if (!result.ok()) {
        mark(store, org, raw_id, "dead", result.dead_letter_reason);
        auto r = error_response(result.http_status, result.dead_letter_reason, raw_id);
        r.warnings = result.warnings;
        return r;
    }
    WebhookResponse r;
    r.raw_payload_id = raw_id;
    r.warnings = result.warnings;
    r.content_type = result.response_content_type;
    r.body = result.response_body;
    r.outcome = result.kind == pms::PmsWebhookResult::Kind::kEvents ? WebhookOutcome::kPmsEvents
                                                                    : WebhookOutcome::kIgnored;
    const auto now = c_.clock().now();
    store.write([&](Transaction& tx) {
        for (const auto& e : result.events) {
            // Each PMS event once, also after its job was purged from the queue.
            const auto key = request.pms_system + ":" + e.event_id;
            if (tx.find_record(org, kPmsEventKind, key)) continue;
            tx.put_record(org, kPmsEventKind, key,
                          RecordKeys{.lookup = e.entity.id, .time_ms = to_unix_millis(now)},
                          canonical_json(Json{{"topic", e.topic}, {"raw_payload_id", raw_id}}));
            c_.jobs().enqueue(
                tx, org,
                JobSpec{.type = kPmsEventJob,
                        .payload = {{"system", request.pms_system},
                                    {"event_id", e.event_id},
                                    {"topic", e.topic},
                                    {"kind", std::string(pms::to_string(e.entity.kind))},
                                    {"id", e.entity.id},
                                    {"account", e.entity.account},
                                    {"raw_payload_id", raw_id}},
                        .priority = 20,
                        .idempotency_key = "pms:" + key,
                        .correlation_id = "pms:" + request.pms_system + ":" + e.entity.id});
            ++r.jobs_enqueued;
        }
        tx.set_raw_payload_status(org, raw_id, "processed",
                                  r.outcome == WebhookOutcome::kIgnored ? "ignored" : "");
    });
    r.status = 200;
    return r;
}

}  // namespace detail
}  // namespace propos
