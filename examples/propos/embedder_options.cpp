#include "embedder_options.hpp"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <ostream>

#include "propos/core/error.hpp"

namespace propos::cli {

void add_embedder_options(CLI::App& app, EmbedderOptions& o) {
    app.add_option("--embedder", o.embedder,
                   "Embedder of history search: hashing (built-in, offline, keyword-like: matches "
                   "words and known maintenance synonyms, not meaning) or openai (any "
                   "OpenAI-compatible /v1/embeddings server, e.g. scripts/embedding-server.py, "
                   "Ollama, OpenAI; key from OPENAI_API_KEY). A change of model re-embeds the "
                   "history")
        ->check(CLI::IsMember({"hashing", "openai"}))
        ->default_val("hashing");
    app.add_option("--embed-base-url", o.base_url,
                   "Embeddings server root for --embedder openai (default https://api.openai.com)");
    app.add_option("--embed-model", o.model,
                   "Embedding model for --embedder openai (default text-embedding-3-small)");
    app.add_option("--embed-dimensions", o.dimensions,
                   "Vector length (default 384; the model's own size when the server cannot "
                   "shorten vectors, e.g. 512 for universal-sentence-encoder-multilingual-3)")
        ->check(CLI::Range(1, 65536));
    app.add_flag("--embed-omit-dimensions", o.omit_dimensions,
                 "Do not send \"dimensions\" (servers that reject the field)");
    app.add_option("--embed-query-prefix", o.query_prefix,
                   "Prepended to search queries (asymmetric models, e.g. \"query: \" for e5)");
    app.add_option("--embed-document-prefix", o.document_prefix,
                   "Prepended to indexed documents (e.g. \"passage: \" for e5)");
    app.add_option("--embed-query-type", o.query_input_type,
                   "Sent as \"input_type\" with queries, for servers that take one");
    app.add_option("--embed-document-type", o.document_input_type,
                   "Sent as \"input_type\" with documents");
}

std::shared_ptr<Embedder> make_embedder(const EmbedderOptions& o) {
    if (o.embedder.empty() || o.embedder == "hashing") {
        const auto only_openai = [](const std::string& value, const char* option) {
            if (!value.empty()) {
                throw Error(ErrorCode::kInvalidArgument,
                            std::string(option) +
                                " applies to --embedder openai (the hashing embedder is built in)");
            }
        };
        only_openai(o.base_url, "--embed-base-url");
        only_openai(o.model, "--embed-model");
        only_openai(o.query_prefix, "--embed-query-prefix");
        only_openai(o.document_prefix, "--embed-document-prefix");
        only_openai(o.query_input_type, "--embed-query-type");
        only_openai(o.document_input_type, "--embed-document-type");
        if (o.omit_dimensions) only_openai("x", "--embed-omit-dimensions");
        HashingEmbedderOptions h;
        if (o.dimensions) h.dimension = o.dimensions;
        return std::shared_ptr<Embedder>(make_hashing_embedder(h));
    }
    if (o.embedder != "openai") {
        throw Error(ErrorCode::kInvalidArgument,
                    "unknown embedder '" + o.embedder + "' (use hashing or openai)");
    }
    OpenAiEmbedderOptions e;
    if (!o.base_url.empty()) {
        if (o.base_url.rfind("http://", 0) != 0 && o.base_url.rfind("https://", 0) != 0) {
            throw Error(ErrorCode::kInvalidArgument,
                        "--embed-base-url '" + o.base_url +
                            "' is not an http:// or https:// URL (e.g. http://127.0.0.1:8089)");
        }
        e.base_url = o.base_url;
    }
    if (!o.model.empty()) e.model = o.model;
    if (o.dimensions) e.dimensions = o.dimensions;
    e.send_dimensions = !o.omit_dimensions;
    e.query_prefix = o.query_prefix;
    e.document_prefix = o.document_prefix;
    e.query_input_type = o.query_input_type;
    e.document_input_type = o.document_input_type;
    if (const char* key = std::getenv("OPENAI_API_KEY"); key && *key) e.api_key = key;
    if (e.api_key.empty() && e.base_url.find("api.openai.com") != std::string::npos) {
        throw Error(ErrorCode::kInvalidArgument,
                    "--embedder openai needs an API key for api.openai.com: set OPENAI_API_KEY, or "
                    "point --embed-base-url at a local server (scripts/embedding-server.py, "
                    "Ollama)");
    }
    return std::shared_ptr<Embedder>(make_openai_embedder(nullptr, e));
}

std::size_t reembed_if_model_changed(HistorySearch& search, const std::vector<OrgId>& orgs,
                                     std::ostream& err) {
    std::size_t n = 0;
    const std::string model = search.embedder().model();
    for (const auto& org : orgs) {
        const auto was = search.indexed_model(org);
        if (was.current) continue;
        err << "propos: the search index of " << org.str() << " was embedded by '" << was.model
            << "' (" << was.dimension << "-d); re-embedding its history with '" << model << "' ("
            << search.embedder().dimension() << "-d)\n";
        std::size_t shown = 0;
        const auto r = search.reindex(org, [&](std::size_t done, std::size_t total) {
            // One line per tenth (and the last), so a log stays short.
            if (done == total || done >= shown + (total + 9) / 10) {
                shown = done;
                err << "propos:   " << org.str() << ": " << done << "/" << total
                    << " documents embedded\n";
            }
        });
        err << "propos: re-embedded " << r.documents << " documents of " << org.str() << " in "
            << r.elapsed.count() << " ms\n";
        ++n;
    }
    return n;
}

std::size_t reembed_store_if_model_changed(Store& store, std::shared_ptr<Embedder> embedder,
                                           const HistorySearchOptions& options, std::ostream& err) {
    std::vector<OrgId> orgs;
    for (const auto& org : store.list_organizations()) orgs.push_back(org.id);
    HistorySearch search(store, std::move(embedder), options);
    const auto n = reembed_if_model_changed(search, orgs, err);
    search.flush();
    return n;
}

}  // namespace propos::cli
