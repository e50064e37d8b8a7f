// Measured similarity thresholds per embedder (issue 20). The values come from
// scripts/search-eval.py on tests/data/search_eval, tuning split only; docs/benchmarks.md records
// them with the held-back figures.
#include <string>
#include <string_view>

#include "propos/search/embedder.hpp"

namespace propos {

SimilarityThresholds calibrated_thresholds(std::string_view model) {
    SimilarityThresholds t;
    if (model.rfind("propos-hash-", 0) == 0) {
        // Hybrid recall@3 is best at 0.10-0.20 (16/66); below 0.2 hash collisions (up to 0.15)
        // get in. No duplicate threshold reaches precision 0.8 on the pairs: its similarity
        // separates near-identical wordings only, so 0.6 keeps similarity merges to those
        // (tuning: no false merge) and the same-trade rule does the rest.
        t.min_similarity = 0.2f;
        t.duplicate = 0.6f;
        t.source =
            "measured: built-in hashing embedder on tests/data/search_eval, tuning split "
            "(docs/benchmarks.md)";
        return t;
    }
    if (model.find("universal-sentence-encoder-multilingual-3") != std::string_view::npos) {
        // The highest floor keeping the best vector-only recall@3 (61/66; hybrid 44/66 there);
        // the duplicate threshold with the best F1 at precision >= 0.8 (P 0.85, R 0.77).
        t.min_similarity = 0.25f;
        t.duplicate = 0.45f;
        // Hybrid recall@3 on tuning at keyword weight 1 / 0.5 / 0.2 / 0.1: see benchmarks.md.
        t.keyword_weight = 0.1f;
        t.source =
            "measured: universal-sentence-encoder-multilingual-3 on tests/data/search_eval, "
            "tuning split (docs/benchmarks.md)";
        return t;
    }
    t.min_similarity = 0.2f;
    t.duplicate = 0.75f;
    t.source = "default for an uncalibrated model '" + std::string(model) +
               "': calibrate with scripts/search-eval.py (docs/search.md) and set "
               "HistorySearchOptions::thresholds";
    return t;
}

}  // namespace propos
