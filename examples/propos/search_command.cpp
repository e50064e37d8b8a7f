#include "search_command.hpp"

#include <cstdio>
#include <iostream>
#include <filesystem>
#include <ostream>

#include "output.hpp"
#include "propos/propos.hpp"
#include "propos/search/history_search.hpp"

namespace propos::cli {
namespace {

std::string one_line(std::string text) {
    for (char& c : text) {
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
    return text;
}

std::string fixed(double v, int decimals) {
    std::string s(32, '\0');
    s.resize(static_cast<std::size_t>(std::snprintf(s.data(), s.size(), "%.*f", decimals, v)));
    return s;
}

}  // namespace

int run_search(const GlobalOptions& g, const SearchOptions& o, std::ostream& out) {
    std::string text;
    for (const auto& w : o.words) text += (text.empty() ? "" : " ") + w;
    if (g.db.empty()) throw Error(ErrorCode::kInvalidArgument, "--db PATH is required");
    if (o.org.empty()) throw Error(ErrorCode::kInvalidArgument, "--org ORG is required");
    if (!is_postgres_url(g.db) && !std::filesystem::exists(g.db)) {
        throw Error(ErrorCode::kNotFound, "database '" + g.db +
                                              "' does not exist (run `propos demo --db " + g.db +
                                              "` to create a sample one)");
    }
    // The query is checked before a possibly long (re)indexing.
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        throw Error(ErrorCode::kInvalidArgument,
                    "search query is empty: give some words to look for");
    }
    SearchQuery q;
    q.text = text;
    q.k = o.k;
    q.kinds = o.kinds;

    auto store = open_existing(g);
    const OrgId org(o.org);
    HistorySearch search(*store, make_embedder(g.embed));  // --embedder, --embed-* (issue 20)
    std::int64_t reindexed = -1;
    if (!o.reindex && reembed_if_model_changed(search, {org}, std::cerr) > 0) {
        reindexed = search.status(org).documents;  // another model's index, re-embedded
    } else if (o.reindex) {
        reindexed = search.reindex(org).documents;
    } else if (search.reindex_if_stale(org)) {
        reindexed = search.status(org).documents;
    }
    const auto hits = search.search(org, q);
    search.flush();

    if (o.json) {
        Json list = Json::array();
        for (const auto& h : hits) {
            list.push_back({{"id", h.id},
                            {"kind", h.kind},
                            {"org", h.org.str()},
                            {"score", h.score},
                            {"text", h.text}});
        }
        out << list.dump() << "\n";
        return 0;
    }
    if (reindexed >= 0) out << "Indexed " << reindexed << " documents of " << org.str() << ".\n";
    if (hits.empty()) {
        out << "No results for \"" << text << "\" in " << org.str() << ".\n";
        return 0;
    }
    Table t({"#", "score", "kind", "id", "date", "unit", "text"});
    for (std::size_t i = 0; i < hits.size(); ++i) {
        const auto& h = hits[i];
        t.add({std::to_string(i + 1), fixed(h.score, 4), h.kind, h.id,
               format_time(h.at).substr(0, 10), h.unit_id.empty() ? "-" : h.unit_id,
               ellipsize(one_line(h.text), 80)});
    }
    t.print(out);
    out << "Score: reciprocal rank fusion of the keyword and semantic rankings (at most "
        << fixed((1.0 + search.thresholds().keyword_weight) / 61.0, 4) << ").\n";
    return 0;
}

}  // namespace propos::cli
