/// @file procurement.hpp
/// @brief Bids, purchase orders and invoices.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/core/ids.hpp"
#include "propos/core/money.hpp"
#include "propos/model/common.hpp"

namespace propos {

/// @brief State of a bid.
enum class BidStatus { kRequested, kReceived, kAccepted, kRejected, kExpired };
template <>
struct EnumTraits<BidStatus> {
    static constexpr std::string_view kWhat = "bid status";
    static constexpr std::array<std::pair<BidStatus, std::string_view>, 5> kNames{
        {{BidStatus::kRequested, "requested"},
         {BidStatus::kReceived, "received"},
         {BidStatus::kAccepted, "accepted"},
         {BidStatus::kRejected, "rejected"},
         {BidStatus::kExpired, "expired"}}};
};
PROPOS_ENUM_JSON(BidStatus)

/// @brief A vendor's quote for a work order.
struct Bid {
    BidId id;
    WorkOrderId work_order_id;
    VendorId vendor_id;
    BidStatus status = BidStatus::kRequested;
    Money amount;
    std::optional<Timestamp> earliest_start;
    std::string notes;
    Timestamp requested_at{};
    std::optional<Timestamp> received_at;
    Timestamp due_at{};
    bool operator==(const Bid&) const = default;
};

/// @brief Purchase-order state.
enum class PurchaseOrderStatus { kIssued, kCancelled, kFulfilled };
template <>
struct EnumTraits<PurchaseOrderStatus> {
    static constexpr std::string_view kWhat = "purchase order status";
    static constexpr std::array<std::pair<PurchaseOrderStatus, std::string_view>, 3> kNames{
        {{PurchaseOrderStatus::kIssued, "issued"},
         {PurchaseOrderStatus::kCancelled, "cancelled"},
         {PurchaseOrderStatus::kFulfilled, "fulfilled"}}};
};
PROPOS_ENUM_JSON(PurchaseOrderStatus)

/// @brief The authorization to a vendor to do a job up to an amount.
struct PurchaseOrder {
    PurchaseOrderId id;
    std::string number;  ///< Human-facing PO number, unique within the organization.
    WorkOrderId work_order_id;
    VendorId vendor_id;
    Money amount;
    std::optional<BidId> bid_id;
    PurchaseOrderStatus status = PurchaseOrderStatus::kIssued;
    Timestamp issued_at{};
    bool operator==(const PurchaseOrder&) const = default;
};

/// @brief One invoice line.
struct InvoiceLine {
    std::string description;
    std::int64_t quantity = 1;  ///< In whole units (hours are lines of 1 hour each or a count).
    Money unit_price;
    Money amount;               ///< As stated by the vendor; reconciliation checks quantity x price.
    bool operator==(const InvoiceLine&) const = default;
};

/// @brief Reconciliation outcome.
enum class InvoiceStatus { kReceived, kApproved, kBlocked, kFlagged, kPaid };
template <>
struct EnumTraits<InvoiceStatus> {
    static constexpr std::string_view kWhat = "invoice status";
    static constexpr std::array<std::pair<InvoiceStatus, std::string_view>, 5> kNames{
        {{InvoiceStatus::kReceived, "received"},
         {InvoiceStatus::kApproved, "approved"},
         {InvoiceStatus::kBlocked, "blocked"},
         {InvoiceStatus::kFlagged, "flagged"},
         {InvoiceStatus::kPaid, "paid"}}};
};
PROPOS_ENUM_JSON(InvoiceStatus)

/// @brief A vendor invoice.
struct Invoice {
    InvoiceId id;
    std::string number;  ///< The vendor's invoice number; duplicates are flagged.
    VendorId vendor_id;
    std::optional<WorkOrderId> work_order_id;
    std::optional<PurchaseOrderId> purchase_order_id;
    std::vector<InvoiceLine> lines;
    Money total;         ///< As stated by the vendor.
    InvoiceStatus status = InvoiceStatus::kReceived;
    std::vector<std::string> findings;  ///< Reconciliation reasons.
    Timestamp received_at{};
    bool operator==(const Invoice&) const = default;
};

PROPOS_EXPORT void to_json(Json& j, const Bid& v);
PROPOS_EXPORT void from_json(const Json& j, Bid& v);
PROPOS_EXPORT void to_json(Json& j, const PurchaseOrder& v);
PROPOS_EXPORT void from_json(const Json& j, PurchaseOrder& v);
PROPOS_EXPORT void to_json(Json& j, const InvoiceLine& v);
PROPOS_EXPORT void from_json(const Json& j, InvoiceLine& v);
PROPOS_EXPORT void to_json(Json& j, const Invoice& v);
PROPOS_EXPORT void from_json(const Json& j, Invoice& v);

}  // namespace propos
