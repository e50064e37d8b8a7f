// The in-memory store of propos/testing (issue 18): the whole Store contract kept in maps, with the
// semantics and error messages of the SQLite engine, and fault injection for hosts' tests.
//
// Transactions are serialized by the database's mutex (like SQLite's single writer). A write
// transaction copies an organization's data the first time it writes to it (copy on write) and
// works on the copy; commit installs the copies, rollback drops them, so a failed transaction
// leaves nothing behind and no one ever sees a half-written one. Keyword search tokenizes like
// SQLite's FTS5 "unicode61 remove_diacritics 2" (ICU: compatibility decomposition, combining marks
// dropped, case folded; letters, digits and private-use characters make tokens), stems with the
// Snowball English stemmer (libstemmer) and ranks with Okapi BM25 (k1 = 1.2, b = 0.75, as FTS5's
// bm25()) over the organization's own documents.
#include "propos/testing/memory_store.hpp"

#include <libstemmer.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <map>
#include <set>
#include <thread>
#include <tuple>

#include "core/log.hpp"
#include "embedding_codec.hpp"
#include "propos/core/time.hpp"
#include "store_checks.hpp"

namespace propos::testing {

// ---- MemoryStoreFaults ----

namespace {
// Arms a countdown fault (`n`-th call from now).
void arm(std::mutex& mu, int& countdown, ErrorCode& code_out, const char* what, int n, ErrorCode code) {
    if (n < 1) {
        throw Error(ErrorCode::kInvalidArgument,
                    std::string(what) + ": n must be at least 1 (got " + std::to_string(n) + ")");
    }
    std::lock_guard lock(mu);
    countdown = n;
    code_out = code;
}
}  // namespace

void MemoryStoreFaults::fail_nth_write(int n, ErrorCode code) {
    arm(mu_, write_countdown_, write_code_, "fail_nth_write", n, code);
}

void MemoryStoreFaults::fail_nth_commit(int n, ErrorCode code) {
    arm(mu_, commit_countdown_, commit_code_, "fail_nth_commit", n, code);
}

void MemoryStoreFaults::busy_for(int transactions) {
    if (transactions < 0) {
        throw Error(ErrorCode::kInvalidArgument,
                    "busy_for: transactions must not be negative (got " + std::to_string(transactions) + ")");
    }
    std::lock_guard lock(mu_);
    busy_ = transactions;
}

void MemoryStoreFaults::clear() {
    std::lock_guard lock(mu_);
    write_countdown_ = 0;
    commit_countdown_ = 0;
    busy_ = 0;
}

void MemoryStoreFaults::reset_counters() {
    std::lock_guard lock(mu_);
    writes_ = commits_ = rollbacks_ = injected_ = 0;
}

std::int64_t MemoryStoreFaults::writes() const {
    std::lock_guard lock(mu_);
    return writes_;
}
std::int64_t MemoryStoreFaults::commits() const {
    std::lock_guard lock(mu_);
    return commits_;
}
std::int64_t MemoryStoreFaults::rollbacks() const {
    std::lock_guard lock(mu_);
    return rollbacks_;
}
std::int64_t MemoryStoreFaults::injected() const {
    std::lock_guard lock(mu_);
    return injected_;
}

void MemoryStoreFaults::on_write(const char* op) {
    std::lock_guard lock(mu_);
    ++writes_;
    if (write_countdown_ > 0 && --write_countdown_ == 0) {
        ++injected_;
        throw Error(write_code_, "database ':memory:': " + std::string(op) +
                                     ": injected fault (write #" + std::to_string(writes_) + ")");
    }
}

void MemoryStoreFaults::on_commit() {
    std::lock_guard lock(mu_);
    if (commit_countdown_ > 0 && --commit_countdown_ == 0) {
        ++injected_;
        throw Error(commit_code_, "database ':memory:': commit: injected fault; the transaction was rolled back");
    }
    ++commits_;
}

void MemoryStoreFaults::on_rollback() {
    std::lock_guard lock(mu_);
    ++rollbacks_;
}

void MemoryStoreFaults::on_begin(bool write) {
    std::lock_guard lock(mu_);
    if (busy_ > 0) {
        --busy_;
        ++injected_;
        throw Error(ErrorCode::kBusy, std::string("database ':memory:' is locked by another connection (begin ") +
                                          (write ? "write" : "read") +
                                          " transaction: injected busy fault); retry, or raise the busy timeout");
    }
}

int memory_schema_version() noexcept { return 1; }

}  // namespace propos::testing

namespace propos::memory_impl {

// What the store tells its MemoryStoreFaults (a friend of it); null faults: nothing to tell.
struct FaultHooks {
    static void write(testing::MemoryStoreFaults* f, const char* op) {
        if (f) f->on_write(op);
    }
    static void commit(testing::MemoryStoreFaults* f) {
        if (f) f->on_commit();
    }
    static void rollback(testing::MemoryStoreFaults* f) {
        if (f) f->on_rollback();
    }
    static void begin(testing::MemoryStoreFaults* f, bool write) {
        if (f) f->on_begin(write);
    }
};

namespace {

std::int64_t ms(Timestamp t) { return to_unix_millis(t); }
Timestamp at_ms(Timestamp t) { return from_unix_millis(to_unix_millis(t)); }  // stored precision

// ---- keyword tokens ----

struct StemmerDeleter {
    void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

// The stemmer of this thread (a Snowball stemmer is not thread-safe).
sb_stemmer& stemmer() {
    thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> s(sb_stemmer_new("english", "UTF_8"));
    if (!s) throw Error(ErrorCode::kInternal, "libstemmer has no English stemmer");
    return *s;
}

std::string to_utf8(const std::u16string& s) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t n = 0;
    u_strToUTF8(nullptr, 0, &n, reinterpret_cast<const UChar*>(s.data()), static_cast<int32_t>(s.size()), &err);
    std::string out(static_cast<std::size_t>(n), '\0');
    err = U_ZERO_ERROR;
    u_strToUTF8(out.data(), n, nullptr, reinterpret_cast<const UChar*>(s.data()), static_cast<int32_t>(s.size()), &err);
    return out;
}

// The stemmed, folded tokens of `text`, in order (see the file comment). Invalid UTF-8 bytes
// become U+FFFD (not a token character).
std::vector<std::string> tokens(std::string_view text) {
    std::vector<std::string> out;
    if (text.empty()) return out;
    UErrorCode err = U_ZERO_ERROR;
    int32_t n = 0;
    u_strFromUTF8WithSub(nullptr, 0, &n, text.data(), static_cast<int32_t>(text.size()), 0xFFFD, nullptr, &err);
    std::u16string utf16(static_cast<std::size_t>(n), u'\0');
    err = U_ZERO_ERROR;
    u_strFromUTF8WithSub(reinterpret_cast<UChar*>(utf16.data()), n, nullptr, text.data(),
                         static_cast<int32_t>(text.size()), 0xFFFD, nullptr, &err);
    if (U_FAILURE(err)) throw Error(ErrorCode::kInternal, std::string("keyword tokens: ") + u_errorName(err));
    err = U_ZERO_ERROR;
    const UNormalizer2* nfkd = unorm2_getNFKDInstance(&err);
    std::u16string decomposed(utf16.size() * 3 + 16, u'\0');
    int32_t len = unorm2_normalize(nfkd, reinterpret_cast<const UChar*>(utf16.data()), n,
                                   reinterpret_cast<UChar*>(decomposed.data()),
                                   static_cast<int32_t>(decomposed.size()), &err);
    if (err == U_BUFFER_OVERFLOW_ERROR) {
        decomposed.assign(static_cast<std::size_t>(len), u'\0');
        err = U_ZERO_ERROR;
        len = unorm2_normalize(nfkd, reinterpret_cast<const UChar*>(utf16.data()), n,
                               reinterpret_cast<UChar*>(decomposed.data()), len, &err);
    }
    if (U_FAILURE(err)) throw Error(ErrorCode::kInternal, std::string("keyword tokens: ") + u_errorName(err));
    decomposed.resize(static_cast<std::size_t>(len));
    std::u16string word;
    auto flush = [&] {
        if (word.empty()) return;
        const std::string w = to_utf8(word);
        word.clear();
        sb_stemmer& st = stemmer();
        const sb_symbol* stem = sb_stemmer_stem(&st, reinterpret_cast<const sb_symbol*>(w.data()),
                                                static_cast<int>(w.size()));
        if (!stem) throw Error(ErrorCode::kInternal, "libstemmer ran out of memory");
        out.emplace_back(reinterpret_cast<const char*>(stem), static_cast<std::size_t>(sb_stemmer_length(&st)));
    };
    for (int32_t i = 0; i < len;) {
        UChar32 c;
        U16_NEXT(decomposed.data(), i, len, c);
        const auto type = u_charType(c);
        if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK) {
            continue;  // diacritics of the letter before: folded away, the word goes on
        }
        const auto mask = U_MASK(type);
        if ((mask & (U_GC_L_MASK | U_GC_N_MASK | U_GC_CO_MASK)) != 0) {
            const UChar32 f = u_foldCase(c, U_FOLD_CASE_DEFAULT);
            if (U_IS_BMP(f)) {
                word += static_cast<char16_t>(f);
            } else {
                word += static_cast<char16_t>(U16_LEAD(f));
                word += static_cast<char16_t>(U16_TRAIL(f));
            }
        } else {
            flush();
        }
    }
    flush();
    return out;
}

// ---- the data ----

struct Record {
    RecordKeys keys;
    std::string json;
};

struct SearchRow {
    SearchDocument doc;               // at in stored precision; text/embedding empty when deleted
    std::vector<std::string> tokens;  // of doc.text (empty when deleted)
};

// One organization's data. Copied whole by the first write of a transaction to it.
struct OrgData {
    Organization org;
    std::int64_t created_ms = 0;  // of the first put_organization (listing order)
    std::map<std::string, std::map<std::string, Record>> records;  // kind -> id -> record
    std::map<std::pair<std::string, std::string>, std::map<std::int64_t, std::string>> parts;
    std::map<std::int64_t, RawPayload> raw;
    std::vector<AuditEvent> audit;
    std::optional<AuditHead> audit_head;
    std::map<std::int64_t, Job> jobs;
    std::map<std::string, std::int64_t> job_keys;  // idempotency key -> job id
    std::map<std::string, Schedule> schedules;
    bool search_registered = false;
    std::int64_t search_seq = 0;
    std::map<std::pair<std::string, std::string>, SearchRow> docs;  // (kind, entity_id)
    std::map<std::int64_t, std::pair<std::string, std::string>> doc_keys;  // doc_id -> key
    std::map<std::string, std::string> search_meta;
};

// Sequences shared by every organization (SQLite rowids): never reused.
struct Sequences {
    std::int64_t raw = 0, job = 0, doc = 0;
};

struct State {
    std::map<std::string, std::shared_ptr<const OrgData>> orgs;
    Sequences seq;
};

}  // namespace
}  // namespace propos::memory_impl

namespace propos::testing {

class MemoryDatabase {
public:
    std::mutex mu;                               // serializes transactions
    std::atomic<std::thread::id> owner{};        // the thread running a transaction
    memory_impl::State state;                    // committed data (under mu)
    std::mutex work_mu;                          // wait_for_work
    std::condition_variable work_cv;
    std::uint64_t work_generation = 0;           // bumped by commits that change jobs (under work_mu)
};

std::shared_ptr<MemoryDatabase> new_memory_database() { return std::make_shared<MemoryDatabase>(); }

}  // namespace propos::testing

namespace propos::memory_impl {
namespace {

using testing::MemoryDatabase;
using testing::MemoryStoreFaults;

bool matches(const Record& r, const std::string& id, const ListOptions& o) {
    if (!o.lookup.empty() && r.keys.lookup != o.lookup && r.keys.alt_lookup != o.lookup) return false;
    if (!o.parent.empty() && r.keys.parent != o.parent) return false;
    if (!o.status.empty() && r.keys.status != o.status) return false;
    if (!o.ref.empty() && r.keys.ref != o.ref) return false;
    if (!o.after_id.empty() && !(id > o.after_id)) return false;
    if (o.since && r.keys.time_ms < ms(*o.since)) return false;
    if (o.before && !(r.keys.time_ms < ms(*o.before))) return false;
    return true;
}

bool matches(const SearchDocument& d, const SearchFilter& f) {
    if (!f.kinds.empty() && std::find(f.kinds.begin(), f.kinds.end(), d.kind) == f.kinds.end()) return false;
    if (!f.property_id.empty() && d.property_id != f.property_id) return false;
    if (!f.unit_id.empty() && d.unit_id != f.unit_id) return false;
    if (f.from && ms(d.at) < ms(*f.from)) return false;
    if (f.until && !(ms(d.at) < ms(*f.until))) return false;
    return true;
}

// The value json_extract(data, '$.field') gives as text, or nullopt for a missing field or null.
std::optional<std::string> extract_text(const Json& j, const std::string& field) {
    auto it = j.find(field);
    if (it == j.end() || it->is_null()) return std::nullopt;
    if (it->is_string()) return it->get<std::string>();
    if (it->is_boolean()) return std::string(it->get<bool>() ? "1" : "0");
    return it->dump();
}

using store_detail::job_number;

class MemoryTransaction final : public Transaction {
public:
    MemoryTransaction(State& committed, MemoryStoreFaults* faults, bool writable)
        : committed_(committed), faults_(faults), writable_(writable), seq_(committed.seq) {}

    // Installs the transaction's changes; returns whether jobs changed.
    bool commit() {
        for (auto& [id, data] : dirty_) committed_.orgs[id] = std::move(data);
        committed_.seq = seq_;
        return jobs_changed_;
    }
    bool wrote() const { return !dirty_.empty(); }

    // ---- organizations ----
    void put_organization(const Organization& org) override {
        begin_write("put_organization");
        if (org.id.empty()) throw Error(ErrorCode::kInvalidArgument, "organization has an empty id");
        if (org.name.empty()) {
            throw Error(ErrorCode::kInvalidArgument, "organization '" + org.id.str() + "' has an empty name");
        }
        auto it = dirty_.find(org.id.str());
        if (it == dirty_.end()) {
            auto c = committed_.orgs.find(org.id.str());
            auto copy = c == committed_.orgs.end() ? std::make_shared<OrgData>() : std::make_shared<OrgData>(*c->second);
            if (c == committed_.orgs.end()) copy->created_ms = ms(org.created_at);
            it = dirty_.emplace(org.id.str(), std::move(copy)).first;
        }
        it->second->org = org;
    }
    std::optional<Organization> find_organization(const OrgId& org) override {
        const OrgData* d = lookup(org);
        if (!d) return std::nullopt;
        return d->org;
    }

    // ---- records ----
    void put_record(const OrgId& org, std::string_view kind, const std::string& id, const RecordKeys& keys,
                    const std::string& json) override {
        begin_write("put");
        write_org(org).records[std::string(kind)][id] = Record{keys, json};
    }
    std::optional<std::string> find_record(const OrgId& org, std::string_view kind, const std::string& id) override {
        const OrgData& d = read_org(org);
        auto k = d.records.find(std::string(kind));
        if (k == d.records.end()) return std::nullopt;
        auto r = k->second.find(id);
        if (r == k->second.end()) return std::nullopt;
        return r->second.json;
    }
    std::vector<std::string> list_records(const OrgId& org, std::string_view kind, const ListOptions& o) override {
        auto rows = select(read_org(org), kind, o);
        const bool by_id = !o.after_id.empty();
        std::sort(rows.begin(), rows.end(), [&](const auto& x, const auto& y) {
            if (!by_id && x.second->keys.time_ms != y.second->keys.time_ms) {
                return o.newest_first ? x.second->keys.time_ms > y.second->keys.time_ms
                                      : x.second->keys.time_ms < y.second->keys.time_ms;
            }
            return o.newest_first ? *x.first > *y.first : *x.first < *y.first;
        });
        std::vector<std::string> out;
        const std::size_t end = o.limit > 0 ? std::min(rows.size(), o.offset + o.limit) : rows.size();
        for (std::size_t i = o.offset; i < end; ++i) out.push_back(rows[i].second->json);
        return out;
    }
    std::int64_t count_records(const OrgId& org, std::string_view kind, const ListOptions& o) override {
        return static_cast<std::int64_t>(select(read_org(org), kind, o).size());
    }
    bool erase_record(const OrgId& org, std::string_view kind, const std::string& id) override {
        begin_write("erase");
        OrgData& d = write_org(org);
        bool existed = false;
        if (auto k = d.records.find(std::string(kind)); k != d.records.end()) existed = k->second.erase(id) > 0;
        d.parts.erase({std::string(kind), id});
        return existed;
    }
    void put_record_part(const OrgId& org, std::string_view kind, const std::string& id, std::int64_t part,
                         const std::string& json) override {
        begin_write("put record part");
        check_org(org);
        if (part < 0) {
            throw Error(ErrorCode::kInvalidArgument,
                        "record part number must not be negative (got " + std::to_string(part) + ")");
        }
        write_org(org).parts[{std::string(kind), id}][part] = json;
    }
    std::vector<std::pair<std::int64_t, std::string>> list_record_parts(const OrgId& org, std::string_view kind,
                                                                        const std::string& id) override {
        const OrgData& d = read_org(org);
        std::vector<std::pair<std::int64_t, std::string>> out;
        if (auto p = d.parts.find({std::string(kind), id}); p != d.parts.end()) {
            for (const auto& [n, json] : p->second) out.emplace_back(n, json);
        }
        return out;
    }
    std::map<std::string, std::int64_t> count_records_by(const OrgId& org, std::string_view kind,
                                                         const std::string& field, const ListOptions& o) override {
        store_detail::check_record_field_name(field);
        std::map<std::string, std::int64_t> out;
        for (const auto& [id, r] : select(read_org(org), kind, o)) {
            if (auto v = extract_text(parse_json(r->json, std::string(kind)), field)) ++out[*v];
        }
        return out;
    }
    std::map<std::string, std::int64_t> count_records_by_ref(const OrgId& org, std::string_view kind,
                                                             const ListOptions& o) override {
        std::map<std::string, std::int64_t> out;
        for (const auto& [id, r] : select(read_org(org), kind, o)) {
            if (!r->keys.ref.empty()) ++out[r->keys.ref];
        }
        return out;
    }
    // As in SQLite: the record ("meta", name) holding {"next": N}.
    std::int64_t next_counter(const OrgId& org, std::string_view name) override {
        begin_write("next_counter");
        OrgData& d = write_org(org);
        const std::string id(name);
        auto& meta = d.records["meta"];
        std::int64_t value = 1;
        if (auto it = meta.find(id); it != meta.end()) {
            value = parse_json(it->second.json, "counter '" + id + "'").value("next", std::int64_t{1});
        }
        meta[id] = Record{RecordKeys{}, canonical_json(Json{{"next", value + 1}})};
        return value;
    }

    // ---- inbox ----
    std::int64_t store_raw_payload(const OrgId& org, std::string_view source, std::string_view content_type,
                                   std::string_view body, Timestamp at) override {
        begin_write("store_raw_payload");
        OrgData& d = write_org(org);
        RawPayload p;
        p.id = ++seq_.raw;
        p.source = std::string(source);
        p.content_type = std::string(content_type);
        p.body = std::string(body);
        p.received_at = at_ms(at);
        p.status = "received";
        d.raw[p.id] = p;
        return p.id;
    }
    void set_raw_payload_status(const OrgId& org, std::int64_t id, std::string_view status,
                                std::string_view error) override {
        begin_write("set_raw_payload_status");
        check_org(org);
        if (status != "received" && status != "processed" && status != "dead") {
            throw Error(ErrorCode::kInvalidArgument,
                        "raw payload status must be received, processed or dead, not '" + std::string(status) + "'");
        }
        if (!read_org(org).raw.count(id)) {
            throw Error(ErrorCode::kNotFound,
                        "raw payload " + std::to_string(id) + " not found in organization '" + org.str() + "'");
        }
        auto& p = write_org(org).raw.at(id);
        p.status = std::string(status);
        p.error = std::string(error);
    }
    std::vector<RawPayload> query_raw_payloads(const OrgId& org, const RawPayloadQuery& q) override {
        const OrgData& d = read_org(org);
        std::vector<RawPayload> out;
        for (auto it = d.raw.upper_bound(q.after_id > 0 ? q.after_id : 0); it != d.raw.end(); ++it) {
            const RawPayload& p = it->second;
            if (!q.status.empty() && p.status != q.status) continue;
            if (!q.sources.empty() && std::find(q.sources.begin(), q.sources.end(), p.source) == q.sources.end()) {
                continue;
            }
            out.push_back(p);
            if (!q.with_bodies) out.back().body.clear();
            if (q.limit > 0 && out.size() >= q.limit) break;
        }
        return out;
    }
    std::optional<RawPayload> find_raw_payload(const OrgId& org, std::int64_t id) override {
        const OrgData& d = read_org(org);
        auto it = d.raw.find(id);
        if (it == d.raw.end()) return std::nullopt;
        return it->second;
    }

    // ---- audit ----
    std::optional<AuditHead> audit_head(const OrgId& org, bool for_update) override {
        if (for_update) require_writable("append_audit");  // transactions are serialized: held until the end
        return read_org(org).audit_head;
    }
    void insert_audit_entry(const OrgId& org, const AuditEvent& event, std::string_view canonical_data) override {
        begin_write("append_audit");
        OrgData& d = write_org(org);
        AuditEvent e = event;
        e.at = at_ms(e.at);
        // Kept as hashed (canonical text) and read back parsed, as the SQL engines do.
        try {
            e.data = Json::parse(canonical_data);
        } catch (const nlohmann::json::exception&) {
            e.data = Json("<unparseable: " + std::string(canonical_data) + ">");
        }
        d.audit.push_back(std::move(e));
        d.audit_head = AuditHead{event.seq, event.hash};
    }
    std::vector<AuditEvent> list_audit(const OrgId& org, std::int64_t after_seq, std::size_t limit) override {
        std::vector<AuditEvent> out;
        for (const auto& e : read_org(org).audit) {
            if (e.seq <= after_seq) continue;
            out.push_back(e);
            if (limit > 0 && out.size() >= limit) break;
        }
        std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.seq < y.seq; });
        return out;
    }
    std::vector<AuditEvent> list_audit_for(const OrgId& org, std::string_view entity_kind,
                                           std::string_view entity_id) override {
        std::vector<AuditEvent> out;
        for (const auto& e : read_org(org).audit) {
            if (e.entity_kind == entity_kind && e.entity_id == entity_id) out.push_back(e);
        }
        return out;
    }

    // ---- jobs ----
    JobId enqueue(const OrgId& org, const JobSpec& spec, Timestamp now) override {
        begin_write("enqueue");
        check_org(org);
        if (!spec.idempotency_key.empty()) {
            const OrgData& r = read_org(org);
            if (auto it = r.job_keys.find(spec.idempotency_key); it != r.job_keys.end()) {
                return JobId(std::to_string(it->second));
            }
        }
        OrgData& d = write_org(org);
        Job j;
        j.id = JobId(std::to_string(++seq_.job));
        j.org_id = org;
        j.type = spec.type;
        j.payload = parse_json(canonical_json(spec.payload), "job payload");
        j.priority = spec.priority;
        j.state = JobState::kPending;
        j.run_at = at_ms(spec.run_at.value_or(now));
        j.max_attempts = spec.max_attempts;
        j.idempotency_key = spec.idempotency_key;
        j.correlation_id = spec.correlation_id;
        j.created_at = j.updated_at = at_ms(now);
        if (!spec.idempotency_key.empty()) d.job_keys[spec.idempotency_key] = seq_.job;
        d.jobs[seq_.job] = std::move(j);
        jobs_changed_ = true;
        return JobId(std::to_string(seq_.job));
    }
    std::vector<Job> claim_jobs(const OrgId& org, std::string_view worker, Timestamp now, Millis lease,
                                std::size_t max) override {
        begin_write("claim_jobs");
        const auto t = ms(now);
        // An idle worker polls: when there is nothing to reclaim or claim, nothing is copied.
        const bool work = std::any_of(read_org(org).jobs.begin(), read_org(org).jobs.end(), [&](const auto& e) {
            const Job& j = e.second;
            return (j.state == JobState::kRunning && j.lease_until && ms(*j.lease_until) <= t) ||
                   (j.state == JobState::kPending && ms(j.run_at) <= t && max > 0);
        });
        if (!work) return {};
        OrgData& d = write_org(org);
        jobs_changed_ = true;
        int reclaimed = 0;
        for (auto& [id, j] : d.jobs) {
            if (j.state != JobState::kRunning || !j.lease_until || ms(*j.lease_until) > t) continue;
            j.state = j.attempts >= j.max_attempts ? JobState::kDead : JobState::kPending;
            j.last_error = "lease expired: " + j.lease_token + " did not finish in time";
            j.lease_token.clear();
            j.lease_until.reset();
            j.run_at = j.updated_at = from_unix_millis(t);
            ++reclaimed;
        }
        if (reclaimed > 0) {
            detail::logger()->warn("reclaimed {} expired job lease(s) in organization {}", reclaimed, org.str());
        }
        std::vector<Job*> due;
        for (auto& [id, j] : d.jobs) {
            if (j.state == JobState::kPending && ms(j.run_at) <= t) due.push_back(&j);
        }
        std::sort(due.begin(), due.end(), [](const Job* x, const Job* y) {
            if (x->priority != y->priority) return x->priority > y->priority;
            if (x->run_at != y->run_at) return x->run_at < y->run_at;
            return *job_number(x->id) < *job_number(y->id);
        });
        if (due.size() > max) due.resize(max);
        std::vector<Job> out;
        for (Job* j : due) {
            j->state = JobState::kRunning;
            j->attempts += 1;
            j->lease_token = std::string(worker) + ":" + j->id.str() + ":" + std::to_string(j->attempts);
            j->lease_until = from_unix_millis(ms(now + lease));
            j->updated_at = from_unix_millis(t);
            out.push_back(*j);
        }
        return out;
    }
    void complete_job(const OrgId& org, const Job& job, Timestamp now) override {
        begin_write("complete_job");
        Job& j = leased(org, job, store_detail::kLeaseExpiredOrFinished);
        j.state = JobState::kDone;
        j.lease_token.clear();
        j.lease_until.reset();
        j.updated_at = at_ms(now);
    }
    JobState fail_job(const OrgId& org, const Job& job, std::string_view error, Timestamp now,
                      Timestamp retry_at) override {
        begin_write("fail_job");
        Job& j = leased(org, job, "; its failure was not recorded");
        j.state = j.attempts >= j.max_attempts ? JobState::kDead : JobState::kPending;
        release(j, error, now, retry_at);
        return j.state;
    }
    JobState defer_job(const OrgId& org, const Job& job, const Json& payload, std::string_view reason,
                       Timestamp now, Timestamp run_at) override {
        begin_write("defer_job");
        Job& j = leased(org, job, "; it was not put back");
        j.state = JobState::kPending;
        j.attempts = std::max(j.attempts - 1, 0);
        j.payload = parse_json(payload.dump(), "job payload");
        release(j, reason, now, run_at);
        return j.state;
    }
    std::optional<Job> find_job(const OrgId& org, const JobId& id) override {
        const OrgData& d = read_org(org);
        const auto n = job_number(id);
        if (!n) return std::nullopt;
        auto it = d.jobs.find(*n);
        if (it == d.jobs.end()) return std::nullopt;
        return it->second;
    }
    std::vector<Job> list_jobs(const OrgId& org, JobState state, std::size_t limit) override {
        std::vector<Job> out;
        for (const auto& [id, j] : read_org(org).jobs) {
            if (j.state != state) continue;
            out.push_back(j);
            if (limit > 0 && out.size() >= limit) break;
        }
        return out;
    }
    JobCounts count_jobs(const OrgId& org) override {
        JobCounts c;
        for (const auto& [id, j] : read_org(org).jobs) add(c, j.state);
        return c;
    }
    std::map<std::string, JobCounts> count_jobs_by_type(const OrgId& org) override {
        std::map<std::string, JobCounts> out;
        for (const auto& [id, j] : read_org(org).jobs) add(out[j.type], j.state);
        return out;
    }
    std::optional<Timestamp> next_job_due(const OrgId& org) override {
        const OrgData& d = read_org(org);
        std::optional<Timestamp> due;
        auto consider = [&](Timestamp t) {
            if (!due || t < *due) due = t;
        };
        for (const auto& [id, j] : d.jobs) {
            if (j.state == JobState::kPending) consider(j.run_at);
            if (j.state == JobState::kRunning && j.lease_until) consider(*j.lease_until);
        }
        for (const auto& [name, s] : d.schedules) consider(s.next_run_at);
        return due;
    }
    void retry_dead_job(const OrgId& org, const JobId& id, Timestamp now) override {
        begin_write("retry_dead_job");
        check_org(org);
        const auto n = job_number(id);
        const OrgData& r = read_org(org);
        auto it = n ? r.jobs.find(*n) : r.jobs.end();
        if (it == r.jobs.end() || it->second.state != JobState::kDead) {
            throw Error(ErrorCode::kNotFound, "no dead job '" + id.str() + "' in organization '" + org.str() + "'");
        }
        Job& j = write_org(org).jobs.at(*n);
        j.state = JobState::kPending;
        j.attempts = 0;
        j.run_at = j.updated_at = at_ms(now);
        jobs_changed_ = true;
    }
    std::int64_t purge_done_jobs(const OrgId& org, Timestamp before) override {
        begin_write("purge_done_jobs");
        OrgData& d = write_org(org);
        std::int64_t n = 0;
        for (auto it = d.jobs.begin(); it != d.jobs.end();) {
            if (it->second.state == JobState::kDone && ms(it->second.updated_at) < ms(before)) {
                if (!it->second.idempotency_key.empty()) d.job_keys.erase(it->second.idempotency_key);
                it = d.jobs.erase(it);
                ++n;
            } else {
                ++it;
            }
        }
        return n;
    }
    void put_schedule(const OrgId& org, const Schedule& schedule) override {
        begin_write("put_schedule");
        OrgData& d = write_org(org);
        Schedule s;
        s.name = schedule.name;
        s.cron = schedule.cron;
        s.job.type = schedule.job.type;
        s.job.payload = parse_json(canonical_json(schedule.job.payload), "schedule job");
        s.job.priority = schedule.job.priority;
        s.job.max_attempts = schedule.job.max_attempts;
        s.job.correlation_id = schedule.job.correlation_id;
        s.next_run_at = at_ms(schedule.next_run_at);
        d.schedules[s.name] = std::move(s);
        jobs_changed_ = true;
    }
    bool erase_schedule(const OrgId& org, std::string_view name) override {
        begin_write("erase_schedule");
        return write_org(org).schedules.erase(std::string(name)) > 0;
    }
    std::vector<Schedule> list_schedules(const OrgId& org) override {
        std::vector<Schedule> out;
        for (const auto& [name, s] : read_org(org).schedules) out.push_back(s);
        std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) {
            return ms(x.next_run_at) < ms(y.next_run_at);  // then by name: the map's order
        });
        return out;
    }
    std::vector<Schedule> list_due_schedules(const OrgId& org, Timestamp by) override {
        auto out = list_schedules(org);
        std::erase_if(out, [&](const Schedule& s) { return s.next_run_at > by; });
        return out;
    }

    // ---- search documents ----
    SearchDocument put_search_document(const OrgId& org, const SearchDocument& doc) override {
        begin_write("put_search_document");
        check_org(org);
        if (doc.kind.empty() || doc.entity_id.empty()) {
            throw Error(ErrorCode::kInvalidArgument, "search document needs a kind and an entity id (got '" +
                                                         doc.kind + "', '" + doc.entity_id + "')");
        }
        SearchRow row;
        row.tokens = tokens(doc.text);  // before any change: it may throw
        OrgData& d = write_org(org);
        d.search_registered = true;
        row.doc = doc;
        row.doc.embedding = store_detail::stored_embedding(doc.embedding);  // as the engines keep it
        row.doc.deleted = false;
        row.doc.at = at_ms(doc.at);
        row.doc.seq = ++d.search_seq;
        const auto key = std::make_pair(doc.kind, doc.entity_id);
        if (auto it = d.docs.find(key); it != d.docs.end()) {
            row.doc.doc_id = it->second.doc.doc_id;
        } else {
            row.doc.doc_id = ++seq_.doc;
            d.doc_keys[row.doc.doc_id] = key;
        }
        d.docs[key] = row;
        return row.doc;
    }
    std::optional<SearchDocument> erase_search_document(const OrgId& org, std::string_view kind,
                                                        std::string_view entity_id) override {
        begin_write("erase_search_document");
        const OrgData& r = read_org(org);
        const auto key = std::make_pair(std::string(kind), std::string(entity_id));
        if (!r.search_registered) return std::nullopt;
        auto found = r.docs.find(key);
        if (found == r.docs.end() || found->second.doc.deleted) return std::nullopt;
        OrgData& d = write_org(org);
        SearchRow& row = d.docs.at(key);
        row.doc.deleted = true;
        row.doc.text.clear();
        row.doc.embedding.clear();
        row.tokens.clear();
        row.doc.seq = ++d.search_seq;
        SearchDocument t;
        t.doc_id = row.doc.doc_id;
        t.seq = row.doc.seq;
        t.kind = row.doc.kind;
        t.entity_id = row.doc.entity_id;
        t.deleted = true;
        return t;
    }
    std::optional<SearchDocument> find_search_document(const OrgId& org, std::string_view kind,
                                                       std::string_view entity_id) override {
        const OrgData& d = read_org(org);
        auto it = d.docs.find({std::string(kind), std::string(entity_id)});
        if (it == d.docs.end() || it->second.doc.deleted) return std::nullopt;
        return it->second.doc;
    }
    std::vector<SearchDocument> get_search_documents(const OrgId& org, const std::vector<std::int64_t>& doc_ids,
                                                     bool with_embeddings) override {
        const OrgData& d = read_org(org);
        std::vector<SearchDocument> out;
        for (const auto id : doc_ids) {
            auto k = d.doc_keys.find(id);
            if (k == d.doc_keys.end()) continue;
            const auto& row = d.docs.at(k->second);
            if (row.doc.deleted) continue;
            out.push_back(row.doc);
            if (!with_embeddings) out.back().embedding.clear();
        }
        return out;
    }
    std::vector<SearchDocument> list_search_changes(const OrgId& org, std::int64_t after_seq,
                                                    std::size_t limit) override {
        std::vector<SearchDocument> out;
        for (const auto& [key, row] : read_org(org).docs) {
            if (row.doc.seq > after_seq) out.push_back(row.doc);
        }
        std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.seq < y.seq; });
        if (limit > 0 && out.size() > limit) out.resize(limit);
        return out;
    }
    std::vector<std::int64_t> filter_search_documents(const OrgId& org, const SearchFilter& filter) override {
        const OrgData& d = read_org(org);
        std::vector<std::int64_t> out;
        for (const auto& [id, key] : d.doc_keys) {
            const auto& row = d.docs.at(key);
            if (!row.doc.deleted && matches(row.doc, filter)) out.push_back(id);
        }
        return out;
    }
    std::vector<KeywordHit> keyword_search(const OrgId& org, const std::vector<std::string>& terms,
                                           const SearchFilter& filter, std::size_t limit) override {
        const OrgData& d = read_org(org);
        std::vector<KeywordHit> out;
        // Each term is a phrase of its tokens (as an FTS5 string): no syntax is parsed.
        std::vector<std::vector<std::string>> phrases;
        for (const auto& t : terms) {
            auto p = tokens(t);
            if (!p.empty()) phrases.push_back(std::move(p));
        }
        if (phrases.empty() || limit == 0 || !d.search_registered) return out;
        // Statistics over every live document of the organization (its FTS5 table in SQLite).
        std::int64_t n_docs = 0, n_tokens = 0;
        std::vector<std::int64_t> having(phrases.size(), 0);
        std::vector<std::pair<const SearchRow*, std::vector<std::int64_t>>> matched;
        for (const auto& [key, row] : d.docs) {
            if (row.doc.deleted) continue;
            ++n_docs;
            n_tokens += static_cast<std::int64_t>(row.tokens.size());
            std::vector<std::int64_t> freq(phrases.size(), 0);
            bool any = false;
            for (std::size_t p = 0; p < phrases.size(); ++p) {
                freq[p] = occurrences(row.tokens, phrases[p]);
                if (freq[p] > 0) {
                    ++having[p];
                    any = true;
                }
            }
            if (any) matched.emplace_back(&row, std::move(freq));
        }
        const double avgdl = n_docs > 0 ? static_cast<double>(n_tokens) / static_cast<double>(n_docs) : 0.0;
        constexpr double k1 = 1.2, b = 0.75;
        std::vector<double> idf(phrases.size());
        for (std::size_t p = 0; p < phrases.size(); ++p) {
            const double nd = static_cast<double>(n_docs), h = static_cast<double>(having[p]);
            idf[p] = std::log((nd - h + 0.5) / (h + 0.5));
            if (idf[p] <= 0.0) idf[p] = 1e-6;  // as FTS5: a term in most documents still counts
        }
        for (const auto& [row, freq] : matched) {
            if (!matches(row->doc, filter)) continue;
            const double dl = static_cast<double>(row->tokens.size());
            double score = 0;
            for (std::size_t p = 0; p < phrases.size(); ++p) {
                const double f = static_cast<double>(freq[p]);
                score += idf[p] * (f * (k1 + 1.0)) / (f + k1 * (1.0 - b + (avgdl > 0 ? b * dl / avgdl : 0.0)));
            }
            out.push_back(KeywordHit{row->doc.doc_id, score});
        }
        std::sort(out.begin(), out.end(), [](const KeywordHit& x, const KeywordHit& y) {
            if (x.score != y.score) return x.score > y.score;
            return x.doc_id < y.doc_id;
        });
        if (out.size() > limit) out.resize(limit);
        return out;
    }
    SearchDocStats search_document_stats(const OrgId& org) override {
        const OrgData& d = read_org(org);
        SearchDocStats st;
        std::map<std::string, std::int64_t> by_kind;
        for (const auto& [key, row] : d.docs) {
            if (row.doc.deleted) {
                ++st.tombstones;
            } else {
                ++st.live;
                ++by_kind[row.doc.kind];
            }
        }
        st.live_by_kind.assign(by_kind.begin(), by_kind.end());
        st.seq = d.search_seq;
        return st;
    }
    std::int64_t clear_search_documents(const OrgId& org) override {
        begin_write("clear_search_documents");
        OrgData& d = write_org(org);
        d.search_registered = true;
        const auto removed = static_cast<std::int64_t>(d.docs.size());
        d.docs.clear();
        d.doc_keys.clear();
        ++d.search_seq;
        return removed;
    }
    std::int64_t purge_search_tombstones(const OrgId& org, std::int64_t up_to_seq) override {
        begin_write("purge_search_tombstones");
        OrgData& d = write_org(org);
        std::int64_t n = 0;
        for (auto it = d.docs.begin(); it != d.docs.end();) {
            if (it->second.doc.deleted && it->second.doc.seq <= up_to_seq) {
                d.doc_keys.erase(it->second.doc.doc_id);
                it = d.docs.erase(it);
                ++n;
            } else {
                ++it;
            }
        }
        return n;
    }
    std::optional<std::string> get_search_meta(const OrgId& org, std::string_view key) override {
        const OrgData& d = read_org(org);
        auto it = d.search_meta.find(std::string(key));
        if (it == d.search_meta.end()) return std::nullopt;
        return it->second;
    }
    void put_search_meta(const OrgId& org, std::string_view key, std::string_view value) override {
        begin_write("put_search_meta");
        check_org(org);
        if (key.empty()) throw Error(ErrorCode::kInvalidArgument, "search metadata key is empty");
        write_org(org).search_meta[std::string(key)] = std::string(value);
    }

private:
    using Row = std::pair<const std::string*, const Record*>;

    static std::vector<Row> select(const OrgData& d, std::string_view kind, const ListOptions& o) {
        std::vector<Row> out;
        auto k = d.records.find(std::string(kind));
        if (k == d.records.end()) return out;
        for (const auto& [id, r] : k->second) {
            if (matches(r, id, o)) out.emplace_back(&id, &r);
        }
        return out;
    }

    static std::int64_t occurrences(const std::vector<std::string>& text, const std::vector<std::string>& phrase) {
        if (phrase.empty() || text.size() < phrase.size()) return 0;
        std::int64_t n = 0;
        for (std::size_t i = 0; i + phrase.size() <= text.size(); ++i) {
            if (std::equal(phrase.begin(), phrase.end(), text.begin() + static_cast<std::ptrdiff_t>(i))) ++n;
        }
        return n;
    }

    static void add(JobCounts& c, JobState s) {
        switch (s) {
            case JobState::kPending: ++c.pending; break;
            case JobState::kRunning: ++c.running; break;
            case JobState::kDone: ++c.done; break;
            case JobState::kDead: ++c.dead; break;
        }
    }

    // The running job still leased to `job.lease_token`, for writing; else the engines' lease-lost
    // error (kFailedPrecondition) ending with `consequence`.
    Job& leased(const OrgId& org, const Job& job, const char* consequence) {
        const auto n = job_number(job.id);
        const OrgData& r = read_org(org);
        auto it = n ? r.jobs.find(*n) : r.jobs.end();
        if (it == r.jobs.end() || it->second.state != JobState::kRunning || it->second.lease_token != job.lease_token) {
            throw store_detail::lease_lost(job, consequence);
        }
        jobs_changed_ = true;
        return write_org(org).jobs.at(*n);
    }

    static void release(Job& j, std::string_view error, Timestamp now, Timestamp run_at) {
        j.run_at = at_ms(run_at);
        j.last_error = std::string(error);
        j.lease_token.clear();
        j.lease_until.reset();
        j.updated_at = at_ms(now);
    }

    void require_writable(const char* op) const {
        if (!writable_) {
            throw Error(ErrorCode::kFailedPrecondition,
                        std::string(op) + " needs a write transaction (called inside Store::read)");
        }
    }
    // Every engine write starts here: read transactions refused, then the write is counted and
    // may fail by injection — before anything changed.
    void begin_write(const char* op) {
        require_writable(op);
        FaultHooks::write(faults_, op);
    }

    // The organization's data as this transaction sees it, or null when it does not exist.
    const OrgData* lookup(const OrgId& org) const {
        if (auto it = dirty_.find(org.str()); it != dirty_.end()) return it->second.get();
        if (auto it = committed_.orgs.find(org.str()); it != committed_.orgs.end()) return it->second.get();
        return nullptr;
    }
    void check_org(const OrgId& org) const { (void)read_org(org); }
    const OrgData& read_org(const OrgId& org) const {
        if (org.empty()) throw Error(ErrorCode::kInvalidArgument, "organization id is empty");
        const OrgData* d = lookup(org);
        if (!d) throw Error(ErrorCode::kNotFound, "unknown organization '" + org.str() + "'");
        return *d;
    }
    // The transaction's own copy of the organization's data (made on first write).
    OrgData& write_org(const OrgId& org) {
        if (auto it = dirty_.find(org.str()); it != dirty_.end()) return *it->second;
        const OrgData& d = read_org(org);
        return *dirty_.emplace(org.str(), std::make_shared<OrgData>(d)).first->second;
    }

    State& committed_;
    MemoryStoreFaults* faults_;
    bool writable_;
    Sequences seq_;
    std::map<std::string, std::shared_ptr<OrgData>> dirty_;
    bool jobs_changed_ = false;
};

class MemoryStore final : public Store {
public:
    explicit MemoryStore(testing::MemoryStoreOptions options)
        : db_(options.database ? std::move(options.database) : testing::new_memory_database()),
          faults_(std::move(options.faults)) {}

    void write(const std::function<void(Transaction&)>& fn) override { run(fn, true); }
    void read(const std::function<void(Transaction&)>& fn) override { run(fn, false); }

    std::vector<Organization> list_organizations() override {
        std::vector<std::pair<std::int64_t, Organization>> rows;
        read([&](Transaction&) {
            for (const auto& [id, d] : db_->state.orgs) rows.emplace_back(d->created_ms, d->org);
        });
        std::sort(rows.begin(), rows.end(), [](const auto& x, const auto& y) {
            if (x.first != y.first) return x.first < y.first;
            return x.second.id.str() < y.second.id.str();
        });
        std::vector<Organization> out;
        for (auto& r : rows) out.push_back(std::move(r.second));
        return out;
    }
    int schema_version() override { return testing::memory_schema_version(); }
    std::string location() const override { return ":memory:"; }
    std::string local_file() const override { return ""; }

    bool wait_for_work(Millis max_wait) override {
        std::unique_lock lock(db_->work_mu);
        const auto seen = db_->work_generation;
        return db_->work_cv.wait_for(lock, max_wait, [&] { return db_->work_generation != seen; });
    }

    // Group commit as SQLite's: the batch's transactions commit into a staged copy of the data
    // (copy-on-write per organization, as every transaction), which the batch installs with one
    // commit at its end; a joined transaction that throws leaves the staged copy as it was.
    void batch(const std::function<void()>& fn) override {
        if (db_->owner.load() == std::this_thread::get_id()) {
            throw Error(ErrorCode::kFailedPrecondition,
                        staged_ ? "Store::batch calls do not nest" : "Store::batch inside a transaction");
        }
        FaultHooks::begin(faults_.get(), true);
        std::unique_lock lock(db_->mu);
        db_->owner.store(std::this_thread::get_id());
        State staged = db_->state;
        bool jobs_changed = false;
        staged_ = &staged;
        staged_jobs_changed_ = &jobs_changed;
        struct Reset {
            MemoryStore& s;
            ~Reset() {
                s.staged_ = nullptr;
                s.staged_jobs_changed_ = nullptr;
                s.db_->owner.store(std::thread::id());
            }
        } reset{*this};
        try {
            fn();
            FaultHooks::commit(faults_.get());
        } catch (...) {
            FaultHooks::rollback(faults_.get());
            throw;  // the staged copy is dropped with it
        }
        db_->state = std::move(staged);
        if (jobs_changed) notify_work();
    }

private:
    void notify_work() {
        {
            std::lock_guard work(db_->work_mu);
            ++db_->work_generation;
        }
        db_->work_cv.notify_all();
    }

    void run(const std::function<void(Transaction&)>& fn, bool writable) {
        if (staged_ && db_->owner.load() == std::this_thread::get_id()) return run_joined(fn, writable);
        if (db_->owner.load() == std::this_thread::get_id()) {
            throw Error(ErrorCode::kFailedPrecondition,
                        "nested Store transaction on one thread: do all the work in the outer "
                        "transaction's callback");
        }
        FaultHooks::begin(faults_.get(), writable);
        std::unique_lock lock(db_->mu);
        db_->owner.store(std::this_thread::get_id());
        struct ResetOwner {
            std::atomic<std::thread::id>& o;
            ~ResetOwner() { o.store(std::thread::id()); }
        } reset{db_->owner};
        MemoryTransaction tx(db_->state, faults_.get(), writable);
        if (!writable) {
            fn(tx);
            return;
        }
        try {
            fn(tx);
            FaultHooks::commit(faults_.get());
        } catch (...) {
            FaultHooks::rollback(faults_.get());
            throw;  // the transaction's copies are dropped with it
        }
        if (tx.commit()) notify_work();
    }

    // A transaction joining the thread's batch (a savepoint on SQLite): reads see the batch's
    // uncommitted changes; a write that throws is dropped alone.
    void run_joined(const std::function<void(Transaction&)>& fn, bool writable) {
        if (in_joined_) {
            throw Error(ErrorCode::kFailedPrecondition,
                        "nested Store transaction on one thread: do all the work in the outer "
                        "transaction's callback");
        }
        in_joined_ = true;
        struct Reset {
            bool& b;
            ~Reset() { b = false; }
        } reset{in_joined_};
        MemoryTransaction tx(*staged_, faults_.get(), writable);
        if (!writable) {
            fn(tx);
            return;
        }
        fn(tx);  // on a throw, the transaction's copies are dropped with it
        if (tx.commit()) *staged_jobs_changed_ = true;
    }

    std::shared_ptr<MemoryDatabase> db_;
    std::shared_ptr<MemoryStoreFaults> faults_;
    State* staged_ = nullptr;               // the open batch's data (on the owner thread)
    bool* staged_jobs_changed_ = nullptr;   // whether the open batch changed jobs
    bool in_joined_ = false;                // a transaction joined the batch and runs
};

}  // namespace
}  // namespace propos::memory_impl

namespace propos::testing {

std::unique_ptr<Store> open_memory_store(MemoryStoreOptions options) {
    return std::make_unique<memory_impl::MemoryStore>(std::move(options));
}

}  // namespace propos::testing
