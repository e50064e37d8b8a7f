/// @file knowledge.hpp
/// @brief `KnowledgeArticle`: one entry of an organization's knowledge base — a policy, an amenity,
/// an answer to a frequent question — imported with the portfolio, searchable as its own kind and
/// quoted, with its source, when a tenant asks a question it answers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/core/ids.hpp"
#include "propos/model/common.hpp"

namespace propos {

/// @brief Distinguishes knowledge-article ids from other ids.
struct KnowledgeArticleTag {};
/// @brief Identifies a knowledge-base article within its organization.
using KnowledgeArticleId = Id<KnowledgeArticleTag>;

/// @brief A knowledge-base article. Tenants are quoted its words verbatim: write it as the answer.
struct KnowledgeArticle {
    KnowledgeArticleId id;
    /// What it answers, in a few words ("Guest parking", "Pets"). Required.
    std::string title;
    /// The answer itself, in full sentences. Required.
    std::string body;
    /// "policy", "amenity", "faq", "procedure"... Free text. Default: "faq".
    std::string category = "faq";
    /// Other words a tenant may use for the subject ("visitor parking", "garage").
    std::vector<std::string> tags;
    /// Where the answer comes from, named in the reply ("Resident handbook, section 4"). Default:
    /// "" (the reply names the article's title only).
    std::string source;
    /// The property it applies to. Unset: every property of the organization.
    std::optional<PropertyId> property_id;
    /// The language it is written in ("en", "es", ...). Default: "en".
    std::string language = "en";
    Timestamp updated_at{};
    bool operator==(const KnowledgeArticle&) const = default;
};

/// @brief JSON form: {"id","title","body","category","tags","source","property_id","language",
/// "updated_at"}; only id, title and body are required. Malformed input throws
/// `Error(kInvalidArgument)` naming the field.
PROPOS_EXPORT void to_json(Json& j, const KnowledgeArticle& v);
PROPOS_EXPORT void from_json(const Json& j, KnowledgeArticle& v);

}  // namespace propos
