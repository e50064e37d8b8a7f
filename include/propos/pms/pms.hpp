/// @file pms.hpp
/// @brief `PmsAdapter`: one property-management system (AppFolio, Buildium, Yardi) seen through the
/// same three doors — normalize its inbound notifications, fetch the entity they point to, push work
/// order status and notes back — plus polling for systems without webhooks.
///
/// Notifications are thin (an event name and an entity id), so the flow is: host receives a webhook
/// -> `handle_webhook` verifies and normalizes it to `PmsEvent`s (or a dead letter) -> the
/// Coordinator stores the raw payload and enqueues a job per event -> the job calls `fetch` and
/// reconciles the `PmsWorkOrder` with its own work order -> status changes go back with
/// `push_update`. Yardi has no webhooks: a scheduled job calls `poll` with the last cursor.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/core/error.hpp"
#include "propos/core/http.hpp"
#include "propos/core/json.hpp"
#include "propos/core/money.hpp"
#include "propos/export.hpp"
#include "propos/model/work_order.hpp"

namespace propos::pms {

/// @brief What kind of PMS record an event points to.
enum class PmsEntityKind {
    kWorkOrder,       ///< AppFolio work order, Buildium work order.
    kServiceRequest,  ///< Buildium resident request, Yardi service request.
};

/// @brief "work_order" / "service_request".
PROPOS_EXPORT std::string_view to_string(PmsEntityKind kind) noexcept;

/// @brief Points to one record in one PMS account.
struct PmsEntityRef {
    std::string system;  ///< "appfolio", "buildium", "yardi".
    PmsEntityKind kind = PmsEntityKind::kWorkOrder;
    std::string id;      ///< The PMS's id, as text (Buildium's integers too).
    std::string account; ///< AppFolio client_id, Buildium AccountId, Yardi property id; may be empty.
    bool operator==(const PmsEntityRef&) const = default;
};

/// @brief A normalized notification: "this record changed".
struct PmsEvent {
    std::string system;
    /// Deduplication key: the PMS's event id (AppFolio `id`, Buildium `Id`), else
    /// "<entity id>@<update time>". Use it as the job's idempotency key.
    std::string event_id;
    std::string topic;        ///< As the PMS named it ("work_order_updates", "WorkOrder.Updated").
    PmsEntityRef entity;
    Timestamp occurred_at{};  ///< When the record changed (else when the notification was sent).
    Timestamp sent_at{};      ///< When the PMS sent the notification (else receipt time).
    Json raw = Json::object();  ///< The notification itself (ids and times only: no personal data).
    bool operator==(const PmsEvent&) const = default;
};

/// @brief A PMS work order or service request, normalized.
struct PmsWorkOrder {
    PmsEntityRef ref;
    std::string number;         ///< Human-facing number when the PMS has one ("1234-1").
    std::string title;
    std::string description;
    std::string category;       ///< PMS category text ("Plumbing > Leak").
    std::string pms_status;     ///< Status as the PMS says it.
    WorkOrderStatus status = WorkOrderStatus::kNew;  ///< Best PropOS equivalent of `pms_status`.
    std::string pms_priority;
    Priority priority = Priority::kRoutine;
    std::string property_id;
    std::string unit_id;
    std::string tenant_id;      ///< Requesting resident's PMS id, when known.
    std::string requester_name;
    std::string requester_phone;
    std::string requester_email;
    std::string vendor_id;
    std::string vendor_trade;
    std::optional<bool> entry_permitted;
    std::optional<bool> pets_present;
    std::string access_notes;
    std::optional<Money> amount;             ///< Estimate / work order amount.
    std::optional<Money> maintenance_limit;  ///< NTE when the PMS has one.
    std::optional<Timestamp> created_at;
    std::optional<Timestamp> updated_at;
    std::optional<Timestamp> due_at;
    std::optional<Timestamp> scheduled_start;
    std::optional<Timestamp> scheduled_end;
    std::optional<Timestamp> completed_at;
    std::string linked_id;      ///< Buildium: the task a work order belongs to; else empty.
    Json raw = Json::object();  ///< The PMS record as fetched.
    bool operator==(const PmsWorkOrder&) const = default;
};

/// @brief A change to push back to the PMS.
struct PmsWorkOrderUpdate {
    PmsEntityRef ref;
    std::optional<WorkOrderStatus> status;  ///< New status (mapped to the PMS's vocabulary).
    std::string note;                        ///< A note for the PMS's history; empty: none.
};

/// @brief What `PmsAdapter::handle_webhook` made of a request.
struct PmsWebhookResult {
    enum class Kind { kEvents, kIgnored, kDeadLetter };
    Kind kind = Kind::kDeadLetter;
    std::vector<PmsEvent> events;
    /// The status the host should answer: 200; 400 unparseable, 401 signature missing, 403 signature
    /// invalid / stale (replay) / wrong account, 404 no webhooks (Yardi), 405 method, 413 too large,
    /// 415 content type, 500 misconfigured.
    int http_status = 200;
    std::string response_body;
    std::string response_content_type;
    std::string dead_letter_reason;  ///< Why (never the body or secrets); empty unless a dead letter.
    ErrorCode error_code = ErrorCode::kInvalidArgument;
    std::vector<std::string> warnings;
    std::string source;        ///< "appfolio", "buildium", "yardi": where to file the raw payload.
    std::string content_type;  ///< The request's Content-Type.
    bool ok() const noexcept { return kind != Kind::kDeadLetter; }
};

/// @brief One page of a poll.
struct PmsPollResult {
    std::vector<PmsWorkOrder> items;  ///< Records changed since the cursor, oldest change first.
    std::vector<PmsEvent> events;     ///< One event per item (for the same job path as webhooks).
    /// Opaque; pass it to the next `poll`. Unchanged when nothing new arrived.
    std::string next_cursor;
};

/// @brief One PMS account. Implementations are thread-safe: every method may be called from any
/// thread. Errors of `fetch`, `push_update` and `poll` are `propos::Error`: kNotFound (no such
/// record), kPermissionDenied (credentials), kUnavailable (network, 429/5xx after retries: retry
/// later), kInvalidArgument (malformed id or an answer that cannot be read), kFailedPrecondition
/// (the operation does not apply to this system or record). Messages never contain secrets.
class PROPOS_EXPORT PmsAdapter {
public:
    virtual ~PmsAdapter() = default;
    PmsAdapter() = default;
    PmsAdapter(const PmsAdapter&) = delete;
    PmsAdapter& operator=(const PmsAdapter&) = delete;

    /// @brief "appfolio", "buildium" or "yardi".
    virtual std::string_view system() const noexcept = 0;
    /// @brief Verifies and normalizes a webhook (method, full URL, headers, raw body). Never throws
    /// for bad input: problems are dead letters (see `PmsWebhookResult`).
    virtual PmsWebhookResult handle_webhook(std::string_view method, std::string_view url,
                                            const HttpHeaders& headers, std::string_view body,
                                            Timestamp now) = 0;
    /// @brief Fetches the record `ref` points to.
    virtual PmsWorkOrder fetch(const PmsEntityRef& ref) = 0;
    /// @brief Pushes a status and/or note back.
    virtual void push_update(const PmsWorkOrderUpdate& update) = 0;
    /// @brief Records changed since `cursor` ("" the first time). Systems with webhooks throw
    /// `Error(kFailedPrecondition)`.
    virtual PmsPollResult poll(std::string_view cursor, Timestamp now) = 0;
};

/// @brief Lenient PMS time parsing: ISO-8601 with or without zone (no zone: UTC), or a date.
/// nullopt for empty or unreadable text.
PROPOS_EXPORT std::optional<Timestamp> parse_pms_time(std::string_view text);

}  // namespace propos::pms
