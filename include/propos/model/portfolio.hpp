/// @file portfolio.hpp
/// @brief The portfolio: Organization, Property, Unit, Tenant, Lease, Vendor.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/core/ids.hpp"
#include "propos/core/money.hpp"
#include "propos/model/common.hpp"

namespace propos {

/// @brief Message channels (tenant contact preference, message origin).
enum class Channel { kSms, kEmail, kPortal, kVoice };
template <>
struct EnumTraits<Channel> {
    static constexpr std::string_view kWhat = "channel";
    static constexpr std::array<std::pair<Channel, std::string_view>, 4> kNames{
        {{Channel::kSms, "sms"}, {Channel::kEmail, "email"}, {Channel::kPortal, "portal"},
         {Channel::kVoice, "voice"}}};
};
PROPOS_ENUM_JSON(Channel)

/// @brief A customer of the host: a property-management company. Everything else belongs to one.
struct Organization {
    OrgId id;
    std::string name;
    std::string timezone = "America/New_York";  ///< IANA name; quiet hours are local to it.
    Timestamp created_at{};
    /// Phone (E.164) or email of the staff on duty: reminded when an escalation passes its SLA.
    /// Default: "" (the `escalation.overdue` event is the only reminder).
    std::string escalation_contact;
    /// Phone or email told when an escalation passes its SLA a second time (e.g. the owner or the
    /// office manager). Default: "" (the event says that no fallback contact is set).
    std::string fallback_contact;
    bool operator==(const Organization&) const = default;
};

/// @brief A building or community managed by an organization.
struct Property {
    PropertyId id;
    std::string name;
    std::string address;
    std::string city;
    std::string state;
    std::string postal_code;
    Money nte_limit = Money::dollars(500);            ///< Not-to-exceed for routine work. Default: $500.
    Money emergency_nte_limit = Money::dollars(1500);  ///< NTE for emergencies. Default: $1,500.
    Money owner_approval_threshold = Money::dollars(2500);  ///< Above this the owner must approve.
    std::string owner_name;
    std::string owner_email;
    /// Whose compliance rules, repair deadlines and notice periods apply: "nyc", "ca", "tx",
    /// "generic", or a host's own rule pack name. Default: "" (read from city and state by
    /// `jurisdiction_of`).
    std::string jurisdiction;
    // Building attributes that decide which compliance rules apply. 0 / false: unknown or none.
    int year_built = 0;         ///< e.g. 1928. 0: unknown (rules that need it are not assumed).
    int stories = 0;            ///< Floors above grade.
    int unit_count = 0;         ///< Dwelling units; 0: counted from the units on record.
    bool has_boiler = false;
    bool has_elevator = false;
    bool has_cooling_tower = false;
    bool has_gas_piping = false;  ///< Gas piping / fossil-fuel appliances (CO rules, NYC LL152).
    bool rent_stabilized = false; ///< Has rent-stabilized units (NYC: HCR registration).
    int nyc_block = 0;              ///< NYC tax block (FISP cycle by its last digit). 0: unknown.
    int nyc_community_district = 0;  ///< NYC community district (LL152 year). 0: unknown.
    bool operator==(const Property&) const = default;
};

/// @brief The property's jurisdiction: `Property::jurisdiction` when set, else "nyc" for New York
/// City (state NY and a city of the five boroughs), "ca" for California, "tx" for Texas and
/// "generic" otherwise. Lower case.
PROPOS_EXPORT std::string jurisdiction_of(const Property& property);

/// @brief A rentable unit within a property.
struct Unit {
    UnitId id;
    PropertyId property_id;
    std::string label;  ///< e.g. "4B".
    int bedrooms = 1;
    int floor = 1;
    std::string notes;
    bool operator==(const Unit&) const = default;
};

/// @brief A resident. Phone numbers are E.164, emails lower-case.
struct Tenant {
    TenantId id;
    UnitId unit_id;
    std::string name;
    std::string phone;
    std::string email;
    Channel preferred_channel = Channel::kSms;
    std::string language = "en";
    bool sms_opt_out = false;
    bool has_pets = false;
    bool vulnerable_occupant = false;  ///< Elderly, infant, medical needs: stricter heat thresholds.
    bool child_under_6 = false;       ///< A child under 6 lives in the unit (NYC LL1 lead rules).
    bool child_10_or_under = false;   ///< A child aged 10 or under lives there (NYC window guards).
    bool operator==(const Tenant&) const = default;
};

/// @brief A lease binding tenants to a unit for a term.
// ---- lease renewal state (the renewal workflow, propos/workflows/renewal.hpp) ----
/// @brief Where a lease's renewal stands:
/// - none: no offer yet (default);
/// - offered: an offer went out and waits for the tenant's answer;
/// - negotiating: the tenant asked for other terms; a person has it (`renewal_negotiation`, and
///   `renewal_negotiation_undecided` once its deadline `renewal_negotiation_by` passed);
/// - accepted: the tenant (or staff for them) accepted; staff countersign;
/// - declined: the tenant will not renew; the move-out workflow runs to the lease end;
/// - no_answer: the reply deadline passed without an answer; a person has it (`renewal_no_answer`).
enum class RenewalStatus { kNone, kOffered, kNegotiating, kAccepted, kDeclined, kNoAnswer };
template <>
struct EnumTraits<RenewalStatus> {
    static constexpr std::string_view kWhat = "renewal status";
    static constexpr std::array<std::pair<RenewalStatus, std::string_view>, 6> kNames{
        {{RenewalStatus::kNone, "none"},
         {RenewalStatus::kOffered, "offered"},
         {RenewalStatus::kNegotiating, "negotiating"},
         {RenewalStatus::kAccepted, "accepted"},
         {RenewalStatus::kDeclined, "declined"},
         {RenewalStatus::kNoAnswer, "no_answer"}}};
};
PROPOS_ENUM_JSON(RenewalStatus)

struct Lease {
    LeaseId id;
    UnitId unit_id;
    std::vector<TenantId> tenant_ids;
    Timestamp start{};
    Timestamp end{};
    Money monthly_rent;
    Money deposit;
    // Renewal (all optional in JSON; a lease written before them reads as "none").
    /// A New York City rent-stabilized lease: the renewal follows 9 NYCRR 2523.5 (offer 150-90
    /// days before the end, 60 days to accept, RGB rate). Default: false.
    bool rent_stabilized = false;
    RenewalStatus renewal_status = RenewalStatus::kNone;  ///< Default: none.
    std::optional<Timestamp> renewal_offered_at;  ///< When the (first) offer went out.
    Money renewal_rent;                           ///< Monthly rent offered (zero: no offer).
    int renewal_term_months = 0;                  ///< Term offered, in months (0: no offer).
    std::optional<Timestamp> renewal_reply_by;    ///< The tenant's reply deadline.
    /// When the offered rent can take effect: the lease end, or later when the notice was late.
    std::optional<Timestamp> renewal_effective_at;
    std::optional<Timestamp> renewal_decided_at;  ///< When accepted / declined was recorded.
    std::vector<Timestamp> renewal_notices;       ///< Every offer and reminder sent, oldest first.
    /// While `negotiating`: when a person must have decided (`RenewalOptions::negotiation_days`
    /// after the tenant asked, never after the notice minimum or the lease end); the daily nudge
    /// raises `renewal_negotiation_undecided` once after it. Unset before any negotiation.
    std::optional<Timestamp> renewal_negotiation_by;
    bool operator==(const Lease&) const = default;
};

/// @brief Performance figures kept for ranking vendors.
struct VendorScorecard {
    int jobs_completed = 0;
    int jobs_assigned = 0;
    int on_time_jobs = 0;
    int callbacks = 0;          ///< Re-dispatches because the fix did not hold.
    Money total_billed;         ///< Sum of approved invoices.
    double rating = 0.0;        ///< 0-5, from tenant confirmations.
    bool operator==(const VendorScorecard&) const = default;
};

/// @brief A contractor the organization dispatches.
struct Vendor {
    VendorId id;
    std::string name;
    std::vector<std::string> trades;        ///< Triage categories it serves, e.g. "plumbing".
    std::vector<std::string> service_area;  ///< Postal codes or city names it covers.
    std::string phone;
    std::string email;
    Money hourly_rate;
    Money callout_fee;
    bool after_hours = false;                ///< On the emergency / after-hours list.
    /// Business hours, local time of the organization: [hours_start, hours_end). Outside them only
    /// emergencies go to after-hours vendors, and a vendor's response window starts at opening.
    /// Default: 8-18.
    int hours_start = 8;
    int hours_end = 18;
    bool weekends = false;                   ///< Open on Saturdays and Sundays. Default: false.
    std::optional<Timestamp> insurance_expires;  ///< Unset: no insurance on file.
    bool active = true;
    VendorScorecard scorecard;
    bool operator==(const Vendor&) const = default;
};

PROPOS_EXPORT void to_json(Json& j, const Organization& v);
PROPOS_EXPORT void from_json(const Json& j, Organization& v);
PROPOS_EXPORT void to_json(Json& j, const Property& v);
PROPOS_EXPORT void from_json(const Json& j, Property& v);
PROPOS_EXPORT void to_json(Json& j, const Unit& v);
PROPOS_EXPORT void from_json(const Json& j, Unit& v);
PROPOS_EXPORT void to_json(Json& j, const Tenant& v);
PROPOS_EXPORT void from_json(const Json& j, Tenant& v);
PROPOS_EXPORT void to_json(Json& j, const Lease& v);
PROPOS_EXPORT void from_json(const Json& j, Lease& v);
PROPOS_EXPORT void to_json(Json& j, const VendorScorecard& v);
PROPOS_EXPORT void from_json(const Json& j, VendorScorecard& v);
PROPOS_EXPORT void to_json(Json& j, const Vendor& v);
PROPOS_EXPORT void from_json(const Json& j, Vendor& v);

}  // namespace propos
