/// @file ids.hpp
/// @brief Strong identifier types: an `OrgId` can never be passed where a `UnitId` is expected.
#pragma once

#include <atomic>
#include <compare>
#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

#include "propos/core/clock.hpp"
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
/// bits, as in ULID), so ids sort by creation time. Thread-safe. Inside a `ScopedIdSequence` the id
/// comes from that sequence instead (deterministic given its seed and clock).
PROPOS_EXPORT std::string new_id(std::string_view prefix);

/// @brief A deterministic source of ids: given the same seed, the same clock readings and the same
/// sequence of calls, it returns the same ids in every process — so model replies recorded in one
/// process (a `ScriptedProvider` cassette, keyed by the prompt, which names ids) replay in another.
///
/// Ids have `new_id`'s form and order: the time part is `clock->now()`, the 80 other bits are a
/// counter (40 bits, so ids of one sequence sort in the order they were made) and a mix of the seed
/// and the counter (40 bits, so two seeds give different ids). Thread-safe; calls from several
/// threads interleave in no fixed order, so determinism needs one thread at a time (as the
/// Coordinator runs its jobs).
class PROPOS_EXPORT IdSequence {
public:
    /// @brief A sequence for `seed`, reading time from `clock` (null: the system clock).
    explicit IdSequence(std::uint64_t seed, std::shared_ptr<Clock> clock = nullptr);
    /// @brief The next id, e.g. "wo_01JD3X6Q4Z00000000010ABCDE".
    std::string next(std::string_view prefix);

private:
    std::uint64_t seed_;
    std::shared_ptr<Clock> clock_;
    std::atomic<std::uint64_t> counter_{0};
};

/// @brief While it lives, `new_id` on the constructing thread draws from `sequence` (null: the
/// random ids again); the previous source is restored on destruction (scopes nest). The sequence
/// must outlive the scope. Other threads are not affected.
class PROPOS_EXPORT ScopedIdSequence {
public:
    explicit ScopedIdSequence(IdSequence* sequence) noexcept;
    ~ScopedIdSequence();
    ScopedIdSequence(const ScopedIdSequence&) = delete;
    ScopedIdSequence& operator=(const ScopedIdSequence&) = delete;

private:
    IdSequence* previous_;
};

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
