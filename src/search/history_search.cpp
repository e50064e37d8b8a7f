// HistorySearch: per-organization keyword (store FTS) + semantic (VectorIndex) search, fused by
// reciprocal rank fusion. See the header for the contract.
//
// Consistency model. Search documents live in the store, each with the organization's change
// sequence number (seq) of its last write; erasures leave tombstones. An organization's VectorIndex
// remembers the seq it has applied ("applied"). Every change goes: store write (commits a new seq)
// -> catch_up, which applies all rows with seq > applied in seq order. Files record the applied
// seq; on load a valid file catches up from it, anything else is rebuilt from the stored
// embeddings.
#include "propos/search/history_search.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "core/log.hpp"
#include "propos/core/crypto.hpp"
#include "propos/model/message.hpp"
#include "propos/model/portfolio.hpp"
#include "propos/model/procurement.hpp"
#include "propos/model/work_order.hpp"
#include "search/simd.hpp"
#include "search/text.hpp"

namespace propos {
namespace {

namespace sd = search_detail;
namespace fs = std::filesystem;

constexpr const char* kMetaEmbedder = "embedder";
constexpr const char* kMetaVectorIndex = "vector_index";
constexpr std::size_t kChangePage = 4096;
constexpr std::size_t kMaxK = 1000;

bool is_search_kind(std::string_view k) {
    return k == kSearchKindMessage || k == kSearchKindWorkOrder || k == kSearchKindNote ||
           k == kSearchKindKnowledge || k == kSearchKindDecision;
}

std::string humanize(std::string s) {
    std::replace(s.begin(), s.end(), '_', ' ');
    return s;
}

// Appends `part` as a sentence.
void sentence(std::string& out, std::string_view part) {
    if (part.empty()) return;
    if (!out.empty()) {
        const char last = out.back();
        if (last != '.' && last != '!' && last != '?' && last != '\n') out += '.';
        out += ' ';
    }
    out += part;
}

std::string snippet(const std::string& text, std::size_t max_chars) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
        if (chars == max_chars) return text.substr(0, i) + "...";
        ++chars;
    }
    return text;
}

// What is embedded of a document: its text, except for a work order the facts line (category,
// unit, resolution, vendor, cost: see DocBuilder::work_order) — the embedding is of the problem
// the tenant reported, which is what a new message is compared with; measured on
// tests/data/search_eval, the facts only dilute it (docs/benchmarks.md). Keyword search reads all.
std::string embedding_text(const SearchDocument& d) {
    if (d.kind != kSearchKindWorkOrder) return d.text;
    const auto nl = d.text.rfind('\n');
    if (nl == std::string::npos || nl == 0) return d.text;
    const std::string_view facts = std::string_view(d.text).substr(nl + 1);
    for (const std::string_view lead : {"Category: ", "Unit ", "Resolution: ", "Vendor: ", "Cost: "}) {
        if (facts.substr(0, lead.size()) == lead) return d.text.substr(0, nl);
    }
    return d.text;
}

bool same_document(const SearchDocument& a, const SearchDocument& b) {
    return a.text == b.text && a.property_id == b.property_id && a.unit_id == b.unit_id &&
           a.at == b.at;
}

bool matches(const SearchDocument& d, const SearchFilter& f) {
    if (!f.kinds.empty() && std::find(f.kinds.begin(), f.kinds.end(), d.kind) == f.kinds.end())
        return false;
    if (!f.property_id.empty() && d.property_id != f.property_id) return false;
    if (!f.unit_id.empty() && d.unit_id != f.unit_id) return false;
    if (f.from && d.at < *f.from) return false;
    if (f.until && d.at >= *f.until) return false;
    return true;
}

std::optional<Money> work_order_cost(Transaction& tx, const OrgId& org, const WorkOrder& wo) {
    Money sum;
    bool any = false;
    for (const auto& inv : tx.list<Invoice>(org, {.parent = wo.id.str()})) {
        if (inv.status == InvoiceStatus::kApproved || inv.status == InvoiceStatus::kPaid) {
            sum += inv.total;
            any = true;
        }
    }
    if (any) return sum;
    if (wo.approved_amount.in_cents() > 0) return wo.approved_amount;
    return std::nullopt;
}

// Builds search documents from entity records, caching the records they refer to.
class DocBuilder {
public:
    DocBuilder(Transaction& tx, const OrgId& org) : tx_(tx), org_(org) {}

    std::optional<SearchDocument> build(std::string_view kind, const std::string& id) {
        if (kind == kSearchKindWorkOrder) {
            if (auto wo = tx_.find<WorkOrder>(org_, id)) return work_order(*wo);
        } else if (kind == kSearchKindMessage) {
            if (auto m = tx_.find<Message>(org_, id)) return message(*m);
        } else if (kind == kSearchKindNote) {
            if (auto n = tx_.find<Note>(org_, id)) return note(*n);
        } else if (kind == kSearchKindKnowledge) {
            if (auto k = tx_.find<KnowledgeArticle>(org_, id)) return knowledge(*k);
        } else if (kind == kSearchKindDecision) {
            if (auto d = tx_.find<StaffDecision>(org_, id)) return decision(*d);
        }
        return std::nullopt;
    }

    SearchDocument work_order(const WorkOrder& wo) {
        SearchDocument d = base(kSearchKindWorkOrder, wo.id.str(), wo.created_at);
        d.unit_id = wo.unit_id.str();
        d.property_id = wo.property_id.str();
        const Unit* u = unit(d.unit_id);
        if (d.property_id.empty() && u) d.property_id = u->property_id.str();
        sentence(d.text, wo.title);
        sentence(d.text, wo.description);
        // The facts (category, unit, resolution, vendor, cost) go on a line of their own: keyword
        // search reads them, the embedding is of the problem alone (embedding_text, issue 20).
        std::string facts;
        if (!wo.category.empty() && wo.category != "general") {
            sentence(facts, "Category: " + humanize(wo.category));
        }
        if (u) {
            std::string where = "Unit " + u->label;
            if (const Property* p = property(d.property_id)) where += ", " + p->name;
            sentence(facts, where);
        }
        if (!wo.resolution.empty()) sentence(facts, "Resolution: " + wo.resolution);
        if (wo.vendor_id) {
            if (const Vendor* v = vendor(wo.vendor_id->str())) sentence(facts, "Vendor: " + v->name);
        }
        if (auto cost = work_order_cost(tx_, org_, wo)) sentence(facts, "Cost: " + cost->to_string());
        std::replace(facts.begin(), facts.end(), '\n', ' ');
        if (!facts.empty()) d.text += (d.text.empty() ? "" : "\n") + facts;
        return d;
    }

    SearchDocument message(const Message& m) {
        SearchDocument d = base(kSearchKindMessage, m.id.str(), m.at);
        d.text = m.subject;
        if (!m.subject.empty() && !m.body.empty()) d.text += "\n";
        d.text += m.body;
        if (m.work_order_id) {
            if (const WorkOrder* wo = work_order_record(m.work_order_id->str())) {
                d.unit_id = wo->unit_id.str();
                d.property_id = wo->property_id.str();
            }
        }
        if (d.unit_id.empty() && m.tenant_id) {
            if (const Tenant* t = tenant(m.tenant_id->str())) d.unit_id = t->unit_id.str();
        }
        if (d.property_id.empty()) {
            if (const Unit* u = unit(d.unit_id)) d.property_id = u->property_id.str();
        }
        return d;
    }

    SearchDocument note(const Note& n) {
        SearchDocument d = base(kSearchKindNote, n.id.str(), n.at);
        d.text = n.text;
        if (n.unit_id) d.unit_id = n.unit_id->str();
        if (n.property_id) d.property_id = n.property_id->str();
        if (n.work_order_id) {
            if (const WorkOrder* wo = work_order_record(n.work_order_id->str())) {
                if (d.unit_id.empty()) d.unit_id = wo->unit_id.str();
                if (d.property_id.empty()) d.property_id = wo->property_id.str();
            }
        }
        if (d.property_id.empty()) {
            if (const Unit* u = unit(d.unit_id)) d.property_id = u->property_id.str();
        }
        return d;
    }

    SearchDocument knowledge(const KnowledgeArticle& k) {
        SearchDocument d = base(kSearchKindKnowledge, k.id.str(), k.updated_at);
        sentence(d.text, k.title);
        sentence(d.text, k.body);
        if (!k.tags.empty()) {
            std::string tags;
            for (const auto& t : k.tags) tags += (tags.empty() ? "" : ", ") + t;
            sentence(d.text, "Also: " + tags);
        }
        if (k.property_id) d.property_id = k.property_id->str();
        return d;
    }

    // ---- staff decisions (issue 20): what was decided, by whom, on which work order, the note ----
    SearchDocument decision(const StaffDecision& s) {
        SearchDocument d = base(kSearchKindDecision, s.id, s.at);
        std::string head = "Staff decision (" + humanize(s.kind) + ") by " + s.decided_by;
        if (!s.decision.empty()) head += ": " + s.decision;
        sentence(d.text, head);
        if (!s.note.empty()) sentence(d.text, "Note: " + s.note);  // early: snippets keep it
        if (!s.reason.empty()) {
            std::string esc = "Escalation " + humanize(s.reason);
            if (!s.summary.empty()) esc += ": " + s.summary;
            sentence(d.text, esc);
        }
        if (s.work_order_id) {
            if (const WorkOrder* wo = work_order_record(s.work_order_id->str())) {
                d.unit_id = wo->unit_id.str();
                d.property_id = wo->property_id.str();
                sentence(d.text, "Work order: " + wo->title);
                if (!wo->category.empty() && wo->category != "general")
                    sentence(d.text, "Category: " + humanize(wo->category));
                if (const Unit* u = unit(d.unit_id)) {
                    if (d.property_id.empty()) d.property_id = u->property_id.str();
                    std::string where = "Unit " + u->label;
                    if (const Property* p = property(d.property_id)) where += ", " + p->name;
                    sentence(d.text, where);
                }
            }
        }
        if (s.vendor_id) {
            if (const Vendor* v = vendor(s.vendor_id->str())) sentence(d.text, "Vendor: " + v->name);
        }
        if (s.amount) sentence(d.text, "Amount: " + s.amount->to_string());
        return d;
    }

private:
    static SearchDocument base(std::string_view kind, const std::string& id, Timestamp at) {
        SearchDocument d;
        d.kind = std::string(kind);
        d.entity_id = id;
        d.at = at;
        return d;
    }
    template <class T>
    const T* cached(std::unordered_map<std::string, std::optional<T>>& cache,
                    const std::string& id) {
        if (id.empty()) return nullptr;
        auto it = cache.find(id);
        if (it == cache.end()) it = cache.emplace(id, tx_.find<T>(org_, id)).first;
        return it->second ? &*it->second : nullptr;
    }
    const Unit* unit(const std::string& id) { return cached(units_, id); }
    const Property* property(const std::string& id) { return cached(properties_, id); }
    const Tenant* tenant(const std::string& id) { return cached(tenants_, id); }
    const Vendor* vendor(const std::string& id) { return cached(vendors_, id); }
    const WorkOrder* work_order_record(const std::string& id) { return cached(work_orders_, id); }

    Transaction& tx_;
    const OrgId& org_;
    std::unordered_map<std::string, std::optional<Unit>> units_;
    std::unordered_map<std::string, std::optional<Property>> properties_;
    std::unordered_map<std::string, std::optional<Tenant>> tenants_;
    std::unordered_map<std::string, std::optional<Vendor>> vendors_;
    std::unordered_map<std::string, std::optional<WorkOrder>> work_orders_;
};

// One organization's in-memory search state.
struct OrgState {
    std::mutex write_mu;  // store writes, index changes, load and save of this organization
    bool loaded = false;  // under write_mu
    std::atomic<bool> embedder_meta{false};  // the store records this embedder's model
    std::size_t unsaved = 0;                 // changes since the file was written (under write_mu)
    std::atomic<std::int64_t> applied{0};    // last seq applied to the index
    // Documents stored without an embedding (the embedder was down) and therefore missing from the
    // index: doc_id -> seq (under write_mu). Retried by catch_up; saved files are tagged before the
    // oldest of them, so a restart sees them again.
    std::map<std::int64_t, std::int64_t> unembedded;
    std::atomic<bool> has_unembedded{false};
    mutable std::mutex index_mu;
    std::shared_ptr<VectorIndex> index;

    std::shared_ptr<VectorIndex> get() const {
        std::lock_guard lock(index_mu);
        return index;
    }
    void defer(const SearchDocument& d) {
        unembedded[d.doc_id] = d.seq;
        has_unembedded = true;
    }
    void forget(std::int64_t doc_id) {
        if (unembedded.erase(doc_id) > 0) has_unembedded = !unembedded.empty();
    }
    // The change sequence up to which the index is complete.
    std::int64_t complete_up_to() const {
        std::int64_t tag = applied;
        for (const auto& [doc, seq] : unembedded) tag = std::min(tag, seq - 1);
        return tag;
    }
    void set(std::shared_ptr<VectorIndex> i) {
        std::lock_guard lock(index_mu);
        index = std::move(i);
    }
};

}  // namespace

struct HistorySearch::Impl {
    Store& store;
    std::shared_ptr<Embedder> embedder;
    HistorySearchOptions opt;
    std::string dir;  // "" when not persisted
    std::mutex orgs_mu;
    std::unordered_map<std::string, std::shared_ptr<OrgState>> orgs;
    std::atomic<std::int64_t> embedder_down_until_ms{0};

    Impl(Store& s, std::shared_ptr<Embedder> e, HistorySearchOptions o)
        : store(s), embedder(std::move(e)), opt(std::move(o)) {
        // Saved only for a database file (beside it, or where the host says). A store in memory or
        // on a server keeps each organization's index in memory: with PostgreSQL each process has
        // its own, built from the stored embeddings and caught up from the change sequence, so no
        // index file is shared between processes.
        const std::string file = store.local_file();
        if (opt.persist && !file.empty()) dir = opt.index_dir.empty() ? file + ".search" : opt.index_dir;
        opt.vectors.dimension = embedder->dimension();
        thresholds = opt.thresholds ? *opt.thresholds : calibrated_thresholds(embedder->model());
    }

    SimilarityThresholds thresholds;

    std::string model_meta() const {
        return Json{{"model", embedder->model()}, {"dimension", embedder->dimension()}}.dump();
    }

    std::string index_path(const OrgId& org) const {
        return (fs::path(dir) / (sha256_hex(org.str()).substr(0, 32) + ".pvx")).string();
    }

    std::shared_ptr<OrgState> state(const OrgId& org) {
        if (org.empty()) throw Error(ErrorCode::kInvalidArgument, "organization id is empty");
        std::lock_guard lock(orgs_mu);
        auto& s = orgs[org.str()];
        if (!s) s = std::make_shared<OrgState>();
        return s;
    }

    // One search: `read` runs a function in a read transaction (a new one, or the caller's);
    // `catch_up` lets it apply documents the index has not seen (needs its own transactions);
    // ids the store does not confirm go to `stale` when given.
    using ReadFn = std::function<void(const std::function<void(Transaction&)>&)>;
    std::vector<SearchHit> run_query(const OrgId& org, const SearchQuery& q, const ReadFn& read,
                                     const std::shared_ptr<OrgState>& st, bool catch_up,
                                     std::vector<std::int64_t>* stale);

    // The organization's state when its index is loaded, else null; never loads (nor creates),
    // never blocks.
    std::shared_ptr<OrgState> state_if_loaded(const OrgId& org) {
        std::shared_ptr<OrgState> st;
        {
            std::lock_guard lock(orgs_mu);
            if (auto it = orgs.find(org.str()); it != orgs.end()) st = it->second;
        }
        if (!st) return nullptr;
        // Never wait here: the caller holds a store transaction, and a thread holding write_mu
        // (indexing) may be waiting for the store. Busy means "not available" for this call.
        std::unique_lock lock(st->write_mu, std::try_to_lock);
        if (!lock.owns_lock()) return nullptr;
        return st->loaded ? st : nullptr;
    }

    std::shared_ptr<OrgState> loaded_state(const OrgId& org) {
        auto st = state(org);
        std::lock_guard lock(st->write_mu);
        if (st->loaded) return st;
        try {
            load(org, *st);
        } catch (...) {
            // Do not keep state for organizations that do not exist (or failed to load).
            std::lock_guard orgs_lock(orgs_mu);
            if (auto it = orgs.find(org.str()); it != orgs.end() && it->second == st)
                orgs.erase(it);
            throw;
        }
        return st;
    }

    // ---- embedding ----

    std::vector<float> checked(std::vector<float> v) const {
        if (v.size() != embedder->dimension()) {
            throw Error(ErrorCode::kFailedPrecondition,
                        "embedder '" + embedder->model() + "' returned a " +
                            std::to_string(v.size()) + "-d vector although its dimension is " +
                            std::to_string(embedder->dimension()));
        }
        sd::normalize(v.data(), v.size());
        return v;
    }

    // Embeds documents (or, with `queries`, search queries) in batches of opt.embed_batch.
    std::vector<std::vector<float>> embed_all(const std::vector<std::string>& texts,
                                              bool queries = false,
                                              const ReindexProgress& progress = {}) const {
        std::vector<std::vector<float>> out;
        out.reserve(texts.size());
        const std::size_t batch = std::max<std::size_t>(1, opt.embed_batch);
        for (std::size_t i = 0; i < texts.size(); i += batch) {
            std::vector<std::string> part(
                texts.begin() + static_cast<std::ptrdiff_t>(i),
                texts.begin() + static_cast<std::ptrdiff_t>(std::min(texts.size(), i + batch)));
            auto vs = queries ? embedder->embed_queries(part) : embedder->embed(part);
            if (vs.size() != part.size()) {
                throw Error(ErrorCode::kFailedPrecondition,
                            "embedder '" + embedder->model() + "' returned " +
                                std::to_string(vs.size()) + " vectors for " +
                                std::to_string(part.size()) + " texts");
            }
            for (auto& v : vs) out.push_back(checked(std::move(v)));
            if (progress) progress(out.size(), texts.size());
        }
        return out;
    }

    static std::int64_t steady_ms() {
        return std::chrono::duration_cast<Millis>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }

    bool embedder_resting() const { return steady_ms() < embedder_down_until_ms.load(); }

    // Embeds with the keyword fallback: nullopt (after a warning) when the embedder is unavailable.
    std::optional<std::vector<std::vector<float>>> try_embed(const std::vector<std::string>& texts,
                                                             const char* purpose,
                                                             bool queries = false) {
        if (texts.empty()) return std::vector<std::vector<float>>{};
        if (opt.keyword_fallback && embedder_resting()) return std::nullopt;
        try {
            return embed_all(texts, queries);
        } catch (const Error& e) {
            if (!opt.keyword_fallback || e.code() != ErrorCode::kUnavailable) throw;
            embedder_down_until_ms = steady_ms() + opt.embedder_retry_pause.count();
            detail::logger()->warn(
                "search: embedder '{}' unavailable while {}; keyword search only for now: {}",
                embedder->model(), purpose, e.what());
            return std::nullopt;
        }
    }

    // ---- loading, catching up, saving ----

    void check_model(const OrgId& org, const std::optional<std::string>& meta, std::int64_t live,
                     OrgState& st) {
        st.embedder_meta = false;
        if (!meta) return;
        std::string model;
        std::size_t dim = 0;
        try {
            const Json j = Json::parse(*meta);
            model = j.at("model").get<std::string>();
            dim = j.at("dimension").get<std::size_t>();
        } catch (const nlohmann::json::exception&) {
            detail::logger()->warn("search: organization {}: unreadable embedder metadata, ignored",
                                   org.str());
            return;
        }
        if (model == embedder->model() && dim == embedder->dimension()) {
            st.embedder_meta = true;
            return;
        }
        if (live == 0) return;  // nothing embedded with the old model: it is simply replaced
        const bool dim_differs = dim != embedder->dimension();
        throw Error(
            ErrorCode::kFailedPrecondition,
            "organization '" + org.str() +
                "': " + (dim_differs ? "dimension mismatch: " : "model mismatch: ") +
                "its search index holds " + std::to_string(dim) + "-d vectors of model '" + model +
                "' but the embedder is '" + embedder->model() + "' (" +
                std::to_string(embedder->dimension()) +
                "-d); vectors of different models cannot be compared. Use the same embedder, "
                "or re-embed with HistorySearch::reindex() (`propos search --reindex`)");
    }

    static std::string file_mismatch(const VectorIndexFileInfo& info,
                                     const std::string& meta_text) {
        Json meta;
        try {
            meta = Json::parse(meta_text);
        } catch (const nlohmann::json::exception&) {
            return "its metadata in the store is unreadable";
        }
        auto differs = [&](const char* field, const Json& value) {
            return !meta.contains(field) || meta[field] != value;
        };
        if (differs("checksum", info.checksum)) {
            return "its file is stale or damaged (checksum " + info.checksum +
                   ", the store recorded " + meta.value("checksum", std::string("none")) + ")";
        }
        if (differs("dimension", info.dimension) || differs("metric", info.metric) ||
            differs("kind", info.kind) || differs("m", info.m) || differs("count", info.count) ||
            differs("deleted", info.deleted) || differs("seq", info.tag)) {
            return "its file does not match what the store recorded (dimension, metric, M, counts "
                   "or "
                   "sequence)";
        }
        return {};
    }

    // True when `info` describes a whole file saved after the one the store recorded in
    // `meta_text` (same dimension, metric and M; tag between the recorded sequence and the store's
    // current one): what a process killed between VectorIndex::save and the store's record of it
    // leaves behind.
    static bool newer_than_recorded(const VectorIndexFileInfo& info, const std::string& meta_text,
                                    std::int64_t store_seq) {
        try {
            const Json meta = Json::parse(meta_text);
            return meta.value("dimension", std::size_t{0}) == info.dimension &&
                   meta.value("metric", std::string()) == info.metric &&
                   meta.value("m", std::size_t{0}) == info.m &&
                   info.tag >= meta.value("seq", std::int64_t{-1}) && info.tag <= store_seq;
        } catch (const nlohmann::json::exception&) {
            return false;
        }
    }

    // write_mu held.
    void load(const OrgId& org, OrgState& st) {
        std::optional<std::string> emb_meta, vi_meta;
        SearchDocStats stats;
        store.read([&](Transaction& tx) {
            tx.require_organization(org);
            emb_meta = tx.get_search_meta(org, kMetaEmbedder);
            vi_meta = tx.get_search_meta(org, kMetaVectorIndex);
            stats = tx.search_document_stats(org);
        });
        check_model(org, emb_meta, stats.live, st);

        std::shared_ptr<VectorIndex> idx;
        if (!dir.empty() && vi_meta) {
            std::string why;
            try {
                VectorIndexFileInfo info;
                auto loaded = VectorIndex::load(index_path(org), opt.vectors, &info);
                why = file_mismatch(info, *vi_meta);
                if (!why.empty() && newer_than_recorded(info, *vi_meta, stats.seq)) {
                    // A crash between writing the file and recording it (issue 19): the file
                    // checked out whole (load verifies its own checksums) and was saved after the
                    // recorded one, from changes the store still holds (tombstones are purged only
                    // up to the recorded sequence). Catching up from it replaces a full rebuild.
                    detail::logger()->info(
                        "search: organization {}: using its index file saved at change {} (the "
                        "store recorded an older save; the process stopped in between)",
                        org.str(), info.tag);
                    why.clear();
                }
                if (why.empty()) {
                    idx = std::make_shared<VectorIndex>(std::move(loaded));
                    st.applied = info.tag;
                }
            } catch (const Error& e) {
                why = e.code() == ErrorCode::kNotFound ? "its file is missing" : e.what();
            }
            if (!idx) {
                detail::logger()->warn(
                    "search: rebuilding the vector index of organization {} from the store: {}",
                    org.str(), why);
            }
        }
        if (idx) {
            st.set(idx);
            st.unsaved = 0;
            st.loaded = true;
            catch_up(org, st);
            return;
        }
        rebuild(org, st);
        st.loaded = true;
    }

    // Applies the changes after `after` to `idx`, embedding documents stored without an embedding.
    // Returns the last seq applied; `count` receives the number of rows applied. write_mu held.
    std::int64_t apply_changes(const OrgId& org, OrgState& st, VectorIndex& idx, std::int64_t after,
                               std::size_t& count) {
        const std::size_t dim = embedder->dimension();
        std::int64_t last = after;
        for (;;) {
            auto page = store.read_result(
                [&](Transaction& tx) { return tx.list_search_changes(org, last, kChangePage); });
            if (page.empty()) break;
            std::vector<std::uint64_t> labels;
            std::vector<float> vectors;
            std::vector<SearchDocument*> missing;
            for (auto& d : page) {
                if (d.deleted) {
                    idx.remove(static_cast<std::uint64_t>(d.doc_id));
                    st.forget(d.doc_id);
                } else if (d.embedding.size() == dim) {
                    labels.push_back(static_cast<std::uint64_t>(d.doc_id));
                    vectors.insert(vectors.end(), d.embedding.begin(), d.embedding.end());
                    st.forget(d.doc_id);
                } else {
                    missing.push_back(&d);
                }
            }
            if (!labels.empty()) idx.add_batch(labels, vectors);
            if (!missing.empty()) embed_missing(org, st, idx, missing);
            last = page.back().seq;
            count += page.size();
            if (page.size() < kChangePage) break;
        }
        return last;
    }

    // Documents stored without an embedding (embedder down at the time, or another model's): embed
    // them now and store the embeddings, unless the document changed meanwhile. While the embedder
    // is unavailable they are remembered in `st.unembedded` for a later try. write_mu held.
    void embed_missing(const OrgId& org, OrgState& st, VectorIndex& idx,
                       const std::vector<SearchDocument*>& docs) {
        std::vector<std::string> texts;
        texts.reserve(docs.size());
        for (const auto* d : docs) texts.push_back(embedding_text(*d));
        auto vectors = try_embed(texts, "embedding stored documents");
        if (!vectors) {
            for (const auto* d : docs) st.defer(*d);
            return;
        }
        for (std::size_t i = 0; i < docs.size(); ++i) {
            idx.add(static_cast<std::uint64_t>(docs[i]->doc_id), (*vectors)[i]);
            docs[i]->embedding = std::move((*vectors)[i]);
            st.forget(docs[i]->doc_id);
        }
        store.write([&](Transaction& tx) {
            for (const auto* d : docs) {
                auto now = tx.find_search_document(org, d->kind, d->entity_id);
                if (now && now->seq == d->seq) tx.put_search_document(org, *d);
            }
        });
    }

    // Tries again to embed the documents left without an embedding. Returns how many it added.
    // write_mu held.
    std::size_t retry_unembedded(const OrgId& org, OrgState& st, VectorIndex& idx) {
        if (st.unembedded.empty() || embedder_resting()) return 0;
        std::vector<std::int64_t> ids;
        for (const auto& [doc, seq] : st.unembedded) ids.push_back(doc);
        auto docs = store.read_result(
            [&](Transaction& tx) { return tx.get_search_documents(org, ids, true); });
        for (const auto id : ids)
            st.forget(id);  // gone, embedded elsewhere, or deferred again below
        std::vector<SearchDocument*> missing;
        std::size_t added = 0;
        for (auto& d : docs) {
            if (d.embedding.size() == embedder->dimension()) {
                idx.add(static_cast<std::uint64_t>(d.doc_id), d.embedding);
                ++added;
            } else {
                missing.push_back(&d);
            }
        }
        if (!missing.empty()) {
            embed_missing(org, st, idx, missing);
            for (const auto* d : missing) added += st.unembedded.count(d->doc_id) == 0;
        }
        return added;
    }

    // write_mu held.
    void catch_up(const OrgId& org, OrgState& st) {
        auto idx = st.get();
        std::size_t n = 0;
        const auto last = apply_changes(org, st, *idx, st.applied, n);
        n += retry_unembedded(org, st, *idx);
        if (n == 0) return;
        st.applied = std::max(st.applied.load(), last);
        st.unsaved += n;
        maybe_autosave(org, st);
    }

    // write_mu held.
    void rebuild(const OrgId& org, OrgState& st) {
        auto idx = std::make_shared<VectorIndex>(opt.vectors);
        st.unembedded.clear();
        st.has_unembedded = false;
        std::size_t n = 0;
        const auto last = apply_changes(org, st, *idx, 0, n);
        st.set(idx);
        st.applied = last;
        st.unsaved = n;
        if (n > 0) {
            detail::logger()->info(
                "search: built the vector index of organization {} ({} vectors, {})", org.str(),
                idx->size(), idx->is_hnsw() ? "hnsw" : "exact");
            save_or_log(org, st);
        }
    }

    // write_mu held.
    void save(const OrgId& org, OrgState& st) {
        if (dir.empty()) {
            st.unsaved = 0;
            return;
        }
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (ec)
            throw Error(ErrorCode::kIo,
                        "cannot create search index directory '" + dir + "': " + ec.message());
        auto idx = st.get();
        const auto path = index_path(org);
        const auto info = idx->save(path, st.complete_up_to());
        const Json meta{{"format", 1},
                        {"file", fs::path(path).filename().string()},
                        {"kind", info.kind},
                        {"metric", info.metric},
                        {"dimension", info.dimension},
                        {"m", info.m},
                        {"ef_construction", info.ef_construction},
                        {"count", info.count},
                        {"deleted", info.deleted},
                        {"seq", info.tag},
                        {"checksum", info.checksum},
                        {"bytes", info.bytes},
                        {"model", embedder->model()}};
        store.write([&](Transaction& tx) {
            tx.put_search_meta(org, kMetaVectorIndex, meta.dump());
            tx.purge_search_tombstones(org, info.tag);
        });
        st.unsaved = 0;
    }

    // write_mu held. For saves that follow a committed change: the change stands (the file is only
    // a cache of the store), so a failure is logged and the file is written again by the next save,
    // or rebuilt from the store by the next process.
    void save_or_log(const OrgId& org, OrgState& st) {
        try {
            save(org, st);
        } catch (const Error& e) {
            detail::logger()->error(
                "search: could not save the vector index of organization {} ({} unsaved "
                "changes are kept in memory and in the store): {}",
                org.str(), st.unsaved, e.what());
        }
    }

    void maybe_autosave(const OrgId& org, OrgState& st) {
        if (dir.empty() || opt.autosave_changes == 0 || st.unsaved < opt.autosave_changes) return;
        save_or_log(org, st);
    }

    // ---- indexing ----

    void index(const OrgId& org, std::string_view kind, const std::vector<std::string>& ids) {
        if (!is_search_kind(kind)) {
            throw Error(ErrorCode::kInvalidArgument,
                        "cannot index kind '" + std::string(kind) +
                            "' (expected work_order, message, note, knowledge or decision)");
        }
        auto st = loaded_state(org);
        std::vector<SearchDocument> puts;
        std::vector<std::string> erases;
        const std::size_t dim = embedder->dimension();
        store.read([&](Transaction& tx) {
            DocBuilder b(tx, org);
            for (const auto& id : ids) {
                auto doc = b.build(kind, id);
                auto existing = tx.find_search_document(org, kind, id);
                if (!doc) {
                    if (existing) erases.push_back(id);
                } else if (!existing || !same_document(*doc, *existing) ||
                           existing->embedding.size() != dim || !st->embedder_meta) {
                    puts.push_back(std::move(*doc));
                }
            }
        });
        if (puts.empty() && erases.empty()) return;
        std::vector<std::string> texts;
        texts.reserve(puts.size());
        for (const auto& d : puts) texts.push_back(embedding_text(d));
        if (auto vectors = try_embed(texts, "indexing")) {
            for (std::size_t i = 0; i < puts.size(); ++i)
                puts[i].embedding = std::move((*vectors)[i]);
        }
        std::lock_guard lock(st->write_mu);
        store.write([&](Transaction& tx) {
            if (!st->embedder_meta) tx.put_search_meta(org, kMetaEmbedder, model_meta());
            for (const auto& d : puts) tx.put_search_document(org, d);
            for (const auto& id : erases) tx.erase_search_document(org, kind, id);
        });
        st->embedder_meta = true;
        catch_up(org, *st);
    }
};

// ---------------------------------------------------------------------------------------------

HistorySearch::HistorySearch(Store& store, std::shared_ptr<Embedder> embedder,
                             HistorySearchOptions options) {
    if (!embedder)
        throw Error(ErrorCode::kInvalidArgument, "HistorySearch needs an embedder (got null)");
    if (embedder->dimension() == 0)
        throw Error(ErrorCode::kInvalidArgument, "the embedder's dimension is 0");
    if (options.rrf_k < 0) throw Error(ErrorCode::kInvalidArgument, "rrf_k must not be negative");
    if (options.embedder_retry_pause.count() < 0) {
        throw Error(ErrorCode::kInvalidArgument, "embedder_retry_pause must not be negative");
    }
    if (options.thresholds) {
        const auto in_range = [](float v) { return v >= -1.0f && v <= 1.0f; };
        if (!(options.thresholds->keyword_weight >= 0.0f &&
              options.thresholds->keyword_weight <= 10.0f)) {
            throw Error(ErrorCode::kInvalidArgument,
                        "the keyword weight of the fusion must be between 0 and 10 (got " +
                            std::to_string(options.thresholds->keyword_weight) + ")");
        }
        if (!in_range(options.thresholds->min_similarity) ||
            !in_range(options.thresholds->duplicate)) {
            throw Error(ErrorCode::kInvalidArgument,
                        "similarity thresholds must be cosine values between -1 and 1 (got "
                        "min_similarity " +
                            std::to_string(options.thresholds->min_similarity) + ", duplicate " +
                            std::to_string(options.thresholds->duplicate) + ")");
        }
    }
    impl_ = std::make_unique<Impl>(store, std::move(embedder), std::move(options));
    VectorIndex probe(impl_->opt.vectors);  // validates the vector options now
}

HistorySearch::~HistorySearch() {
    try {
        flush();
    } catch (const std::exception& e) {
        detail::logger()->error("search: saving vector indexes on shutdown failed: {}", e.what());
    }
}

const Embedder& HistorySearch::embedder() const noexcept {
    return *impl_->embedder;
}

const SimilarityThresholds& HistorySearch::thresholds() const noexcept {
    return impl_->thresholds;
}

namespace {

void validate_query(const SearchQuery& q) {
    if (q.text.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
        throw Error(ErrorCode::kInvalidArgument,
                    "search query is empty: give some words to look for");
    }
    if (q.k == 0 || q.k > kMaxK) {
        throw Error(ErrorCode::kInvalidArgument,
                    "search k must be between 1 and 1000 (got " + std::to_string(q.k) + ")");
    }
    for (const auto& k : q.kinds) {
        if (!is_search_kind(k)) {
            throw Error(
                ErrorCode::kInvalidArgument,
                "unknown search kind '" + k +
                    "' (expected one of: work_order, message, note, knowledge, decision)");
        }
    }
    if (q.from && q.until && *q.from >= *q.until) {
        throw Error(ErrorCode::kInvalidArgument,
                    "search time range is empty: 'from' must be before 'until'");
    }
    if (!q.keyword && !q.semantic) {
        throw Error(ErrorCode::kInvalidArgument,
                    "search needs the keyword or the semantic ranking (both are off)");
    }
}

}  // namespace

std::vector<SearchHit> HistorySearch::Impl::run_query(const OrgId& org, const SearchQuery& q,
                                                      const ReadFn& read,
                                                      const std::shared_ptr<OrgState>& st,
                                                      bool catch_up,
                                                      std::vector<std::int64_t>* stale) {
    auto& impl = *this;

    SearchFilter filter;
    filter.kinds = q.kinds;
    if (q.property_id) filter.property_id = q.property_id->str();
    if (q.unit_id) filter.unit_id = q.unit_id->str();
    filter.from = q.from;
    filter.until = q.until;
    const std::size_t n = std::max(impl.opt.candidates, q.k);

    std::optional<std::vector<float>> qv;
    if (q.semantic && st) {
        if (auto vs = impl.try_embed({q.text}, "searching", /*queries=*/true)) {
            qv = std::move(vs->front());
        } else if (!q.keyword) {
            throw Error(ErrorCode::kUnavailable,
                        "the embedder '" + impl.embedder->model() +
                            "' is unavailable and keyword search was turned off");
        }
    }

    std::vector<KeywordHit> kw;
    std::vector<std::int64_t> allowed_ids;
    bool pending = false;
    const auto terms = sd::keyword_terms(q.text);
    read([&](Transaction& tx) {
        if (q.keyword) kw = tx.keyword_search(org, terms, filter, n);
        if (qv && !filter.empty()) allowed_ids = tx.filter_search_documents(org, filter);
        pending = st && catch_up &&
                  (!tx.list_search_changes(org, st->applied, 1).empty() ||
                   (st->has_unembedded && !impl.embedder_resting()));
    });
    if (pending) {  // another process (or a rebuild) wrote documents this index has not seen
        std::lock_guard lock(st->write_mu);
        impl.catch_up(org, *st);
    }

    std::vector<VectorHit> vh;
    const float min_similarity = q.min_similarity.value_or(impl.thresholds.min_similarity);
    if (qv && !(!filter.empty() && allowed_ids.empty())) {
        const std::vector<std::uint64_t> allowed(allowed_ids.begin(), allowed_ids.end());
        VectorSearchParams params;
        if (!filter.empty()) params.allowed = &allowed;
        vh = st->get()->search(*qv, n, params);
        vh.erase(std::remove_if(vh.begin(), vh.end(),
                                [&](const VectorHit& h) { return h.score < min_similarity; }),
                 vh.end());
    }

    // Reciprocal rank fusion.
    struct Fused {
        std::int64_t doc = 0;
        double score = 0;
        int kw_rank = 0;
        int v_rank = 0;
        float sim = 0;
    };
    std::unordered_map<std::int64_t, Fused> fused;
    for (std::size_t i = 0; i < kw.size(); ++i) {
        auto& f = fused[kw[i].doc_id];
        f.doc = kw[i].doc_id;
        f.kw_rank = static_cast<int>(i + 1);
        f.score += static_cast<double>(impl.thresholds.keyword_weight) /
                   (impl.opt.rrf_k + static_cast<double>(i + 1));
    }
    for (std::size_t i = 0; i < vh.size(); ++i) {
        auto& f = fused[static_cast<std::int64_t>(vh[i].label)];
        f.doc = static_cast<std::int64_t>(vh[i].label);
        f.v_rank = static_cast<int>(i + 1);
        f.sim = vh[i].score;
        f.score += 1.0 / (impl.opt.rrf_k + static_cast<double>(i + 1));
    }
    std::vector<Fused> ranked;
    ranked.reserve(fused.size());
    for (auto& [id, f] : fused) ranked.push_back(f);
    auto best_rank = [](const Fused& f) {
        const int a = f.kw_rank ? f.kw_rank : INT32_MAX;
        const int b = f.v_rank ? f.v_rank : INT32_MAX;
        return std::min(a, b);
    };
    std::sort(ranked.begin(), ranked.end(), [&](const Fused& a, const Fused& b) {
        if (a.score != b.score) return a.score > b.score;
        if (best_rank(a) != best_rank(b)) return best_rank(a) < best_rank(b);
        return a.doc < b.doc;
    });

    // Every id is checked against the store: a live document of this organization, matching the
    // filters. The rest (an index that lags, a bug) never leaves the library.
    std::vector<SearchHit> hits;
    std::size_t next = 0;
    while (hits.size() < q.k && next < ranked.size()) {
        const std::size_t take = std::min(ranked.size() - next, (q.k - hits.size()) * 2 + 4);
        std::vector<std::int64_t> ids;
        for (std::size_t i = next; i < next + take; ++i) ids.push_back(ranked[i].doc);
        read([&](Transaction& tx) {
            std::unordered_map<std::int64_t, SearchDocument> docs;
            for (auto& d : tx.get_search_documents(org, ids, false))
                docs.emplace(d.doc_id, std::move(d));
            for (std::size_t i = next; i < next + take && hits.size() < q.k; ++i) {
                const auto& f = ranked[i];
                auto it = docs.find(f.doc);
                if (it == docs.end() || !matches(it->second, filter)) {
                    if (stale) stale->push_back(f.doc);
                    continue;
                }
                const auto& d = it->second;
                SearchHit h;
                h.id = d.entity_id;
                h.kind = d.kind;
                h.org = org;
                h.score = f.score;
                h.text = snippet(d.text, impl.opt.snippet_chars);
                h.at = d.at;
                h.property_id = d.property_id;
                h.unit_id = d.unit_id;
                h.keyword_rank = f.kw_rank;
                h.vector_rank = f.v_rank;
                h.similarity = f.sim;
                if (d.kind == kSearchKindWorkOrder) {
                    if (auto wo = tx.find<WorkOrder>(org, d.entity_id)) {
                        h.work_order_id = wo->id;
                        h.title = wo->title;
                        h.status = std::string(enum_name(wo->status));
                        h.category = wo->category;
                        h.resolution = wo->resolution;
                        h.vendor_id = wo->vendor_id;
                        if (wo->vendor_id) {
                            if (auto v = tx.find<Vendor>(org, wo->vendor_id->str()))
                                h.vendor_name = v->name;
                        }
                        h.cost = work_order_cost(tx, org, *wo);
                        h.completed_at = wo->completed_at;
                    }
                } else if (d.kind == kSearchKindMessage) {
                    if (auto m = tx.find<Message>(org, d.entity_id))
                        h.work_order_id = m->work_order_id;
                } else if (d.kind == kSearchKindNote) {
                    if (auto nt = tx.find<Note>(org, d.entity_id))
                        h.work_order_id = nt->work_order_id;
                } else if (d.kind == kSearchKindKnowledge) {
                    if (auto k = tx.find<KnowledgeArticle>(org, d.entity_id)) {
                        h.title = k->title;
                        h.category = k->category;
                    }
                } else if (d.kind == kSearchKindDecision) {  // issue 20
                    if (auto sd = tx.find<StaffDecision>(org, d.entity_id)) {
                        h.work_order_id = sd->work_order_id;
                        h.decision_kind = sd->kind;
                        h.decided_by = sd->decided_by;
                        h.decision = sd->decision;
                        h.note = sd->note;
                        h.escalation_reason = sd->reason;
                        h.amount = sd->amount;
                        h.vendor_id = sd->vendor_id;
                        if (sd->vendor_id) {
                            if (auto v = tx.find<Vendor>(org, sd->vendor_id->str())) h.vendor_name = v->name;
                        }
                        if (sd->work_order_id) {
                            if (auto wo = tx.find<WorkOrder>(org, sd->work_order_id->str())) {
                                h.title = wo->title;
                                h.category = wo->category;
                                h.status = std::string(enum_name(wo->status));
                            }
                        }
                    }
                }
                hits.push_back(std::move(h));
            }
        });
        next += take;
    }
    return hits;
}

std::vector<SearchHit> HistorySearch::search(const OrgId& org, const SearchQuery& q) {
    auto& impl = *impl_;
    validate_query(q);
    auto st = impl.loaded_state(org);
    std::vector<std::int64_t> stale_ids;
    auto* stale = &stale_ids;
    auto hits = impl.run_query(
        org, q, [&](const std::function<void(Transaction&)>& fn) { impl.store.read(fn); }, st, true,
        stale);
    if (!stale_ids.empty()) {
        // Ids the store does not confirm: drop them from the vector index so they stop taking
        // places.
        detail::logger()->debug(
            "search: organization {}: {} result(s) not confirmed by the store were dropped",
            org.str(), stale_ids.size());
        auto idx = st->get();
        std::lock_guard lock(st->write_mu);
        for (const auto id : stale_ids) {
            const bool live = impl.store.read_result([&](Transaction& tx) {
                return !tx.get_search_documents(org, {id}, false).empty();
            });
            if (!live) idx->remove(static_cast<std::uint64_t>(id));
        }
    }
    return hits;
}

std::vector<SearchHit> HistorySearch::search(Transaction& tx, const OrgId& org,
                                             const SearchQuery& q) {
    validate_query(q);
    if (!tx.find_organization(org)) {
        throw Error(ErrorCode::kNotFound, "unknown organization '" + org.str() + "'");
    }
    auto st = impl_->state_if_loaded(org);
    if (!st && !q.keyword) {
        throw Error(ErrorCode::kFailedPrecondition,
                    "the vector index of '" + org.str() +
                        "' is not loaded: search it once outside a transaction, or use the keyword "
                        "ranking");
    }
    return impl_->run_query(org, q, [&](const std::function<void(Transaction&)>& fn) { fn(tx); },
                     st, false, nullptr);
}

void HistorySearch::index_work_order(const OrgId& org, const WorkOrderId& id) {
    impl_->index(org, kSearchKindWorkOrder, {id.str()});
}
void HistorySearch::index_message(const OrgId& org, const MessageId& id) {
    impl_->index(org, kSearchKindMessage, {id.str()});
}
void HistorySearch::index_knowledge_article(const OrgId& org, const KnowledgeArticleId& id) {
    impl_->index(org, kSearchKindKnowledge, {id.str()});
}
void HistorySearch::index_note(const OrgId& org, const NoteId& id) {
    impl_->index(org, kSearchKindNote, {id.str()});
}
void HistorySearch::index_decision(const OrgId& org, const std::string& id) {
    impl_->index(org, kSearchKindDecision, {id});
}
void HistorySearch::index_entities(const OrgId& org, std::string_view kind,
                                   const std::vector<std::string>& ids) {
    impl_->index(org, kind, ids);
}

bool HistorySearch::remove(const OrgId& org, std::string_view kind, const std::string& id) {
    if (!is_search_kind(kind)) {
        throw Error(ErrorCode::kInvalidArgument, "unknown search kind '" + std::string(kind) + "'");
    }
    auto st = impl_->loaded_state(org);
    std::lock_guard lock(st->write_mu);
    const auto tomb = impl_->store.write_result(
        [&](Transaction& tx) { return tx.erase_search_document(org, kind, id); });
    if (!tomb) return false;
    impl_->catch_up(org, *st);
    return true;
}

ReindexResult HistorySearch::reindex(const OrgId& org, const ReindexProgress& progress) {
    auto& impl = *impl_;
    const auto start = std::chrono::steady_clock::now();
    auto st = impl.state(org);
    std::lock_guard lock(st->write_mu);
    ReindexResult r;
    std::vector<SearchDocument> docs;
    impl.store.read([&](Transaction& tx) {
        tx.require_organization(org);
        DocBuilder b(tx, org);
        for (const auto& wo : tx.list<WorkOrder>(org)) docs.push_back(b.work_order(wo));
        r.work_orders = static_cast<std::int64_t>(docs.size());
        for (const auto& m : tx.list<Message>(org)) docs.push_back(b.message(m));
        r.messages = static_cast<std::int64_t>(docs.size()) - r.work_orders;
        for (const auto& n : tx.list<Note>(org)) docs.push_back(b.note(n));
        r.notes = static_cast<std::int64_t>(docs.size()) - r.work_orders - r.messages;
        for (const auto& k : tx.list<KnowledgeArticle>(org)) docs.push_back(b.knowledge(k));
        r.knowledge_articles = static_cast<std::int64_t>(docs.size()) - r.work_orders - r.messages - r.notes;
        for (const auto& sd : tx.list<StaffDecision>(org)) docs.push_back(b.decision(sd));  // issue 20
        r.decisions = static_cast<std::int64_t>(docs.size()) - r.work_orders - r.messages - r.notes -
                      r.knowledge_articles;
    });
    r.documents = static_cast<std::int64_t>(docs.size());
    std::vector<std::string> texts;
    texts.reserve(docs.size());
    for (const auto& d : docs) texts.push_back(embedding_text(d));
    auto vectors = impl.embed_all(texts, false, progress);  // failures throw before anything changes

    std::vector<std::uint64_t> labels;
    labels.reserve(docs.size());
    std::int64_t last_seq = 0;
    impl.store.write([&](Transaction& tx) {
        const auto before = tx.filter_search_documents(org, {});
        std::unordered_set<std::int64_t> kept;
        for (std::size_t i = 0; i < docs.size(); ++i) {
            docs[i].embedding = vectors[i];
            const auto stored = tx.put_search_document(org, docs[i]);
            labels.push_back(static_cast<std::uint64_t>(stored.doc_id));
            kept.insert(stored.doc_id);
        }
        std::vector<std::int64_t> gone;
        for (const auto id : before) {
            if (!kept.count(id)) gone.push_back(id);
        }
        for (const auto& d : tx.get_search_documents(org, gone, false)) {
            tx.erase_search_document(org, d.kind, d.entity_id);
        }
        tx.put_search_meta(org, kMetaEmbedder, impl.model_meta());
        last_seq = tx.search_document_stats(org).seq;
    });
    auto idx = std::make_shared<VectorIndex>(impl.opt.vectors);
    std::vector<float> flat;
    flat.reserve(docs.size() * impl.embedder->dimension());
    for (const auto& v : vectors) flat.insert(flat.end(), v.begin(), v.end());
    idx->add_batch(labels, flat);
    st->set(idx);
    st->applied = last_seq;
    st->unembedded.clear();
    st->has_unembedded = false;
    st->loaded = true;
    st->embedder_meta = true;
    st->unsaved = docs.size() + 1;
    impl.save_or_log(org, *st);
    r.elapsed = std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - start);
    detail::logger()->info("search: reindexed organization {}: {} documents in {} ms", org.str(),
                           r.documents, r.elapsed.count());
    return r;
}

IndexedModel HistorySearch::indexed_model(const OrgId& org) {
    IndexedModel r;
    std::optional<std::string> meta;
    impl_->store.read([&](Transaction& tx) {
        tx.require_organization(org);
        meta = tx.get_search_meta(org, kMetaEmbedder);
        r.documents = tx.search_document_stats(org).live;
    });
    if (meta) {
        try {
            const Json j = Json::parse(*meta);
            r.model = j.at("model").get<std::string>();
            r.dimension = j.at("dimension").get<std::size_t>();
        } catch (const nlohmann::json::exception&) {
            r.model.clear();  // unreadable: ignored, as loading does
            r.dimension = 0;
        }
    }
    r.current = r.documents == 0 || r.model.empty() ||
                (r.model == impl_->embedder->model() && r.dimension == impl_->embedder->dimension());
    return r;
}

bool HistorySearch::reindex_if_stale(const OrgId& org) {
    bool stale = false;
    impl_->store.read([&](Transaction& tx) {
        tx.require_organization(org);
        const auto stats = tx.search_document_stats(org);
        auto indexed = [&](std::string_view kind) -> std::int64_t {
            for (const auto& [k, n] : stats.live_by_kind) {
                if (k == kind) return n;
            }
            return 0;
        };
        stale = indexed(kSearchKindWorkOrder) != tx.count<WorkOrder>(org) ||
                indexed(kSearchKindMessage) != tx.count<Message>(org) ||
                indexed(kSearchKindNote) != tx.count<Note>(org) ||
                indexed(kSearchKindKnowledge) != tx.count<KnowledgeArticle>(org) ||
                indexed(kSearchKindDecision) != tx.count<StaffDecision>(org);  // issue 20
    });
    if (stale) reindex(org);
    return stale;
}

void HistorySearch::flush() {
    std::vector<std::pair<OrgId, std::shared_ptr<OrgState>>> all;
    {
        std::lock_guard lock(impl_->orgs_mu);
        for (const auto& [id, st] : impl_->orgs) all.emplace_back(OrgId(id), st);
    }
    std::exception_ptr first;
    for (auto& [org, st] : all) {
        std::lock_guard lock(st->write_mu);
        if (!st->loaded || st->unsaved == 0) continue;
        try {
            impl_->save(org, *st);
        } catch (const Error&) {
            if (!first) first = std::current_exception();
        }
    }
    if (first) std::rethrow_exception(first);
}

SearchIndexStatus HistorySearch::status(const OrgId& org) {
    auto st = impl_->loaded_state(org);
    std::lock_guard lock(st->write_mu);
    SearchIndexStatus s;
    s.model = impl_->embedder->model();
    s.dimension = impl_->embedder->dimension();
    const auto stats =
        impl_->store.read_result([&](Transaction& tx) { return tx.search_document_stats(org); });
    s.documents = stats.live;
    s.seq = stats.seq;
    const auto idx = st->get();
    s.vectors = idx->size();
    s.tombstones = idx->deleted_count();
    s.hnsw = idx->is_hnsw();
    s.index_file = impl_->dir.empty() ? std::string() : impl_->index_path(org);
    s.unsaved_changes = st->unsaved;
    return s;
}

void to_json(Json& j, const SearchHit& v) {
    j = Json{{"id", v.id},
             {"kind", v.kind},
             {"org", v.org},
             {"score", v.score},
             {"text", v.text},
             {"at", v.at},
             {"property_id", v.property_id},
             {"unit_id", v.unit_id},
             {"keyword_rank", v.keyword_rank},
             {"vector_rank", v.vector_rank},
             {"similarity", v.similarity},
             {"work_order_id", v.work_order_id},
             {"title", v.title},
             {"status", v.status},
             {"category", v.category},
             {"resolution", v.resolution},
             {"vendor_id", v.vendor_id},
             {"vendor_name", v.vendor_name},
             {"cost", v.cost},
             {"completed_at", v.completed_at},
             // staff decisions (issue 20)
             {"decision_kind", v.decision_kind},
             {"decided_by", v.decided_by},
             {"decision", v.decision},
             {"note", v.note},
             {"escalation_reason", v.escalation_reason},
             {"amount", v.amount}};
}

}  // namespace propos
