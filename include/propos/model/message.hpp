/// @file message.hpp
/// @brief `Message` and `Thread`: conversations with tenants and vendors on any channel.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/core/ids.hpp"
#include "propos/model/common.hpp"
#include "propos/model/portfolio.hpp"

namespace propos {

/// @brief Which way a message went.
enum class Direction { kInbound, kOutbound };
template <>
struct EnumTraits<Direction> {
    static constexpr std::string_view kWhat = "direction";
    static constexpr std::array<std::pair<Direction, std::string_view>, 2> kNames{
        {{Direction::kInbound, "inbound"}, {Direction::kOutbound, "outbound"}}};
};
PROPOS_ENUM_JSON(Direction)

/// @brief Delivery state of a message.
enum class DeliveryStatus { kReceived, kQueued, kSent, kDelivered, kFailed, kSuppressed };
template <>
struct EnumTraits<DeliveryStatus> {
    static constexpr std::string_view kWhat = "delivery status";
    static constexpr std::array<std::pair<DeliveryStatus, std::string_view>, 6> kNames{
        {{DeliveryStatus::kReceived, "received"},
         {DeliveryStatus::kQueued, "queued"},
         {DeliveryStatus::kSent, "sent"},
         {DeliveryStatus::kDelivered, "delivered"},
         {DeliveryStatus::kFailed, "failed"},
         {DeliveryStatus::kSuppressed, "suppressed"}}};
};
PROPOS_ENUM_JSON(DeliveryStatus)

/// @brief What an inbound message is about: it decides which workflow owns it (docs/workflows.md).
enum class Intent {
    kMaintenance,  ///< Something is broken, leaking, infested or unsafe, or a repair follow-up.
    kRenewal,      ///< Renewing or extending the lease, the renewal offer or its rent.
    kMoveIn,       ///< An upcoming move-in: keys, date, inspection, utilities, access.
    kMoveOut,      ///< Notice to vacate, move-out inspection, the deposit's return.
    kPayment,      ///< Rent balance, due dates, late fees, how to pay, a payment that did not post.
    kNeighbor,     ///< A complaint about other residents: noise, smoke, pets, parking, harassment.
    kQuestion,     ///< A question the organization's knowledge base answers (policies, amenities).
    kHuman,        ///< Asks for a person, complains about the service, or threatens legal action.
    kOther,        ///< Spam, a wrong number, an automatic reply, a bare "thanks".
};
template <>
struct EnumTraits<Intent> {
    static constexpr std::string_view kWhat = "intent";
    static constexpr std::array<std::pair<Intent, std::string_view>, 9> kNames{
        {{Intent::kMaintenance, "maintenance"},
         {Intent::kRenewal, "renewal"},
         {Intent::kMoveIn, "move_in"},
         {Intent::kMoveOut, "move_out"},
         {Intent::kPayment, "payment"},
         {Intent::kNeighbor, "neighbor"},
         {Intent::kQuestion, "question"},
         {Intent::kHuman, "human"},
         {Intent::kOther, "other"}}};
};
PROPOS_ENUM_JSON(Intent)

/// @brief One message. `body` is personal data: it never goes to logs above debug level.
struct Message {
    MessageId id;
    ThreadId thread_id;
    Channel channel = Channel::kSms;
    Direction direction = Direction::kInbound;
    std::string from;
    std::string to;
    std::string subject;
    std::string body;
    std::string provider_message_id;  ///< e.g. Twilio MessageSid; deduplicates inbound messages.
    DeliveryStatus status = DeliveryStatus::kReceived;
    std::optional<TenantId> tenant_id;
    std::optional<VendorId> vendor_id;
    std::optional<WorkOrderId> work_order_id;
    Timestamp at{};
    std::vector<std::string> media;  ///< Blob keys of attachments.
    // Delivery times from the providers' status callbacks (outbound messages; unset until reported):
    std::optional<Timestamp> delivered_at;  ///< First report of delivery (Twilio delivered/read, SendGrid delivered/open/click).
    std::optional<Timestamp> opened_at;     ///< First open (SendGrid open; Twilio read receipt).
    std::optional<Timestamp> clicked_at;    ///< First link click (SendGrid click).
    /// What an outbound message is about, set by the unit that sent it ("renewal", ...); empty when
    /// not recorded. A tenant's bare "yes" / "no" answers the last message sent to them: a unit reads
    /// it as its own only when that message is on its topic.
    std::string topic;
    bool operator==(const Message&) const = default;
};

/// @brief The text of a message as the agent reads it: the body, after the subject and a newline
/// when there is a subject.
inline std::string message_text(const Message& m) {
    return m.subject.empty() ? m.body : m.subject + "\n" + m.body;
}

/// @brief A conversation: a sequence of messages about one subject (usually one work order).
struct Thread {
    ThreadId id;
    Channel channel = Channel::kSms;
    std::optional<TenantId> tenant_id;
    std::optional<VendorId> vendor_id;
    std::optional<WorkOrderId> work_order_id;
    std::string address;  ///< The counterparty's normalized phone or email.
    std::string subject;
    Timestamp created_at{};
    Timestamp last_message_at{};
    bool operator==(const Thread&) const = default;
};

PROPOS_EXPORT void to_json(Json& j, const Message& v);
PROPOS_EXPORT void from_json(const Json& j, Message& v);
PROPOS_EXPORT void to_json(Json& j, const Thread& v);
PROPOS_EXPORT void from_json(const Json& j, Thread& v);

}  // namespace propos
