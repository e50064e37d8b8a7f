// The CLI's embedder choice (issue 20): --embedder hashing|openai, --embed-base-url, --embed-model,
// --embed-dimensions, the query/document prefixes and input types; and the re-embedding of an
// organization's search index when the model changed.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "propos/core/ids.hpp"
#include "propos/search/embedder.hpp"
#include "propos/search/history_search.hpp"

namespace CLI {
class App;
}

namespace propos::cli {

struct EmbedderOptions {
    std::string embedder = "hashing";  ///< hashing (built-in, keyword-like, offline) | openai
    std::string base_url;              ///< openai: server root; default https://api.openai.com
    std::string model;                 ///< openai: model name; default text-embedding-3-small
    std::size_t dimensions = 0;        ///< Vector length; 0: the embedder's default (384)
    bool omit_dimensions = false;      ///< openai: do not send "dimensions"
    std::string query_prefix, document_prefix;
    std::string query_input_type, document_input_type;
};

/// Adds the global --embedder/--embed-* options to `app`.
void add_embedder_options(CLI::App& app, EmbedderOptions& o);

/// The embedder the options ask for; the key comes from OPENAI_API_KEY when set. Throws
/// Error(kInvalidArgument) naming the option for inconsistent values (an --embed-* setting with
/// --embedder hashing that it does not take, api.openai.com without a key...).
std::shared_ptr<Embedder> make_embedder(const EmbedderOptions& o);

/// For each organization in `orgs` whose search documents were embedded by another model than
/// `search`'s embedder: re-embeds them (`HistorySearch::reindex`), telling `err` which model
/// replaces which and the progress. Returns the number of organizations re-embedded.
std::size_t reembed_if_model_changed(HistorySearch& search, const std::vector<OrgId>& orgs,
                                     std::ostream& err);

/// The same for every organization of `store`, with a HistorySearch of its own (closed before
/// returning, its index files saved), so that a Coordinator built next finds current indexes.
std::size_t reembed_store_if_model_changed(Store& store, std::shared_ptr<Embedder> embedder,
                                           const HistorySearchOptions& options, std::ostream& err);

}  // namespace propos::cli
