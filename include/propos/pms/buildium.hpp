/// @file buildium.hpp
/// @brief Buildium (Open API v1): thin webhook notifications (HMAC-SHA256 signed), resident requests
/// and work orders fetched from the API, status and notes pushed back.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "propos/core/http.hpp"
#include "propos/export.hpp"
#include "propos/pms/pms.hpp"

namespace propos::pms {

/// @brief The webhook signature Buildium sends: base64(HMAC-SHA256(secret, timestamp + "." + body)).
PROPOS_EXPORT std::string compute_buildium_signature(std::string_view secret, std::string_view timestamp,
                                                     std::string_view body);

/// @brief Options of `BuildiumAdapter`.
struct BuildiumOptions {
    std::string base_url = "https://api.buildium.com";  ///< Tests: a loopback URL.
    std::string client_id;      ///< Sent as x-buildium-client-id.
    std::string client_secret;  ///< Sent as x-buildium-client-secret.
    /// The webhook signing secret. Required while `verify_signature`.
    std::string webhook_secret;
    bool verify_signature = true;  ///< Default: true. Turn off only for local tests.
    std::string signature_header = "x-buildium-signature";  ///< Default: "x-buildium-signature".
    std::string timestamp_header = "x-buildium-timestamp";  ///< Unix seconds. Default as shown.
    /// Requests whose timestamp is further than this from now are rejected. Default: 5 minutes.
    Millis timestamp_tolerance{5 * 60 * 1000};
    /// When not empty, notifications for another AccountId are rejected (403). Default: any.
    std::string account_id;
    std::size_t max_body_bytes = 64u << 10;  ///< Default: 64 KiB.
    RetryPolicy retry;
    Sleeper sleeper;
    Millis timeout{30000};
};

/// @brief Buildium adapter.
///
/// Webhooks: POST application/json, e.g. `{"Id":"...","EventName":"WorkOrder.Updated",
/// "EventDateTime":"...","AccountId":123,"WorkOrderId":456}` or a resident-request task event
/// (`"TaskId"` with `"TaskType":"ResidentRequest"` or an EventName naming ResidentRequest); an
/// `EntityId` field is accepted for either. Other events are ignored.
/// Fetch: `GET /v1/tasks/residentrequests/{id}` (kServiceRequest) or `GET /v1/workorders/{id}`
/// (kWorkOrder), fields as in Buildium's ResidentRequestTaskMessage / WorkOrderMessage.
/// Push: Buildium's PUT replaces the whole record, so the resident request is read, its TaskStatus
/// changed and `PUT /v1/tasks/residentrequests/{id}` sent with every writable field kept and the
/// note as `Message`; for a work order the same goes to the resident request it belongs to
/// (Task.Type "ResidentRequest"), else `Error(kFailedPrecondition)`.
/// Polling is not supported.
class PROPOS_EXPORT BuildiumAdapter final : public PmsAdapter {
public:
    /// @brief Throws `Error(kInvalidArgument)` when the client id or secret is missing.
    BuildiumAdapter(std::shared_ptr<HttpClient> http, BuildiumOptions options);
    ~BuildiumAdapter() override;

    std::string_view system() const noexcept override { return "buildium"; }
    PmsWebhookResult handle_webhook(std::string_view method, std::string_view url,
                                    const HttpHeaders& headers, std::string_view body,
                                    Timestamp now) override;
    PmsWorkOrder fetch(const PmsEntityRef& ref) override;
    void push_update(const PmsWorkOrderUpdate& update) override;
    PmsPollResult poll(std::string_view cursor, Timestamp now) override;

    /// @brief Normalizes a ResidentRequestTaskMessage.
    static PmsWorkOrder normalize_resident_request(const Json& record);
    /// @brief Normalizes a WorkOrderMessage.
    static PmsWorkOrder normalize_work_order(const Json& record);
    /// @brief PropOS status -> Buildium TaskStatus (New, InProgress, Completed, Closed).
    static std::string task_status_for(WorkOrderStatus status);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace propos::pms
