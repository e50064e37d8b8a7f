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
        t.min_similarity = 0.2f;
        t.duplicate = 0.6f;
        t.source = "measured: built-in hashing embedder on tests/data/search_eval (tuning split)";
        return t;
    }
    if (model.find("universal-sentence-encoder-multilingual-3") != std::string_view::npos) {
        t.min_similarity = 0.2f;
        t.duplicate = 0.6f;
        t.source =
            "measured: universal-sentence-encoder-multilingual-3 on tests/data/search_eval (tuning "
            "split)";
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
