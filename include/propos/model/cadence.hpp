/// @file cadence.hpp
/// @brief Follow-up cadences: a `CadenceDefinition` (steps at offsets from enrolment, each with a
/// channel preference and message templates per language) and a `CadenceEnrollment` (one contact
/// following one cadence for one purpose, with the state of each of its steps).
///
/// Definitions are data (JSON validated by `cadence.schema.json`, see
/// `propos/workflows/cadence.hpp`); enrolments are stored records (`RecordTraits<CadenceEnrollment>`).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/core/ids.hpp"
#include "propos/model/common.hpp"

namespace propos {

/// @brief The channel a cadence step prefers.
enum class CadenceChannel {
    kPreferred,  ///< The contact's preferred channel (SMS when they have no preference).
    kSms,        ///< SMS (email when the contact has no phone or opted out of SMS).
    kEmail,      ///< Email (SMS when the contact has no email address).
};
template <>
struct EnumTraits<CadenceChannel> {
    static constexpr std::string_view kWhat = "cadence channel";
    static constexpr std::array<std::pair<CadenceChannel, std::string_view>, 3> kNames{
        {{CadenceChannel::kPreferred, "preferred"}, {CadenceChannel::kSms, "sms"}, {CadenceChannel::kEmail, "email"}}};
};
PROPOS_ENUM_JSON(CadenceChannel)

/// @brief One step of a cadence definition.
struct CadenceStepDefinition {
    std::string name;        ///< e.g. "day_1", "week_2".
    int offset_days = 1;     ///< Days after the enrolment day (0: the enrolment day itself).
    /// Local time of day (organization time zone) the step is sent at, minutes after midnight;
    /// nullopt: the enrolment's own time of day. Quiet hours still apply when sending.
    std::optional<int> send_minute;
    CadenceChannel channel = CadenceChannel::kPreferred;
    /// Language code -> text with placeholders ({first_name}, {unit}...). "en" is required.
    std::map<std::string, std::string> templates;
    /// Language code -> email subject (optional; "en" is the fallback).
    std::map<std::string, std::string> subjects;
    bool operator==(const CadenceStepDefinition&) const = default;
};

/// @brief A named cadence for a purpose ("renewal", "onboarding", "post_repair",
/// "missing_document", or a host's own).
struct CadenceDefinition {
    std::string name;
    std::string purpose;
    std::string description;
    std::vector<CadenceStepDefinition> steps;  ///< In offset order.
    /// Where it came from: "builtin", or the file / organization that set it.
    std::string source;
    bool operator==(const CadenceDefinition&) const = default;
};

/// @brief Lifecycle of an enrolment.
enum class CadenceStatus { kActive, kCompleted, kCancelled };
template <>
struct EnumTraits<CadenceStatus> {
    static constexpr std::string_view kWhat = "cadence status";
    static constexpr std::array<std::pair<CadenceStatus, std::string_view>, 3> kNames{
        {{CadenceStatus::kActive, "active"}, {CadenceStatus::kCompleted, "completed"},
         {CadenceStatus::kCancelled, "cancelled"}}};
};
PROPOS_ENUM_JSON(CadenceStatus)

/// @brief State of one step of an enrolment.
enum class CadenceStepStatus { kPending, kSent, kSkipped, kCancelled };
template <>
struct EnumTraits<CadenceStepStatus> {
    static constexpr std::string_view kWhat = "cadence step status";
    static constexpr std::array<std::pair<CadenceStepStatus, std::string_view>, 4> kNames{
        {{CadenceStepStatus::kPending, "pending"}, {CadenceStepStatus::kSent, "sent"},
         {CadenceStepStatus::kSkipped, "skipped"}, {CadenceStepStatus::kCancelled, "cancelled"}}};
};
PROPOS_ENUM_JSON(CadenceStepStatus)

/// @brief One step of one enrolment.
struct CadenceEnrollmentStep {
    std::string name;
    Timestamp due_at{};
    CadenceStepStatus status = CadenceStepStatus::kPending;
    /// Bumped by each reschedule: the step's job carries it, so a job queued for an older time
    /// does nothing.
    int version = 0;
    std::optional<MessageId> message_id;  ///< The message sent (status sent).
    std::optional<Timestamp> done_at;     ///< When it was sent, skipped or cancelled.
    bool operator==(const CadenceEnrollmentStep&) const = default;
};

/// @brief One contact (a tenant) following one cadence for one purpose.
struct CadenceEnrollment {
    std::string id;  ///< "cad_..."
    std::string cadence;  ///< The definition's name.
    std::string purpose;
    TenantId tenant_id;
    /// Purpose details: "work_order_id", "lease_id", "document"... (the placeholders they feed).
    std::map<std::string, std::string> references;
    CadenceStatus status = CadenceStatus::kActive;
    Timestamp enrolled_at{};
    std::string enrolled_by;  ///< "system" (automatic) or the person / host.
    std::optional<Timestamp> ended_at;
    std::string end_reason;  ///< "reply", "opt_out", "last_step", "cancelled", ...
    std::vector<CadenceEnrollmentStep> steps;
    bool operator==(const CadenceEnrollment&) const = default;
};

PROPOS_EXPORT void to_json(Json& j, const CadenceStepDefinition& v);
PROPOS_EXPORT void from_json(const Json& j, CadenceStepDefinition& v);
PROPOS_EXPORT void to_json(Json& j, const CadenceDefinition& v);
PROPOS_EXPORT void from_json(const Json& j, CadenceDefinition& v);
PROPOS_EXPORT void to_json(Json& j, const CadenceEnrollmentStep& v);
PROPOS_EXPORT void from_json(const Json& j, CadenceEnrollmentStep& v);
PROPOS_EXPORT void to_json(Json& j, const CadenceEnrollment& v);
PROPOS_EXPORT void from_json(const Json& j, CadenceEnrollment& v);

}  // namespace propos
