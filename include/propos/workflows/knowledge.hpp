/// @file knowledge.hpp
/// @brief Answers from the organization's knowledge base: the articles (`KnowledgeArticle`,
/// imported with the portfolio) that answer a tenant's question, and the sentences to quote.
///
/// Matching is lexical and explainable: the question's content words (folded: case, Latin accents,
/// plurals; Chinese by character pairs; common function words of English, Spanish, French,
/// Portuguese and Russian left out) are looked up in each article's title and tags (weight 2) and
/// body (weight 1), each weighted by how rare it is in the organization's knowledge base. An answer
/// is given only when the best article shares a word of its title or tags with the question, scores
/// at least `KnowledgeOptions::min_score`, and leads the next article by `min_margin` — otherwise
/// the question goes to a person. The tenant is quoted the article's own words, never a paraphrase.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "propos/export.hpp"
#include "propos/model/knowledge.hpp"
#include "propos/store/store.hpp"

namespace propos {

/// @brief One article that matches a question.
struct KnowledgeMatch {
    KnowledgeArticle article;
    /// The article's sentences that match best (the whole body when it is short), verbatim.
    std::string quote;
    /// Sum over matched question words of rarity x field weight. Higher is better.
    double score = 0;
    /// The question's words found in the article (folded forms), for the audit trail.
    std::vector<std::string> matched_terms;
    /// Some matched word is in the title or the tags.
    bool subject_match = false;
};

/// @brief When an article is good enough to answer with.
struct KnowledgeOptions {
    /// Minimum score. Default: 1.2 (one rare title word, or several body words).
    double min_score = 1.2;
    /// The best article must score at least this many times the second. Default: 1.25.
    double min_margin = 1.25;
    /// Longest quote, in bytes (cut at a sentence, else at a word, with "…"). Default: 400.
    std::size_t max_quote_chars = 400;
};

/// @brief The articles of `org` that match `question`, best first (at most `k`): those of
/// `property` and those for every property. Empty for a blank question or an empty knowledge base.
PROPOS_EXPORT std::vector<KnowledgeMatch> search_knowledge_base(Transaction& tx, const OrgId& org,
                                                                const std::string& question,
                                                                const std::optional<PropertyId>& property,
                                                                std::size_t k = 3);

/// @brief The article that answers `question`, when one does by the rules of `options` (see the
/// file comment); nullopt otherwise.
PROPOS_EXPORT std::optional<KnowledgeMatch> answer_from_knowledge_base(
    Transaction& tx, const OrgId& org, const std::string& question, const std::optional<PropertyId>& property,
    const KnowledgeOptions& options = {});

}  // namespace propos
