// The front door of Coordinator::handle_webhook (issue 23): authentication before anything is
// stored, refused requests counted with a bounded sample under a per-source quota, and the replay
// of raw payloads a crash left "received".
#include <algorithm>
#include <string_view>
#include <utility>

#include "core/log.hpp"
#include "core/strings.hpp"
#include "propos/channels/webhook_auth.hpp"
#include "propos/core/logging.hpp"
#include "propos/core/time.hpp"
#include "webhooks_internal.hpp"

namespace propos {
namespace detail {
namespace {

Timestamp hour_of(Timestamp t) {
    return Timestamp(std::chrono::floor<std::chrono::hours>(t.time_since_epoch()));
}

// The raw payload source each channel endpoint stores under.
constexpr std::pair<std::string_view, WebhookEndpoint> kChannelSources[] = {
    {"twilio", WebhookEndpoint::kTwilio},
    {"sendgrid", WebhookEndpoint::kSendGridInbound},
    {"sendgrid.events", WebhookEndpoint::kSendGridEvents},
};

std::optional<WebhookEndpoint> endpoint_of_source(const std::string& source) {
    for (const auto& [name, endpoint] : kChannelSources)
        if (name == source) return endpoint;
    return std::nullopt;
}

}  // namespace

std::optional<WebhookResponse> Integrations::authenticate(const OrgId& org,
                                                          const IntegrationConfig& cfg,
                                                          const WebhookRequest& request,
                                                          const std::string& source,
                                                          std::size_t limit) {
    const auto now = c_.clock().now();
    channels::WebhookAuth auth;
    switch (request.endpoint) {
        case WebhookEndpoint::kTwilio:
            auth = channels::authenticate_twilio_webhook(
                cfg.twilio, signed_webhook_url(cfg, request.url), request.headers, request.body);
            break;
        case WebhookEndpoint::kSendGridInbound:
            auth = channels::authenticate_sendgrid_inbound(cfg.sendgrid_inbound, request.url);
            break;
        case WebhookEndpoint::kSendGridEvents:
            auth = channels::authenticate_sendgrid_events(cfg.sendgrid_events, request.headers,
                                                          request.body, now);
            break;
        case WebhookEndpoint::kPms: {
            const auto it = cfg.pms.find(request.pms_system);
            if (it == cfg.pms.end() || !it->second) {
                auth.configured = false;
                auth.ok = false;
                auth.http_status = 404;
                auth.reason = "no PMS adapter '" + request.pms_system.substr(0, 40) +
                              "' is configured for this organization";
                break;
            }
            auth.ok = true;
            if (request.body.size() > limit) break;  // refused below, without parsing
            // The adapters verify and normalize in one call: a dry run tells an authentic request
            // from a forged one; the authentic one is kept, then handled again (handle_pms).
            const auto dry = it->second->handle_webhook(request.method, request.url,
                                                        request.headers, request.body, now);
            if (!dry.ok() && (dry.error_code == ErrorCode::kPermissionDenied ||
                              dry.http_status == 401 || dry.http_status == 403)) {
                auth.ok = false;
                auth.http_status = dry.http_status == 401 ? 401 : 403;
                auth.reason = dry.dead_letter_reason;
            }
            break;
        }
    }
    WebhookResponse r;
    r.outcome = WebhookOutcome::kDeadLetter;
    r.content_type = "text/plain; charset=utf-8";
    if (!auth.configured) {
        logger()->warn("{} webhook in {}: not configured (404, nothing kept)", source, org.str());
        r.status = 404;
        r.error = auth.reason;
        r.body = auth.reason + "\n";
        return r;
    }
    if (request.body.size() > limit) {
        auth.ok = false;
        auth.http_status = 413;
        auth.reason = "body of " + std::to_string(request.body.size()) +
                      " bytes exceeds the limit of " + std::to_string(limit) + " bytes";
    }
    if (auth.ok) return std::nullopt;
    record_rejection(org, cfg, source, auth.http_status, auth.reason, request.body);
    logger()->warn("{} webhook refused in {} ({}): {} (not kept; counted)", source, org.str(),
                   auth.http_status, auth.reason);
    r.status = auth.http_status;
    r.error = auth.reason;
    r.body = auth.reason.substr(0, 300) + "\n";
    return r;
}

void Integrations::record_rejection(const OrgId& org, const IntegrationConfig& cfg,
                                    const std::string& source, int status,
                                    const std::string& reason, const std::string& body) {
    const auto now = c_.clock().now();
    const auto hour = hour_of(now);
    const auto key = source + "@" + format_time(hour);
    c_.store().write([&](Transaction& tx) {
        Json j;
        if (auto text = tx.find_record(org, kWebhookRejectionKind, key)) {
            j = parse_json(*text, "webhook rejection " + key);
        } else {
            j = Json{{"source", source},        {"hour", format_time(hour)},
                     {"count", 0},              {"bytes", 0},
                     {"by_status", Json::object()}, {"first_at", format_time(now)},
                     {"samples", Json::array()}};
        }
        j["count"] = j.value("count", std::int64_t{0}) + 1;
        j["bytes"] = j.value("bytes", std::int64_t{0}) + static_cast<std::int64_t>(body.size());
        auto& by = j["by_status"][std::to_string(status)];
        by = (by.is_number() ? by.get<std::int64_t>() : 0) + 1;
        j["last_at"] = format_time(now);
        if (j["samples"].size() < cfg.rejection_samples_per_hour) {
            const auto head = std::string_view(body).substr(0, cfg.rejection_sample_bytes);
            j["samples"].push_back(Json{{"at", format_time(now)},
                                        {"status", status},
                                        {"reason", reason.substr(0, 300)},
                                        {"bytes", body.size()},
                                        {"head_b64", base64_encode(head)}});
        }
        tx.put_record(org, kWebhookRejectionKind, key,
                      RecordKeys{.parent = source, .time_ms = to_unix_millis(hour)},
                      canonical_json(j));
    });
}

std::vector<WebhookRejections> Integrations::rejections(const OrgId& org, std::size_t limit) {
    return list_webhook_rejections(c_.store(), org, limit);
}

void Integrations::enqueue_stranded(const OrgId& org) {
    // Payloads of the CLI and of `ingest` are stored with their message in one transaction: only
    // a webhook's can be left behind. Ids only (bodies stay on disk), from the status index.
    RawPayloadQuery query{.status = "received", .with_bodies = false};
    for (const auto& entry : kChannelSources) query.sources.emplace_back(entry.first);
    for (const auto& entry : config(org).pms) query.sources.push_back(entry.first);
    const auto stranded = c_.store().read_result(
        [&](Transaction& tx) { return tx.query_raw_payloads(org, query); });
    if (stranded.empty()) return;  // the usual case: no write at all
    // A payload stored moments ago may be a request that another process (a running server on
    // this store) is handling right now: its replay is due only once it is old enough to have
    // been stranded, and does nothing if it was handled by then (run_webhook_replay).
    const auto now = c_.clock().now();
    const auto age = options_.replay_stranded_after;
    std::size_t due_now = 0;
    c_.store().write([&](Transaction& tx) {
        due_now = 0;
        for (const auto& p : stranded) {
            const auto due = p.received_at + age;
            due_now += due <= now;
            c_.jobs().enqueue(tx, org,
                              JobSpec{.type = kWebhookReplayJob,
                                      .payload = {{"raw_payload_id", p.id}},
                                      .priority = 20,
                                      .run_at = std::max(now, due),
                                      .idempotency_key =
                                          "webhook.replay:" + std::to_string(p.id),
                                      .correlation_id = "raw:" + std::to_string(p.id)});
        }
    });
    if (due_now) {
        logger()->warn("{} raw webhook payload(s) of {} left 'received' by a crash: replaying",
                       due_now, org.str());
    }
    if (due_now < stranded.size()) {
        logger()->info(
            "{} raw webhook payload(s) of {} received less than {} ago (maybe being handled by "
            "another process): replayed then if still 'received'",
            stranded.size() - due_now, org.str(), format_duration(age));
    }
}

void Integrations::run_webhook_replay(const Job& job) {
    const auto& org = job.org_id;
    const auto id = job.payload.value("raw_payload_id", std::int64_t{0});
    // Re-checked in a write transaction, so after every write committed before it (the request
    // that stored the payload, another replay): a payload handled meanwhile is left alone. The
    // job is one per payload (its idempotency key, shared by every process on the store), and
    // what the handling records is deduplicated in its own transaction (provider message id,
    // event ids), so a payload is handled exactly once.
    auto payload = c_.store().write_result([&](Transaction& tx) -> std::optional<RawPayload> {
        auto p = tx.find_raw_payload(org, id);
        if (!p || p->status != "received") return std::nullopt;
        return p;
    });
    if (!payload) {
        logger()->info("raw payload {} of {} was handled meanwhile: not replayed", id, org.str());
        return;
    }
    // It was authenticated before it was stored; the signature covers headers we do not keep, so
    // the replay parses it with verification off.
    auto cfg = config(org);
    cfg.twilio.verify_signature = false;
    cfg.sendgrid_inbound.url_token.clear();
    cfg.sendgrid_events.verify_signature = false;
    WebhookRequest request;
    request.method = "POST";
    request.headers = {{"Content-Type", payload->content_type}};
    request.body = std::move(payload->body);
    WebhookResponse r;
    if (const auto endpoint = endpoint_of_source(payload->source)) {
        request.endpoint = *endpoint;
        request.url = "http://replay.invalid/";
        r = handle_channel(org, cfg, request, id);
    } else {
        // PMS adapters verify inside their handler: a replay that cannot be verified any more is
        // a dead letter a person sees (`propos inbox --status dead`); the next poll or
        // notification of that record syncs it again.
        request.endpoint = WebhookEndpoint::kPms;
        request.pms_system = payload->source;
        request.url = "http://replay.invalid/pms/" + payload->source;
        r = handle_pms(org, cfg, request, id);
    }
    logger()->info("replayed raw payload {} of {} ({}): {}", id, org.str(), payload->source,
                   to_string(r.outcome));
}

}  // namespace detail

std::vector<WebhookRejections> list_webhook_rejections(Store& store, const OrgId& org,
                                                       std::size_t limit) {
    const auto texts = store.read_result([&](Transaction& tx) {
        return tx.list_records(org, detail::kWebhookRejectionKind,
                               ListOptions{.newest_first = true, .limit = limit});
    });
    std::vector<WebhookRejections> out;
    for (const auto& text : texts) {
        const auto j = parse_json(text, "webhook rejection");
        WebhookRejections w;
        w.source = j.value("source", "");
        w.hour = parse_time(j.value("hour", "1970-01-01T00:00:00Z"));
        w.count = j.value("count", std::int64_t{0});
        w.bytes = j.value("bytes", std::int64_t{0});
        if (const auto by = j.find("by_status"); by != j.end() && by->is_object()) {
            for (auto it = by->begin(); it != by->end(); ++it)
                w.by_status[std::stoi(it.key())] = it->get<std::int64_t>();
        }
        w.first_at = parse_time(j.value("first_at", "1970-01-01T00:00:00Z"));
        w.last_at = parse_time(j.value("last_at", "1970-01-01T00:00:00Z"));
        if (const auto samples = j.find("samples"); samples != j.end() && samples->is_array()) {
            for (const auto& s : *samples) {
                WebhookRejectionSample sample;
                sample.at = parse_time(s.value("at", "1970-01-01T00:00:00Z"));
                sample.status = s.value("status", 0);
                sample.reason = s.value("reason", "");
                sample.bytes = s.value("bytes", std::size_t{0});
                sample.head = detail::base64_decode(s.value("head_b64", "")).value_or("");
                w.samples.push_back(std::move(sample));
            }
        }
        out.push_back(std::move(w));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.hour > b.hour; });
    return out;
}

}  // namespace propos
