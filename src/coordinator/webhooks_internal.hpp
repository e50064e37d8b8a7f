// Private: the Coordinator's integrations — provider webhooks (Twilio, SendGrid), delivery status
// updates and the PMS glue (webhooks -> fetch -> ingest, Yardi polling, status push-back). One
// object per Coordinator, built at the end of its constructor (it registers job handlers and an
// event callback on it) and destroyed before the rest of the Coordinator.
#pragma once

#include <mutex>
#include <set>
#include <string>

#include "propos/coordinator.hpp"

namespace propos::detail {

/// Job types of the PMS glue. Payloads: pms.event {system, event_id, topic, kind, id, account},
/// pms.poll {system}, pms.push {system, link, work_order_id, event}.
inline constexpr const char* kPmsEventJob = "pms.event";
inline constexpr const char* kPmsPollJob = "pms.poll";
inline constexpr const char* kPmsPushJob = "pms.push";

/// Record kinds kept by the glue (host-defined kinds, see `Transaction::put_record`): a PMS record
/// linked to its message / work order, a polled system's cursor, the provider status events and
/// the PMS notifications already seen (by event id).
inline constexpr const char* kPmsLinkKind = "pms_link";
inline constexpr const char* kPmsCursorKind = "pms_cursor";
inline constexpr const char* kDeliveryEventKind = "delivery_event";
inline constexpr const char* kPmsEventKind = "pms_event";
// ---- Front door (issue 23) ----
/// Refused requests per source and hour (counts and bounded samples), keyed "<source>@<hour>".
inline constexpr const char* kWebhookRejectionKind = "webhook_rejection";
/// Replays a raw payload left "received" by a crash. Payload: {raw_payload_id}.
inline constexpr const char* kWebhookReplayJob = "webhook.replay";
/// The URL Twilio signed: the public base URL with the request's path and query.
std::string signed_webhook_url(const IntegrationConfig& cfg, const std::string& url);
// ---- end front door ----

class Integrations {
public:
    /// Registers the PMS job handlers and the push-back event callback on `coordinator` and adds
    /// the poll schedules of the organizations that exist. `coordinator` must outlive this object.
    Integrations(Coordinator& coordinator, IntegrationOptions options);
    Integrations(const Integrations&) = delete;
    Integrations& operator=(const Integrations&) = delete;

    /// Coordinator::handle_webhook.
    WebhookResponse handle(const OrgId& org, const WebhookRequest& request);

    /// Adds the PMS poll schedules of `org` if it has pollable adapters (idempotent, cheap after
    /// the first call per organization).
    void ensure_schedules(const OrgId& org);

    /// The configuration that applies to `org`.
    const IntegrationConfig& config(const OrgId& org) const;

    // ---- Front door (issue 23, webhook_front_door.cpp) ----
    /// Refused webhook requests of `org`, newest hour first (Coordinator::webhook_rejections).
    std::vector<WebhookRejections> rejections(const OrgId& org, std::size_t limit);
    /// Enqueues a replay job for each raw webhook payload of `org` still "received".
    void enqueue_stranded(const OrgId& org);

private:
    WebhookResponse handle_channel(const OrgId& org, const IntegrationConfig& cfg,
                                   const WebhookRequest& request, std::int64_t raw_id);
    WebhookResponse handle_pms(const OrgId& org, const IntegrationConfig& cfg,
                               const WebhookRequest& request, std::int64_t raw_id);
    WebhookResponse ingest_message(const OrgId& org, const IntegrationConfig& cfg,
                                   channels::InboundMessage message, std::int64_t raw_id);
    WebhookResponse apply_updates(const OrgId& org,
                                  const std::vector<channels::DeliveryUpdate>& updates,
                                  std::int64_t raw_id);

    // Front door (webhook_front_door.cpp): nullopt when `request` may be stored; else the
    // answer (404 not configured, 401/403 not authentic, 413 too large), with the refusal counted.
    std::optional<WebhookResponse> authenticate(const OrgId& org, const IntegrationConfig& cfg,
                                                const WebhookRequest& request,
                                                const std::string& source, std::size_t limit);
    void record_rejection(const OrgId& org, const IntegrationConfig& cfg, const std::string& source,
                          int status, const std::string& reason, const std::string& body);
    void run_webhook_replay(const Job& job);

    // PMS glue (pms_sync.cpp).
    void register_pms_handlers();
    void on_event(const Event& event);
    void run_pms_event(const Job& job);
    void run_pms_poll(const Job& job);
    void run_pms_push(const Job& job);
    void sync_record(const OrgId& org, const pms::PmsWorkOrder& record,
                     const std::string& event_id);
    std::shared_ptr<pms::PmsAdapter> adapter(const OrgId& org, const std::string& system) const;

    Coordinator& c_;
    IntegrationOptions options_;
    std::mutex mu_;                    // guards scheduled_
    std::set<std::string> scheduled_;  // organizations whose poll schedules are in place
};

}  // namespace propos::detail
