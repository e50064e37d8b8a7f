/// @file onboarding.hpp
/// @brief `Onboarding`: a lease's move-in checklist as it is carried out (one record per lease,
/// record kind "onboarding"), and `OnboardingChecklistRecord`: an organization's own checklist
/// (record kind "onboarding_checklist"). See `RecordTraits` in propos/store/records.hpp and the
/// workflow in propos/workflows/onboarding.hpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/core/ids.hpp"
#include "propos/core/json.hpp"
#include "propos/export.hpp"
#include "propos/model/common.hpp"

namespace propos {

/// @brief Where an onboarding stands.
enum class OnboardingStatus { kOpen, kCompleted, kCancelled };
template <>
struct EnumTraits<OnboardingStatus> {
    static constexpr std::string_view kWhat = "onboarding status";
    static constexpr std::array<std::pair<OnboardingStatus, std::string_view>, 3> kNames{
        {{OnboardingStatus::kOpen, "open"},
         {OnboardingStatus::kCompleted, "completed"},
         {OnboardingStatus::kCancelled, "cancelled"}}};
};
PROPOS_ENUM_JSON(OnboardingStatus)

/// @brief Where one checklist item stands. `kWaived`: a person decided it does not apply.
enum class OnboardingItemStatus { kOpen, kDone, kWaived };
template <>
struct EnumTraits<OnboardingItemStatus> {
    static constexpr std::string_view kWhat = "onboarding item status";
    static constexpr std::array<std::pair<OnboardingItemStatus, std::string_view>, 3> kNames{
        {{OnboardingItemStatus::kOpen, "open"},
         {OnboardingItemStatus::kDone, "done"},
         {OnboardingItemStatus::kWaived, "waived"}}};
};
PROPOS_ENUM_JSON(OnboardingItemStatus)

/// @brief One item of a lease's checklist, copied from the checklist when the onboarding started.
struct OnboardingItem {
    std::string key;    ///< e.g. "renters_insurance".
    std::string title;  ///< e.g. "Renter's insurance proof".
    std::string actor;  ///< Who acts: "tenant", "staff" or "system" (the welcome message).
    std::string rule;   ///< The rule it satisfies, e.g. "Tex. Prop. Code §92.156 [R73]"; "" for practice.
    bool proof_required = false;  ///< A document (blob) must be attached when it is checked.
    Timestamp due_at{};
    OnboardingItemStatus status = OnboardingItemStatus::kOpen;
    std::optional<Timestamp> done_at;
    std::string done_by;         ///< "tenant:<id>", "user:<name>", "system"...
    std::string proof_blob_key;  ///< "sha256:<hex>" of the proof document; "" when none.
    std::string proof_sha256;    ///< The proof's SHA-256 (hex), also in the audit entry.
    std::string proof_message_id;  ///< The tenant message that carried the proof, if any.
    std::string note;
    std::string overdue_escalation_id;  ///< The `onboarding_overdue` escalation raised for it, if any.
    bool operator==(const OnboardingItem&) const = default;
};

/// @brief A lease's onboarding. Its id is "onb_" + the lease id (one per lease).
struct Onboarding {
    std::string id;
    LeaseId lease_id;
    UnitId unit_id;
    PropertyId property_id;
    std::vector<TenantId> tenant_ids;
    std::string jurisdiction;  ///< The jurisdiction the items were chosen for ("generic" when unknown).
    std::string checklist;     ///< "default" or the organization's checklist name, with its version.
    Timestamp move_in_at{};
    OnboardingStatus status = OnboardingStatus::kOpen;
    Timestamp started_at{};
    std::string started_by;  ///< "system" (the daily check) or the person or host who started it.
    std::optional<Timestamp> completed_at;
    std::optional<Timestamp> welcome_sent_at;
    int reminders_sent = 0;
    std::optional<Timestamp> last_reminder_at;
    std::vector<OnboardingItem> items;
    bool operator==(const Onboarding&) const = default;

    /// @brief The item with `key`, or null.
    const OnboardingItem* item(const std::string& key) const;
    OnboardingItem* item(const std::string& key);
};

/// @brief An organization's own move-in checklist (the JSON document as set, already validated).
/// Its id is always "checklist".
struct OnboardingChecklistRecord {
    std::string id = "checklist";
    Json checklist;
    Timestamp updated_at{};
    std::string updated_by;
    bool operator==(const OnboardingChecklistRecord&) const = default;
};

/// @brief JSON forms: the field names above (enums by name, times ISO-8601). Malformed input throws
/// `Error(kInvalidArgument)` naming the record and the field.
PROPOS_EXPORT void to_json(Json& j, const OnboardingItem& v);
PROPOS_EXPORT void from_json(const Json& j, OnboardingItem& v);
PROPOS_EXPORT void to_json(Json& j, const Onboarding& v);
PROPOS_EXPORT void from_json(const Json& j, Onboarding& v);
PROPOS_EXPORT void to_json(Json& j, const OnboardingChecklistRecord& v);
PROPOS_EXPORT void from_json(const Json& j, OnboardingChecklistRecord& v);

}  // namespace propos
