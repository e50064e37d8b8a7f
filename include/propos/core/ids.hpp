/// @file ids.hpp
/// @brief Strong identifier types: an `OrgId` can never be passed where a `UnitId` is expected.
#pragma once

#include <compare>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

#include "propos/export.hpp"

namespace propos {

/// @brief A typed, string-valued identifier. `Tag` only distinguishes the types.
///
/// Ids are opaque strings chosen by PropOS (`new_id()`) or by the host (e.g. its PMS keys). An empty id
/// means "unset".
template <class Tag>
class Id {
public:
    Id() = default;
    explicit Id(std::string value) : value_(std::move(value)) {}

    /// @brief The id as text.
    const std::string& str() const noexcept { return value_; }
    /// @brief True when no id is set.
    bool empty() const noexcept { return value_.empty(); }

    auto operator<=>(const Id&) const = default;
    bool operator==(const Id&) const = default;

private:
    std::string value_;
};

template <class Tag>
std::ostream& operator<<(std::ostream& os, const Id<Tag>& id) {
    return os << id.str();
}

// clang-format off
struct OrgTag {}; struct PropertyTag {}; struct UnitTag {}; struct TenantTag {}; struct LeaseTag {};
struct VendorTag {}; struct WorkOrderTag {}; struct MessageTag {}; struct ThreadTag {}; struct BidTag {};
struct PurchaseOrderTag {}; struct InvoiceTag {}; struct ComplianceItemTag {}; struct EscalationTag {};
struct JobTag {};
// clang-format on

using OrgId = Id<OrgTag>;
using PropertyId = Id<PropertyTag>;
using UnitId = Id<UnitTag>;
using TenantId = Id<TenantTag>;
using LeaseId = Id<LeaseTag>;
using VendorId = Id<VendorTag>;
using WorkOrderId = Id<WorkOrderTag>;
using MessageId = Id<MessageTag>;
using ThreadId = Id<ThreadTag>;
using BidId = Id<BidTag>;
using PurchaseOrderId = Id<PurchaseOrderTag>;
using InvoiceId = Id<InvoiceTag>;
using ComplianceItemId = Id<ComplianceItemTag>;
using EscalationId = Id<EscalationTag>;
using JobId = Id<JobTag>;

/// @brief A new random, time-ordered id such as "wo_01JD3X6Q4Z8K2M5N7P9R1T3V5X".
///
/// The part after the prefix is 26 Crockford base-32 characters (48-bit millisecond time + 80 random
/// bits, as in ULID), so ids sort by creation time. Thread-safe.
PROPOS_EXPORT std::string new_id(std::string_view prefix);

/// @brief `new_id` returning a typed id.
template <class IdT>
IdT new_typed_id(std::string_view prefix) {
    return IdT(new_id(prefix));
}

}  // namespace propos

template <class Tag>
struct std::hash<propos::Id<Tag>> {
    size_t operator()(const propos::Id<Tag>& id) const noexcept {
        return std::hash<std::string>()(id.str());
    }
};
