/// @file coordinator.hpp
/// @brief `Coordinator`: the facade a host embeds. It owns the store, the LLM provider, the agent,
/// the job queue and the workflows; hosts feed it inbound messages (or webhooks), let it run, and
/// query work orders, threads, escalations, events and the audit trail.
///
/// Threading: every public method may be called from any thread. `run_until_idle()` and `tick()` run
/// jobs on the calling thread; run them from one worker thread (or several processes sharing a
/// database that supports it).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "propos/agent/agent_runner.hpp"
#include "propos/agent/policy.hpp"
#include "propos/channels/blob_store.hpp"
#include "propos/channels/outbound.hpp"
#include "propos/channels/sendgrid.hpp"
#include "propos/channels/twilio.hpp"
#include "propos/core/clock.hpp"
#include "propos/core/http.hpp"
#include "propos/core/ids.hpp"
#include "propos/core/logging.hpp"
#include "propos/llm/provider.hpp"
#include "propos/model/message.hpp"
#include "propos/model/oversight.hpp"
#include "propos/model/procurement.hpp"
#include "propos/model/work_order.hpp"
#include "propos/pms/pms.hpp"
#include "propos/search/embedder.hpp"
#include "propos/search/history_search.hpp"
#include "propos/store/audit_log.hpp"
#include "propos/store/job_queue.hpp"
#include "propos/store/store.hpp"
#include "propos/workflows/approval.hpp"
#include "propos/workflows/cadence.hpp"  // follow-up cadences (issue 17)
#include "propos/workflows/compliance.hpp"
#include "propos/workflows/decisions.hpp"  // notes and staff decisions (issue 20)
#include "propos/workflows/delivery.hpp"
#include "propos/workflows/intake.hpp"
#include "propos/workflows/renewal.hpp"
#include "propos/workflows/onboarding.hpp"  // onboarding (issue 17)
#include "propos/workflows/tenant_requests.hpp"

namespace propos {

/// @brief The outcome of one message of `ingest_batch`: its result, or the error that kept it out
/// (the raw payload is then a dead letter).
struct IngestOutcome {
    std::optional<IngestResult> result;  ///< Set when the message was ingested (or was a duplicate).
    std::optional<ErrorCode> code;       ///< The error's code when `result` is empty.
    std::string error;                   ///< The error's message when `result` is empty.
};

/// @brief One line of the JSON-lines inbound format read by `propos ingest` (and by Python's
/// `Coordinator.ingest_jsonl`): a JSON object `{"id","channel":"sms|email|portal","from","to",
/// "subject","text","received_at"(ISO-8601)}`, optionally with the `"org"` it belongs to.
struct InboundLine {
    IncomingMessage message;  ///< `provider_message_id` = "id"; the line itself is the raw payload.
    std::string org;          ///< The line's "org", or empty when it names none.
};

/// @brief Parses one line of the JSON-lines inbound format. `where` (e.g. "inbox.jsonl:3") starts
/// every error message; `provider` becomes `IncomingMessage::provider`. Missing fields keep their
/// defaults (channel sms, received_at now). Throws `Error(kInvalidArgument)` for text that is not a
/// JSON object, a field of the wrong type, an unknown channel or a bad time. Thread-safe.
PROPOS_EXPORT InboundLine parse_inbound_line(std::string_view line, std::string_view where,
                                             std::string provider = "cli");

/// @brief Counts from `run_until_idle` / `tick`.
struct RunStats {
    std::size_t jobs_run = 0;
    std::size_t jobs_failed = 0;   ///< Failed attempts (retried later or dead-lettered).
    std::size_t jobs_dead = 0;     ///< Dead-lettered in this call.
    std::size_t schedules_fired = 0;
};

// ---- integrations: provider webhooks, delivery through real channels, PMS sync ----

/// @brief One organization's channel and PMS integrations: what `Coordinator::handle_webhook`
/// needs to verify and parse provider webhooks, and the PMS accounts it syncs with.
struct IntegrationConfig {
    /// Twilio inbound SMS/MMS and status callbacks: `auth_token` (secret, required to verify
    /// X-Twilio-Signature), optional `account_sid` check, `our_numbers` (messages to any other
    /// number are dead letters), `max_body_bytes`. Default: verification on and no token, so every
    /// Twilio request is answered 404 and not kept until the token is set.
    channels::TwilioWebhookOptions twilio;
    /// The public base URL the providers call ("https://hooks.example.com"), for hosts behind a
    /// proxy or load balancer: the scheme, host and port of the request URL are replaced by it
    /// before the Twilio signature is checked (path and query are kept). Default: "" (the URL as
    /// the host passed it).
    std::string public_base_url;
    /// MMS pictures are downloaded from Twilio into `blob_store` over `media_http` with these
    /// credentials (account sid + auth token) when all three are set. Default: not downloaded.
    channels::TwilioMediaOptions twilio_media;
    std::shared_ptr<HttpClient> media_http;
    /// SendGrid Inbound Parse: `url_token` (secret query parameter), `our_addresses`, limits. Its
    /// `blob_store`, when unset, is `blob_store` below.
    channels::SendGridInboundOptions sendgrid_inbound;
    /// SendGrid Event Webhook: `public_key` (required while verification is on) and the replay
    /// window `timestamp_tolerance`.
    channels::SendGridEventOptions sendgrid_events;
    /// Where inbound media and attachments are kept; message media are their blob keys. Give each
    /// organization its own store. Default: none (attachments are listed, not kept).
    std::shared_ptr<channels::BlobStore> blob_store;
    /// PMS accounts by name ("appfolio", "buildium", "yardi"): their webhooks arrive at
    /// `WebhookEndpoint::kPms` with `WebhookRequest::pms_system` = the name. Default: none.
    std::map<std::string, std::shared_ptr<pms::PmsAdapter>> pms;
    /// Names in `pms` that have no webhooks and are polled. Default: {"yardi"}.
    std::vector<std::string> pms_poll = {"yardi"};
    /// When they are polled (five-field cron, UTC). Default: every 10 minutes.
    std::string pms_poll_cron = "*/10 * * * *";
    /// Push a work order's status back to the PMS record it came from when it changes.
    /// Default: true.
    bool pms_push_updates = true;
    /// Finds the tenant of a PMS request. Default (empty): the requester's email or phone, else a
    /// tenant whose id is the PMS tenant id. Return nullopt when there is none: the request is
    /// audited as unmatched ("pms.request_unmatched" event) and not ingested.
    std::function<std::optional<TenantId>(const OrgId&, const pms::PmsWorkOrder&)> pms_match_tenant;
    /// PMS request bodies larger than this are dead letters (413; the first bytes are kept).
    /// Default: 1 MiB (the adapters' own limits are lower).
    std::size_t pms_max_body_bytes = 1u << 20;
    // ---- Front door (issue 23): what is kept of refused requests ----
    /// A request that fails authentication, or whose body is over the endpoint's limit, is not
    /// stored: it is counted per source and hour (a `webhook_rejection` record, see
    /// `Coordinator::webhook_rejections`) with the first `rejection_sample_bytes` of its body for
    /// at most `rejection_samples_per_hour` of them (the per-source quota). Defaults: 1 KiB, 10.
    std::size_t rejection_sample_bytes = 1024;
    std::size_t rejection_samples_per_hour = 10;
    // ---- end front door ----
};

/// @brief Integrations of every organization (see `IntegrationConfig`).
struct IntegrationOptions {
    /// The configuration of organizations without an entry in `organizations`. A host serving one
    /// organization sets only this; a host serving several gives each its own entry, so no
    /// organization's secrets, numbers or PMS account serve another.
    IntegrationConfig defaults;
    /// Per-organization configuration, by organization id. Default: none.
    std::map<std::string, IntegrationConfig> organizations;
    /// A raw webhook payload still "received" this long after it was stored was stranded by a
    /// crash (a live request is handled within seconds). A Coordinator's start queues one
    /// `webhook.replay` job per "received" payload, due when the payload is this old (at once for
    /// older ones); the job does nothing when the payload was handled meanwhile. So a Coordinator
    /// started beside a running server on the same store (a second process, a CLI command) never
    /// replays a request the server is still handling, and a payload stranded later is still
    /// replayed without another restart. Default: 5 minutes.
    Millis replay_stranded_after = std::chrono::minutes(5);
};

/// @brief Options of `make_channel_deliverer`.
struct ChannelDelivererOptions {
    /// The Coordinator's store. With it the deliverer threads email replies (In-Reply-To and
    /// References from the thread's earlier emails), refuses SMS to a tenant who opted out since
    /// the message was queued, and records an opt-out the provider reports (Twilio error 21610:
    /// the recipient replied STOP) on the tenant with an audit entry. Default: none.
    std::shared_ptr<Store> store;
    /// The time of those audit entries. Default: the system clock.
    std::shared_ptr<Clock> clock;
    /// Domain of the Message-ID given to outbound email (`<msg_...@domain>`), so that replies can
    /// be threaded back to the message they answer. Default: "" (SendGrid makes its own Message-ID
    /// and replies are threaded by sender).
    std::string email_domain;
};

/// @brief A `Deliverer` that sends through `channel` (e.g. `channels::make_twilio_channel`,
/// `make_sendgrid_channel`), with the message id as the idempotency key. It returns the provider
/// message id; a retryable failure (`kUnavailable`: 429/5xx after the channel's retries, network)
/// propagates so the delivery job retries with backoff; every other failure is permanent (the
/// message is marked failed). Never logs bodies. Thread-safe when `channel` is. Throws
/// `Error(kInvalidArgument)` for a null channel.
PROPOS_EXPORT Deliverer make_channel_deliverer(std::shared_ptr<channels::OutboundChannel> channel,
                                               ChannelDelivererOptions options = {});

/// @brief Which webhook a request is for (the host's route).
enum class WebhookEndpoint {
    kTwilio,           ///< Twilio inbound SMS/MMS and message status callbacks.
    kSendGridInbound,  ///< SendGrid Inbound Parse (email).
    kSendGridEvents,   ///< SendGrid Event Webhook (delivery status of our email).
    kPms,              ///< A PMS notification; `WebhookRequest::pms_system` names the adapter.
};

/// @brief An HTTP request as the host received it.
struct WebhookRequest {
    WebhookEndpoint endpoint = WebhookEndpoint::kTwilio;
    std::string pms_system;  ///< kPms: a key of `IntegrationConfig::pms`, e.g. "buildium".
    std::string method = "POST";
    /// The full URL the provider called, with scheme, host, port, path and query (Twilio signs it;
    /// see `IntegrationConfig::public_base_url` behind a proxy).
    std::string url;
    HttpHeaders headers;
    std::string body;  ///< The raw body, byte for byte.
};

/// @brief What `handle_webhook` did with a request.
enum class WebhookOutcome {
    kIngested,       ///< A new inbound message was stored and its workflow job enqueued.
    kDuplicate,      ///< A message already ingested (provider retry or replay): nothing new.
    kStatusUpdates,  ///< Delivery status reports applied to outbound messages.
    kPmsEvents,      ///< PMS notifications queued as sync jobs.
    kIgnored,        ///< Verified, but nothing to do (an event type that is not tracked).
    kDeadLetter,     ///< Rejected: kept as a dead letter with `error`.
};

/// @brief The stable name: "ingested", "duplicate", "status_updates", "pms_events", "ignored",
/// "dead_letter".
PROPOS_EXPORT std::string_view to_string(WebhookOutcome outcome) noexcept;

/// @brief The answer for the host's HTTP layer, and what happened.
struct WebhookResponse {
    /// The status to answer: 200 on success (also for duplicates, so providers stop retrying);
    /// 400 unparseable, 401 signature missing, 403 signature invalid or stale (replay), 404 unknown
    /// organization or PMS, 405 method, 413 body too large, 415 content type, 422 valid but
    /// unusable (unknown number, invalid UTF-8, empty message), 404 integration not configured.
    int status = 200;
    std::string content_type;  ///< e.g. "text/xml" for TwiML; "text/plain" with an error.
    std::string body;          ///< e.g. an empty TwiML `<Response>`; the reason for an error.
    WebhookOutcome outcome = WebhookOutcome::kDeadLetter;
    /// The raw request as kept (before parsing); 0 when nothing was kept (unknown organization,
    /// route not configured, authentication failed, body over the limit).
    std::int64_t raw_payload_id = 0;
    std::optional<IngestResult> ingested;  ///< kIngested / kDuplicate.
    std::size_t updates_applied = 0;       ///< kStatusUpdates: messages whose status changed.
    std::size_t jobs_enqueued = 0;         ///< kPmsEvents: sync jobs added (replays add none).
    std::string error;                     ///< Dead letter: why (never the body or a secret).
    std::vector<std::string> warnings;     ///< Non-fatal: attachment not kept, event skipped...
};

// ---- Front door (issue 23): refused webhook requests, counted and sampled ----
/// @brief One refused request's sample: when, the status it got, why, its size and its first
/// bytes (at most `IntegrationConfig::rejection_sample_bytes`).
struct WebhookRejectionSample {
    Timestamp at{};
    int status = 0;
    std::string reason;
    std::size_t bytes = 0;
    std::string head;  ///< The first bytes of the body, as received (may be binary).
};

/// @brief The requests to one source ("twilio", "sendgrid", "sendgrid.events", a PMS name) that
/// were refused in one hour (UTC) before anything was stored: failed authentication or a body
/// over the limit. Counts are complete; samples stop at the quota.
struct WebhookRejections {
    std::string source;
    Timestamp hour{};               ///< Start of the hour.
    std::int64_t count = 0;         ///< Requests refused.
    std::int64_t bytes = 0;         ///< Their body bytes, in total (none of them kept).
    std::map<int, std::int64_t> by_status;  ///< e.g. {403: 12, 401: 3}.
    Timestamp first_at{};
    Timestamp last_at{};
    std::vector<WebhookRejectionSample> samples;
};

/// @brief The refused webhook requests of `org` kept in `store` (see `WebhookRejections`),
/// newest hour first, at most `limit` hours (0: all): `Coordinator::webhook_rejections` without
/// a Coordinator (e.g. `propos inbox --rejected`).
PROPOS_EXPORT std::vector<WebhookRejections> list_webhook_rejections(Store& store,
                                                                     const OrgId& org,
                                                                     std::size_t limit = 0);
// ---- end front door ----

/// @brief Signed audit checkpoints handed to the host (see `AuditCheckpoint`): on each firing of
/// `cron`, every organization's log is checkpointed with `private_key_pem` and the checkpoint is an
/// `audit.checkpoint` event (payload: the checkpoint's JSON) for the host to keep outside the
/// database; `AuditLog::verify_against` (or `propos audit --verify --against`) checks the log still
/// extends it.
struct AuditCheckpointOptions {
    /// An Ed25519 private key in PEM (`openssl genpkey -algorithm ed25519`). Default: "" (no
    /// checkpoints). The Coordinator's constructor throws `Error(kInvalidArgument)` for a key that is
    /// not one.
    std::string private_key_pem;
    /// When, as a cron expression in UTC. Default: "0 * * * *" (hourly).
    std::string cron = "0 * * * *";
};

/// @brief Options for `Coordinator`. Fields with defaults may be left unset.
struct CoordinatorOptions {
    /// The store. Default: none — set it, or set `database_path`.
    std::shared_ptr<Store> store;
    /// Opens the store this names when `store` is not set, as `open_store` does: a SQLite file
    /// (":memory:" works) or a postgresql:// URL.
    std::string database_path;
    /// The model. Default: the offline rules provider (deterministic, no network).
    std::shared_ptr<llm::LlmProvider> provider;
    /// When `provider` is set: the offline rules provider answers whenever it fails or its reply
    /// cannot be used — any exception (outage, 401/403 bad key, 402 no credit, 400, a host
    /// provider's `std::exception`), a refusal or content-filter stop, a reply cut off by
    /// max_tokens (see `llm::FallbackProvider` and `llm::FallbackOptions`) — so a tenant's
    /// emergency is acted on whatever the remote model does. Which provider answered is recorded on
    /// the run (`AgentRun::provider`) and in the `agent.step` audit entries. Default: true.
    bool offline_fallback = true;
    /// The host's ledger, for answering a tenant's payment question from facts (balance, due date);
    /// see `propos/workflows/tenant_requests.hpp`. Empty (default): payment questions go to a person.
    LedgerLookup ledger;
    /// The host's own triage model (e.g. a scikit-learn classifier), consulted when a tenant's
    /// message opens a work order; raise-only: it may make it an emergency or more urgent, never
    /// less (`TriageHook`, propos/workflows/triage.hpp). Empty (default): none.
    TriageHook triage_hook;
    /// Time. Default: the system clock. A `ManualClock` makes simulations and tests exact.
    std::shared_ptr<Clock> clock;
    /// Spending limits, quiet hours, budgets. Default: `Policy{}`.
    Policy policy;
    /// Delivery per channel (`propos/workflows/delivery.hpp`). Default (missing channel): the
    /// offline outbox (`channels::make_outbox_channel`) — the message is recorded as sent with
    /// provider id "outbox:<message id>" so demos and tests can read it.
    std::map<Channel, Deliverer> deliverers;
    /// The longest inbound message text taken in, in bytes. A longer message is kept raw as a dead
    /// letter and `ingest` throws `Error(kInvalidArgument)` saying so: its text would otherwise be
    /// copied into the record, the agent's prompts, the search documents and the full-text index.
    /// Long content belongs in an attachment (the blob store). Default: 64 KiB.
    std::size_t max_message_text_bytes = 64 * 1024;
    /// Signed audit checkpoints as events. Default: off.
    AuditCheckpointOptions audit_checkpoints;
    /// Jobs claimed at a time per organization. Default: 32.
    std::size_t batch_size = 32;
    /// Group commit: the claimed jobs of a batch (except message deliveries through a deliverer and
    /// host-registered jobs, which talk to the outside world) run inside one store batch (`Store::batch`) and become
    /// durable with one commit instead of one per transaction — much faster with synchronous=FULL.
    /// A crash loses the whole uncommitted batch, whose jobs then run again. Keep it off when the
    /// model is remote: a model call inside the batch would hold the database's write lock.
    /// Default: on with the offline provider (no `provider` set), off otherwise.
    std::optional<bool> group_commit;
    /// Worker name recorded in job leases. Default: "coordinator".
    std::string worker = "coordinator";
    /// Model name / per-call max tokens / cost function for the agent.
    AgentRunnerOptions agent;
    /// Keep a history search of work orders and messages (precedent in the agent's context,
    /// similarity-based duplicate detection, the `search_history` tool, `search()`). Default: true.
    bool history_search = true;
    /// The embedder of history search. Default: the built-in hashing embedder (no model, no network).
    std::shared_ptr<Embedder> embedder;
    /// History search settings (index directory, persistence...). Default: beside the database.
    HistorySearchOptions search;
    /// Seed for job-retry jitter (0: random). Default: 0.
    std::uint64_t seed = 0;
    /// Provider webhooks (Twilio, SendGrid) and PMS accounts, per organization. Default: none
    /// configured: `handle_webhook` answers 404 and keeps nothing.
    IntegrationOptions integrations;
    /// Makes the ids the Coordinator creates (messages, work orders, escalations, events, jobs...)
    /// deterministic: with the same seed, the same clock readings (a `ManualClock`) and the same
    /// calls, two processes create the same ids — so prompts match and model replies recorded in
    /// one (`llm::ScriptedProvider` cassettes) replay in the other. Applies to ids made on the
    /// thread of a Coordinator call (see `IdSequence`). For replays and tests: two runs against
    /// one database with the same seed and the same clock readings would make the same ids again
    /// (rejected as duplicates), so give each run of a database its own seed or its own time.
    /// Default: unset (random ids).
    std::optional<std::uint64_t> id_seed;
    /// Where PropOS's log lines go: when set, the constructor calls `set_log_callback(log,
    /// log_level)` so a host need not link or configure our spdlog/fmt. The logger is process-wide:
    /// the latest Coordinator (or call) that sets it wins, and it stays after the Coordinator is
    /// destroyed. Default: unset (stderr, level warn, unless the host configured it).
    LogCallback log;
    /// The lowest level passed to `log`. Default: info.
    LogLevel log_level = LogLevel::kInfo;
    /// Called by `run_until_idle`, `tick` and `advance` on the thread running jobs, between jobs
    /// (after each batch of up to `batch_size` jobs claimed together), with the counts of the call
    /// so far.
    /// Returning false stops the call there: the jobs already run stay done, the others stay due,
    /// and `advance` leaves the clock at the time it had reached. Lets a host interrupt a long run
    /// (Ctrl-C), stop at a first failure or report progress. Must not call the Coordinator's run
    /// methods; an exception it throws propagates out of the call. Default: unset (run to the end).
    std::function<bool(const RunStats& so_far)> between_jobs;
    // ---- lease renewals (propos/workflows/renewal.hpp) ----
    /// The renewal workflow: offsets (default 90/60/30 days), the daily `renewal.nudge` cron,
    /// increase and caps (CA CPI, NYC RGB rate), mailed notices, reply and countersign days.
    /// Default: `RenewalOptions{}`. The constructor throws `Error(kInvalidArgument)` for offsets that
    /// are empty or not positive.
    RenewalOptions renewals;

    // ---- Follow-up cadences (issue 17) ----
    /// Enrol the tenant of every repair closed from now on in a post-repair satisfaction check
    /// (the organization's "post_repair" cadence, else the built-in one: Day 1 and Day 3, cancelled
    /// by any reply); see `propos/workflows/cadence.hpp`. Default: true.
    bool post_repair_cadence = true;
    // ---- end follow-up cadences ----
    /// Compliance: the host's rule packs, the daily check's schedule and window, at-risk leads and
    /// the proof store (see `ComplianceOptions`). Default: the built-in packs, daily at 11:00 UTC.
    ComplianceOptions compliance;
};

/// @brief A host callback for events. Called after the change committed — at the end of `ingest`,
/// `ingest_batch`, `run_until_idle`, `tick`, `advance`, `submit_invoice`, `resolve_escalation` and
/// `assign_vendor` — on the thread that made that call; must not call back into the Coordinator's
/// run methods. An exception it throws is logged and ignored. The same events stay in the pollable
/// log (`events()`).
using EventCallback = std::function<void(const Event&)>;

/// @brief Identifies a callback registered with `Coordinator::on_event`; `Coordinator::off` takes it.
/// Ids are never reused by a Coordinator. A default-constructed subscription (id 0) is no one's.
struct EventSubscription {
    std::uint64_t id = 0;
    bool operator==(const EventSubscription&) const = default;
};

/// @brief Runs one claimed job of a type the host (or an integration) registered. Throw to fail the
/// attempt: `Error(kUnavailable)` and other errors are retried with backoff until the job's
/// `max_attempts`, then it is dead-lettered with the last error.
using JobHandler = std::function<void(const Job& job)>;

/// @brief Filters for `work_orders()`.
struct WorkOrderQuery {
    std::string status;    ///< e.g. "dispatched"; empty: all.
    std::string unit_id;   ///< Empty: all units.
    bool open_only = false;
    std::size_t limit = 0;
};

/// @brief The offline, deterministic provider the Coordinator uses when the host configures none (and
/// falls back to when a remote model fails): the maintenance workflow's rules on the `LlmProvider`
/// interface — it proposes the same tool calls a model would. No network, no keys. Thread-safe.
PROPOS_EXPORT std::shared_ptr<llm::LlmProvider> make_offline_maintenance_provider();

/// @brief The embeddable coordinator.
class PROPOS_EXPORT Coordinator {
public:
    /// @brief Builds the coordinator: opens the store if needed, registers the maintenance tools and
    /// (for the offline provider) their rules, and schedules the hourly stall check, the
    /// 15-minute escalation SLA check (`escalation.overdue`, reminders, fallback contact) and the
    /// daily renewal nudge (`RenewalOptions::cron`) for every organization. Throws `Error(kInvalidArgument)` when neither a store nor a database path is set.
    explicit Coordinator(CoordinatorOptions options);
    ~Coordinator();
    Coordinator(const Coordinator&) = delete;
    Coordinator& operator=(const Coordinator&) = delete;

    /// @brief Stores the raw payload first, then the message (deduplicated by provider message id,
    /// matched to a tenant or vendor by phone/email within `org`, threaded), and enqueues its workflow
    /// job — message and job in one transaction. A message that cannot be parsed or lacks required
    /// fields is kept as a dead letter and `Error(kInvalidArgument)` names the problem.
    IngestResult ingest(const OrgId& org, const IncomingMessage& message);

    /// @brief `ingest` for many messages of one organization with one commit (group commit): each
    /// message is ingested as by `ingest` — raw payload first, deduplicated, its job enqueued — and a
    /// bad one becomes a dead letter without stopping the others. Returns one outcome per message, in
    /// order. Store failures (e.g. the disk is full) throw and nothing of the batch is kept.
    std::vector<IngestOutcome> ingest_batch(const OrgId& org, const std::vector<IncomingMessage>& messages);

    /// @brief Keeps a payload that could not be turned into a message (e.g. malformed JSON) as a dead
    /// letter with `reason`; returns its raw payload id.
    std::int64_t dead_letter(const OrgId& org, const std::string& source, const std::string& content_type,
                             const std::string& payload, const std::string& reason);

    /// @brief Runs due jobs of every organization until none is due. Returns what it did.
    ///
    /// After each batch of jobs it keeps history search current with a bounded slice of indexing
    /// per organization — about eight events or records per job just run (256 to 4,096), so a
    /// large backlog of ingested messages is indexed alongside the jobs rather than before them —
    /// and, once no job is due, goes on indexing until it is caught up (issue 19).
    RunStats run_until_idle(std::size_t max_jobs = 0);

    /// @brief Advances a `ManualClock` to `now` (ignored for other clocks when `now` is not later),
    /// fires due schedules and runs due jobs until idle.
    RunStats tick(Timestamp now);

    /// @brief Simulates `duration` of time passing: advances a ManualClock step by step to each due
    /// job (so timers fire at their own times) and runs them. Throws `Error(kFailedPrecondition)`
    /// when the clock is not a ManualClock.
    RunStats advance(Millis duration);

    /// @brief Records and reconciles a vendor invoice (approved / blocked / flagged, with findings).
    Invoice submit_invoice(const OrgId& org, Invoice invoice);

    /// @brief A person assigns a vendor to a work order no vendor could be found for (or overrides
    /// the ranking while it is triaged, awaiting bids or awaiting approval). See
    /// `MaintenanceWorkflow::assign_vendor`: the spending policy applies, the vendor is messaged and
    /// escalations asking for a vendor are resolved. Runs nothing itself: call `run_until_idle`.
    /// Issue 20: kept as a `StaffDecision` with `note` (the person's reason, optional, at most
    /// `kMaxNoteBytes`), precedent for similar cases.
    WorkOrder assign_vendor(const OrgId& org, const WorkOrderId& work_order, const VendorId& vendor,
                            std::optional<Money> amount, const std::string& assigned_by,
                            const std::string& note = {});

    /// @brief Resolves an escalation with a person's decision and resumes whatever waited on it
    /// (an agent run, or an approval-dependent dispatch). Runs nothing itself: call `run_until_idle`.
    /// An `owner_approval` escalation takes a structured decision ("approve", "decline", or JSON
    /// `{"decision":"approve","amount_cents":N,"vendor_id":"..."}`) or free text read by
    /// `read_approval_text` ("don't approve" declines); it is recorded as "approve"/"decline" with
    /// `Escalation::resolution` saying what the approval covers (a later dispatch above the amount
    /// or to another vendor asks again). Throws `Error(kInvalidArgument)` for an approval decision
    /// that is neither (the escalation stays open), `Error(kNotFound)` for an unknown escalation,
    /// `Error(kFailedPrecondition)` when it is already resolved.
    /// Issue 20: the decision is also kept as a `StaffDecision` (with `note`, the person's own
    /// words, optional; for an approval, the note inside the decision when `note` is empty) that
    /// history search indexes as precedent for similar cases (kind "decision"); a note over
    /// `kMaxNoteBytes` or not UTF-8 throws `Error(kInvalidArgument)` and nothing is resolved.
    Escalation resolve_escalation(const OrgId& org, const EscalationId& id, const std::string& decision,
                                  const std::string& resolved_by, const std::string& note = {});
    /// @brief Decides an `owner_approval` escalation with a structured decision (approve or decline,
    /// the amount and vendor it covers) — `resolve_escalation` with its JSON form. Throws
    /// `Error(kFailedPrecondition)` for another kind of escalation and `Error(kInvalidArgument)`
    /// for an amount not above $0.00 or above `Policy::max_amount`.
    Escalation decide_approval(const OrgId& org, const EscalationId& id, const ApprovalDecision& decision,
                               const std::string& resolved_by);

    // ---- notes on work orders and staff decisions (issue 20; propos/workflows/decisions.hpp) ----
    /// @brief Adds a person's note to a work order (see `propos::add_work_order_note`): a `Note`
    /// record, an audit entry and a `work_order.note_added` event in one transaction; searchable
    /// (kind "note") from the next search or run. Throws `Error(kInvalidArgument)` for an empty
    /// text, one over `kMaxNoteBytes` or not UTF-8, an empty author; `Error(kNotFound)` when `org`
    /// has no such work order.
    Note add_work_order_note(const OrgId& org, const WorkOrderId& work_order, const std::string& author,
                             const std::string& text);
    /// @brief A work order's notes, oldest first. Throws `Error(kNotFound)` for an unknown work order.
    std::vector<Note> work_order_notes(const OrgId& org, const WorkOrderId& work_order);
    /// @brief Staff decisions (`StaffDecision`), oldest first: a work order's when `work_order` is
    /// non-empty, else all of the organization's.
    std::vector<StaffDecision> staff_decisions(const OrgId& org, const std::string& work_order = "");
    // ---- end notes and staff decisions ----

    // ---- queries (all organization-scoped) ----
    std::vector<WorkOrder> work_orders(const OrgId& org, const WorkOrderQuery& query = {});
    WorkOrder work_order(const OrgId& org, const WorkOrderId& id);
    /// @brief Conversation threads (with tenants, vendors and unknown senders), most recent first; at
    /// most `limit` (0: all).
    std::vector<Thread> threads(const OrgId& org, std::size_t limit = 0);
    /// @brief A thread's messages, oldest first.
    std::vector<Message> thread_messages(const OrgId& org, const ThreadId& thread);
    /// @brief Outbound messages (the outbox), oldest first.
    std::vector<Message> outbox(const OrgId& org, std::size_t limit = 0);
    std::vector<Escalation> escalations(const OrgId& org, bool open_only = true);
    /// @brief Events after `after_id` ("" from the start), oldest first.
    std::vector<Event> events(const OrgId& org, const std::string& after_id = "", std::size_t limit = 0);
    std::vector<AuditEvent> audit(const OrgId& org, std::int64_t after_seq = 0, std::size_t limit = 0);
    AuditVerification verify_audit(const OrgId& org);
    std::vector<Organization> organizations();

    /// @brief Searches an organization's history (work orders with resolution, vendor and cost;
    /// messages), best first — after indexing whatever changed since the last search. Errors as
    /// `HistorySearch::search`; `Error(kFailedPrecondition)` when history search is off.
    std::vector<SearchHit> search(const OrgId& org, const SearchQuery& query);
    /// @brief The history search in use, or null when `CoordinatorOptions::history_search` is false.
    HistorySearch* history_search() noexcept;

    /// @brief Registers a callback for every event of every organization (see `EventCallback`)
    /// and returns its subscription; pass that to `off` to stop it. Throws
    /// `Error(kInvalidArgument)` for an empty callback.
    EventSubscription on_event(EventCallback callback);
    /// @brief Unregisters the callback of `subscription`: no delivery that starts after `off`
    /// returns calls it (a delivery already running on another thread may finish). Returns false
    /// when it was not registered (already off, or another Coordinator's). Thread-safe; may be
    /// called from inside a callback.
    bool off(EventSubscription subscription);

    /// @brief The tools a workflow offers the model — names, descriptions and JSON Schemas of their
    /// arguments, in the order they are offered — for a host that writes its own `LlmProvider`
    /// (the same definitions arrive in each `LlmRequest::tools`). `workflow`: "maintenance" (the
    /// workflow of tenant messages; also ""). Throws `Error(kInvalidArgument)` naming the known
    /// workflows for any other name.
    std::vector<llm::ToolDefinition> tool_definitions(const std::string& workflow = "maintenance") const;

    /// @brief Registers the handler of jobs of `type` (a host's own job types, or an integration's,
    /// e.g. PMS sync). Built-in types cannot be replaced: throws `Error(kAlreadyExists)` for them
    /// and for a type registered before, `Error(kInvalidArgument)` for an empty type or handler.
    /// Register before running jobs; the handler runs on the thread that runs jobs.
    void register_job_handler(const std::string& type, JobHandler handler);

    /// @brief Handles a provider webhook as the host's HTTP layer received it, for `org`:
    /// authenticates it first (signature or token; a route with no credentials configured is
    /// answered 404 and nothing is kept; a request that fails, or whose body is over the
    /// endpoint's limit, is answered 401/403/413 and only counted with a bounded sample, see
    /// `webhook_rejections`), then keeps the raw request, then verifies the rest (replay window,
    /// our numbers) and parses it with the channels/pms handlers of `CoordinatorOptions::integrations`, and
    /// - an inbound SMS/email becomes an `IncomingMessage` (media as blob keys, email threading by
    ///   In-Reply-To/References) given to `ingest` — a provider retry is a duplicate, not a second
    ///   message; Twilio gets an empty TwiML answer (replies go out through the outbox);
    /// - delivery reports (SendGrid events, Twilio status callbacks) update the status of the
    ///   outbound message they are about (never backwards; each event once, by its event id),
    ///   with an audit entry and a "message.status" event; an opt-out is recorded on the tenant;
    /// - a PMS notification becomes a sync job per event (fetch the record, ingest a new resident
    ///   request as a portal message, audit updates), deduplicated by the PMS event id.
    /// A bad request is kept as a dead letter with the reason and answered 4xx (see
    /// `WebhookResponse::status`); nothing is ingested twice. Runs no jobs (call `run_until_idle`).
    /// Throws only when the store fails — answer 500 then, so the provider retries. Thread-safe.
    WebhookResponse handle_webhook(const OrgId& org, const WebhookRequest& request);
    // ---- Front door (issue 23) ----
    /// @brief Refused webhook requests of `org` (see `WebhookRejections`), newest hour first, at
    /// most `limit` hours (0: all).
    std::vector<WebhookRejections> webhook_rejections(const OrgId& org, std::size_t limit = 0);
    /// @brief Raw inbound payloads of `org` with `status` ("received", "processed", "dead"; ""
    /// for all), oldest first, at most `limit` (0: all). A payload still "received" after a
    /// restart was stranded by a crash: the Coordinator replays it (job "webhook.replay") once it
    /// is `IntegrationOptions::replay_stranded_after` old.
    std::vector<RawPayload> raw_payloads(const OrgId& org, const std::string& status,
                                         std::size_t limit = 0);
    // ---- end front door ----

    // ---- lease renewals (propos/workflows/renewal.hpp) ----
    /// @brief The leases of `org` that end after now and within `within` (all future ends when
    /// nullopt), soonest first, with their renewal state and first tenant.
    std::vector<ExpiringLease> expiring_leases(const OrgId& org, std::optional<Millis> within = std::nullopt);
    /// @brief Sends the renewal offer of `lease` now (see `RenewalWorkflow::offer_now`): offsets
    /// aside, the notice rules apply (a late offer raises `renewal_notice_late`). Returns the lease.
    /// Throws `Error(kNotFound)` for an unknown lease, `Error(kFailedPrecondition)` when it ended or
    /// its renewal is offered or decided. Runs nothing itself: call `run_until_idle` to deliver.
    Lease offer_renewal(const OrgId& org, const LeaseId& lease, const std::string& by);
    /// @brief Records a renewal decision made elsewhere (see `RenewalWorkflow::record_decision`):
    /// accepted (a `renewal_countersign` escalation) or declined (move-out to the lease end, a
    /// `renewal_declined` escalation). Throws `Error(kNotFound)` for an unknown lease,
    /// `Error(kFailedPrecondition)` when it is already accepted or declined.
    Lease record_renewal_decision(const OrgId& org, const LeaseId& lease, RenewalDecision decision,
                                  const std::string& by, const std::string& note = {});
    // ---- Onboarding (issue 17; see propos/workflows/onboarding.hpp) ----
    /// @brief The organization's move-in checklist: its own (`set_onboarding_checklist`), else the
    /// default one. Throws `Error(kInvalidArgument)` naming "checklist of org <id>" and the field
    /// when a stored checklist no longer passes the schema.
    Checklist onboarding_checklist(const OrgId& org);
    /// @brief Validates `checklist` against the schema and makes it the organization's own, with an
    /// audit entry and an `onboarding.checklist_set` event. Throws `Error(kInvalidArgument)` naming
    /// "checklist of org <id>" and the field (nothing is stored then). Started onboardings keep
    /// their items.
    Checklist set_onboarding_checklist(const OrgId& org, const Json& checklist, const std::string& set_by);
    /// @brief Starts the onboarding of `lease` now (the daily `onboarding.check` does it by itself
    /// `start_days_before` days before the lease starts): the items that apply, the welcome message
    /// (queued; call `run_until_idle` to deliver). Idempotent per lease. Throws `Error(kNotFound)`
    /// for an unknown lease, `Error(kFailedPrecondition)` when its unit or property is missing.
    Onboarding start_onboarding(const OrgId& org, const LeaseId& lease, const std::string& started_by);
    /// @brief Checks (or waives) an item of an onboarding; see `OnboardingWorkflow::check_item` for
    /// the errors. The onboarding completes (`onboarding.completed`) when nothing is left open.
    Onboarding check_onboarding_item(const OrgId& org, const std::string& onboarding_id, const std::string& item,
                                     const OnboardingCheck& check);
    /// @brief `check_onboarding_item` with the proof's bytes: they are stored in
    /// the organization's `IntegrationConfig::blob_store` and their key recorded. Throws `Error(kFailedPrecondition)`
    /// when no blob store is set, and what `BlobStore::put` throws (too large, I/O).
    Onboarding check_onboarding_item(const OrgId& org, const std::string& onboarding_id, const std::string& item,
                                     OnboardingCheck check, std::string_view proof_document);
    /// @brief The organization's onboardings, soonest move-in first; `lease` non-empty: that lease's.
    std::vector<Onboarding> onboardings(const OrgId& org, const std::string& lease = "");
    // ---- end Onboarding ----
    // ---- Follow-up cadences (issue 17; `propos/workflows/cadence.hpp` says what each does) ----
    /// @brief The organization's cadence definitions (its own, then the built-in ones it does not
    /// replace).
    std::vector<CadenceDefinition> cadence_definitions(const OrgId& org);
    /// @brief Replaces the organization's own cadence definitions with those in `json_text` (the
    /// schema of `cadence_schema()`); `source` (e.g. the file name) is named in errors. Throws
    /// `Error(kInvalidArgument)` naming the source and the field; nothing stored changes then.
    std::vector<CadenceDefinition> set_cadence_definitions(const OrgId& org, const std::string& json_text,
                                                           const std::string& source = "");
    /// @brief Enrols a tenant in a cadence (or returns their active enrolment for the purpose).
    /// Errors as `CadenceWorkflow::enrol`. Runs nothing itself: the steps run as jobs.
    CadenceEnrollment enrol_cadence(const OrgId& org, const CadenceRequest& request);
    /// @brief The messages an enrolment would send, rendered now, without storing or sending.
    std::vector<CadencePreviewStep> preview_cadence(const OrgId& org, const CadenceRequest& request);
    /// @brief The messages of an existing enrolment's steps, rendered now.
    std::vector<CadencePreviewStep> preview_cadence(const OrgId& org, const std::string& enrollment_id);
    /// @brief Cancels an active enrolment. Throws `Error(kNotFound)`, `Error(kFailedPrecondition)`.
    CadenceEnrollment cancel_cadence(const OrgId& org, const std::string& enrollment_id, const std::string& by,
                                     const std::string& reason = "cancelled");
    /// @brief Skips a pending step (name or 0-based index).
    CadenceEnrollment skip_cadence_step(const OrgId& org, const std::string& enrollment_id, const std::string& step,
                                        const std::string& by);
    /// @brief Moves a pending step (and with `rest` the later pending ones by the same amount).
    CadenceEnrollment reschedule_cadence_step(const OrgId& org, const std::string& enrollment_id,
                                              const std::string& step, Timestamp due_at, bool rest,
                                              const std::string& by);
    /// @brief Enrolments, most recent first.
    std::vector<CadenceEnrollment> cadence_enrollments(const OrgId& org, const CadenceQuery& query = {});
    /// @brief One enrolment. Throws `Error(kNotFound)`.
    CadenceEnrollment cadence_enrollment(const OrgId& org, const std::string& enrollment_id);
    /// @brief An enrolment's message log: each step with its message's status and delivery times.
    std::vector<CadenceLogEntry> cadence_log(const OrgId& org, const std::string& enrollment_id);
    // ---- end follow-up cadences ----
    // ---- compliance (propos/workflows/compliance.hpp): rule packs, calendar, items, proofs ----
    /// @brief The organization's compliance items (imported and from the rule packs), by due date.
    std::vector<ComplianceItem> compliance_items(const OrgId& org, const ComplianceQuery& query = {});
    /// @brief The deadline calendar of one property between two dates (rule, source, due date,
    /// window). Throws `Error(kNotFound)` for an unknown property.
    std::vector<ComplianceOccurrence> compliance_calendar(const OrgId& org, const PropertyId& property,
                                                          Timestamp from, Timestamp to);
    /// @brief Runs the daily compliance check of `org` now (the `compliance.check` job's work);
    /// returns the number of items it created.
    std::size_t check_compliance(const OrgId& org);
    /// @brief Marks an item done and creates its next occurrence (`ComplianceWorkflow::complete`).
    ComplianceItem complete_compliance_item(const OrgId& org, const ComplianceItemId& id, const std::string& by,
                                            const std::string& note = {});
    /// @brief Adds a document or photo to an item's proof log (bytes kept in the proof store, the
    /// SHA-256 in the audit entry; `ComplianceWorkflow::attach_proof`).
    ComplianceItem attach_compliance_proof(const OrgId& org, const ComplianceItemId& id, std::string_view data,
                                           const std::string& name, const std::string& content_type,
                                           const std::string& by);
    /// @brief `attach_compliance_proof` with a file's bytes.
    ComplianceItem attach_compliance_proof_file(const OrgId& org, const ComplianceItemId& id,
                                                const std::filesystem::path& file, const std::string& content_type,
                                                const std::string& by);
    /// @brief Records a tenant's answers to a notice and updates the tenant records
    /// (`ComplianceWorkflow::record_reply`).
    ComplianceItem record_notice_reply(const OrgId& org, const ComplianceItemId& id, const NoticeAnswers& answers,
                                       const std::string& by);
    /// @brief Loads a host rule pack file over the one of its jurisdiction. Throws
    /// `Error(kInvalidArgument)` naming the file and field when it fails the schema.
    void load_compliance_pack(const std::filesystem::path& file);
    /// @brief The rule packs in use.
    RuleBook& compliance_rules() noexcept;
    // ---- end compliance ----

    Store& store() noexcept;
    JobQueue& jobs() noexcept;
    AgentRunner& agent() noexcept;
    Clock& clock() noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace propos
