/// @file portfolio_import.hpp
/// @brief Bulk import of a portfolio (organizations, properties, units, tenants, leases, vendors,
/// compliance items, the knowledge base) from one JSON document, atomically and with referential
/// checks.
///
/// Document format ("propos.portfolio/1"):
///
///     {"format": "propos.portfolio/1",
///      "organizations": [{"organization": {...}, "properties": [...], "units": [...],
///                         "tenants": [...], "leases": [...], "vendors": [...],
///                         "compliance_items": [...], "knowledge_base": [...]}]}
///
/// Each record uses the JSON form of its model type (see propos/model/). Existing records with the
/// same id are replaced, so importing the same document twice is harmless.
#pragma once

#include <string>
#include <vector>

#include "propos/store/store.hpp"

namespace propos {

/// @brief What an import wrote for one organization.
struct ImportSummary {
    OrgId org_id;
    std::string name;
    std::size_t properties = 0;
    std::size_t units = 0;
    std::size_t tenants = 0;
    std::size_t leases = 0;
    std::size_t vendors = 0;
    std::size_t compliance_items = 0;
    std::size_t knowledge_articles = 0;  ///< Entries of "knowledge_base" (`KnowledgeArticle`).
};

/// @brief Imports `doc` in one write transaction and appends one "portfolio.imported" audit entry per
/// organization (and a "knowledge_base.imported" event naming the articles, when there are any).
/// An article without `updated_at` gets `now`; one naming a property needs that property. Phone numbers are normalized (digits with a leading '+') and emails lower-cased
/// (also the organization's `escalation_contact` and `fallback_contact`). A property's
/// `nte_limit`, `emergency_nte_limit` and `owner_approval_threshold` must be above $0.00 and at
/// most `kDefaultMaxAmount` (see `check_amount`).
///
/// Throws `Error(kInvalidArgument)` naming the organization, the list, the index and the problem
/// (a malformed record, a unit whose property does not exist, a lease naming an unknown tenant...);
/// nothing is written in that case.
PROPOS_EXPORT std::vector<ImportSummary> import_portfolio(Store& store, const Json& doc, Timestamp now,
                                                          const std::string& actor = "import");

/// @brief "+1 (415) 555-0100" -> "+14155550100"; a 10-digit US number gets "+1". Empty stays empty.
PROPOS_EXPORT std::string normalize_phone(std::string_view phone);
/// @brief Trims and lower-cases an email address.
PROPOS_EXPORT std::string normalize_email(std::string_view email);

}  // namespace propos
