// The propos command-line app's commands. Each returns the process exit status (0 ok, 1 handled
// error) and throws propos::Error for failures that main() reports as one line on stderr.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "embedder_options.hpp"  // --embedder, --embed-* (issue 20)
#include "propos/core/time.hpp"
#include "propos/store/store.hpp"

namespace propos {
struct CoordinatorOptions;
}

namespace propos::cli {

struct GlobalOptions {
    std::string db;                   ///< A SQLite file, or a postgresql:// URL (issue 18).
    std::string log_level = "warn";
    std::string busy_timeout = "5s";  ///< How long one try waits for another process's lock.
    EmbedderOptions embed;            ///< History search's embedder (issue 20).
    std::string pg_schema = "propos";  ///< PostgreSQL: the schema holding PropOS's tables.
    /// Where proofs and tenant documents are kept. Default: beside a SQLite file ("<db>.proofs",
    /// "<db>.blobs"); required with PostgreSQL (a directory every worker shares).
    std::string blob_dir;
    /// The host's compliance rule packs (--compliance-pack, repeatable), loaded over the built-in
    /// packs by every Coordinator a command makes; each is checked before any command runs.
    std::vector<std::string> compliance_packs;
};

/// True for a postgresql:// or postgres:// URL.
bool is_postgres_url(const std::string& db);
/// The SQLite options the global options ask for (the busy timeout).
SqliteOptions sqlite_options(const GlobalOptions& g);
/// The PostgreSQL options the global options ask for (schema; the busy timeout as lock timeout).
PostgresOptions postgres_options(const GlobalOptions& g);
/// Opens the existing store at --db; throws a clear Error when --db is missing or names no file.
std::unique_ptr<Store> open_existing(const GlobalOptions& g);
/// The directory for blobs of kind `what` ("proofs", "blobs") of organization `org`: under --blob-dir,
/// else beside the SQLite file; throws a clear Error for PostgreSQL without --blob-dir.
std::string blob_dir_for(const GlobalOptions& g, const std::string& what, const std::string& org);
/// Loads and validates every --compliance-pack file; throws `Error(kInvalidArgument)` naming the
/// file and the field of the first that fails its schema, `Error(kNotFound)` for a missing one.
void check_compliance_packs(const std::vector<std::string>& files);
/// Gives `opts` the --compliance-pack files (the Coordinator loads them over the built-in packs).
void use_compliance_packs(const std::vector<std::string>& files, CoordinatorOptions& opts);
/// Sets `opts.embedder` from the global options and, when it differs from the model that built an
/// organization's search index in `*opts.store`, re-embeds that history first (progress on stderr).
void choose_embedder(const GlobalOptions& g, CoordinatorOptions& opts);

struct ProviderOptions {
    std::string provider = "rules";  ///< rules | anthropic | openai
    std::string model;
    std::string base_url;
};

struct DemoOptions {
    std::string db = "propos-demo.db";  ///< A SQLite file, or a postgresql:// URL with an empty schema.
    std::string pg_schema = "propos";
    std::string days = "4d";
    bool quiet = false;
    EmbedderOptions embed;  ///< History search's embedder (issue 20), from the global options.
    std::vector<std::string> compliance_packs;  ///< --compliance-pack files, from the global options.
};
int run_demo(const DemoOptions& o, const ProviderOptions& p, std::ostream& out);

int run_triage(std::istream& in, std::ostream& out, std::ostream& err);

struct IngestOptions {
    std::string org;
    std::string file;
};
int run_ingest(const GlobalOptions& g, const IngestOptions& o, std::ostream& out, std::ostream& err);

struct RunOptions {
    std::string advance;
    /// Keep running (a worker process): after each idle point wait for new work — woken at once by
    /// another process's new jobs on PostgreSQL (LISTEN/NOTIFY), else at the next due job or after
    /// `poll` — until SIGINT or SIGTERM (issue 18).
    bool follow = false;
    std::string poll = "5s";
};
int run_run(const GlobalOptions& g, const ProviderOptions& p, const RunOptions& o, std::ostream& out);

struct EscalationsOptions {
    std::string org;
    bool all = false;
    bool json = false;
};
int run_escalations(const GlobalOptions& g, const EscalationsOptions& o, std::ostream& out);

struct ResolveOptions {
    std::string org;
    std::string id;
    std::string decision;
    std::string by = "cli";
    std::string amount;  ///< Owner approvals: the most the approval covers, decimal dollars.
    std::string vendor;  ///< Owner approvals: the vendor the approval covers.
    std::string note;    ///< The person's note, kept with the staff decision (issue 20).
};
int run_resolve(const GlobalOptions& g, const ProviderOptions& p, const ResolveOptions& o, std::ostream& out);

struct AssignOptions {
    std::string org;
    std::string work_order;
    std::string vendor;
    std::string amount;  ///< Decimal dollars, e.g. "180" or "180.50"; empty: the vendor's estimate.
    std::string by = "cli";
    std::string note;  ///< Why this vendor, kept with the staff decision (issue 20).
};
int run_assign(const GlobalOptions& g, const ProviderOptions& p, const AssignOptions& o, std::ostream& out);

struct OrgsOptions {
    bool json = false;
};
int run_orgs(const GlobalOptions& g, const OrgsOptions& o, std::ostream& out);

struct WorkOrdersOptions {
    std::string org;
    std::string status;
    bool json = false;
};
int run_workorders(const GlobalOptions& g, const WorkOrdersOptions& o, std::ostream& out);

struct AuditOptions {
    std::string org;
    bool verify = false;
    bool json = false;
    std::size_t limit = 50;
    bool checkpoint = false;  ///< Print a signed checkpoint (JSON) made with `key`.
    std::string key;          ///< Ed25519 private key PEM file (--checkpoint).
    std::string against;      ///< Checkpoint JSON file that --verify checks the log still extends.
    std::string public_key;   ///< Ed25519 public key PEM file (--verify --against).
};
int run_audit(const GlobalOptions& g, const AuditOptions& o, std::ostream& out, std::ostream& err);

struct QueueOptions {
    std::string org;  ///< Only this organization; empty: all.
    bool json = false;
};
int run_queue(const GlobalOptions& g, const QueueOptions& o, std::ostream& out);

struct ImportOptions {
    std::string file;
};
int run_import(const GlobalOptions& g, const ImportOptions& o, std::ostream& out);

}  // namespace propos::cli
