/// @file intake.hpp
/// @brief The intake unit: the front door of every inbound message. It carries one normalized
/// message (`IncomingMessage`) from the webhook (or the host) to the workflow that owns it:
/// - at ingest, in the caller's transaction (`IntakeWorkflow::accept`): deduplication by provider
///   message id, sender matching (tenant, else vendor, by phone or email within the organization),
///   threading (the email answered — In-Reply-To, then References — else the sender's recent
///   thread, else a new one), the SMS keyword (STOP / START / HELP: the channel's verdict when it
///   gave one, else read here — once), the `inbound.message` job with the message's keyword, the
///   `message.received` audit entry and event;
/// - when its job runs (`handle`): opt-out / opt-in / help for a keyword, a "who are you" for an
///   unknown sender, vendor messages to vendor dispatch, a tenant's answer to the question an open
///   work order waits on to repair intake, and every other tenant message to the owner of its
///   intent (`classify_intent`): maintenance to repair intake, the others to
///   `route_tenant_request` (`tenant_requests.hpp`). Units subscribed with `add_listener` see every
///   tenant message first (`Workflow::observe_tenant_message`) and may take one before intent
///   routing (`Workflow::take_tenant_message`: a reply to a renewal offer, a document).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "propos/channels/inbound.hpp"
#include "propos/workflows/maintenance.hpp"
#include "propos/workflows/workflow.hpp"

namespace propos {

/// @brief A message as it arrives, before PropOS knows who sent it. Normalized by the channel
/// parsers (Twilio, SendGrid, PMS; see `incoming_from`) or built by the host.
struct IncomingMessage {
    std::string provider = "host";       ///< "twilio", "sendgrid", "portal", "cli", "host"...
    std::string provider_message_id;     ///< Deduplication key (e.g. Twilio MessageSid). Required.
    Channel channel = Channel::kSms;
    std::string from;                    ///< Phone (any format) or email.
    std::string to;
    std::string subject;
    std::string text;                    ///< What the agent reads (quotes/signatures stripped).
    Timestamp received_at{};             ///< Default: now.
    std::vector<std::string> media;      ///< Blob keys of attachments.
    /// Email threading: the provider id (or our own Message-ID, `<msg_...@domain>`) of the message
    /// answered. Default: "".
    std::string in_reply_to;
    /// Email threading: more ids the message may answer, best first (References, newest first);
    /// tried after `in_reply_to`. Default: none.
    std::vector<std::string> references;
    /// SMS carrier keyword as the channel read it (`channels::InboundMessage::keyword`). Unset
    /// (default): intake reads it from `text`. Set: used as is — a channel that says kNone is
    /// believed, and one that says kStop (e.g. Twilio's OptOutType for a custom opt-out word) too.
    std::optional<channels::SmsKeyword> keyword;
    /// The raw payload as received (stored before anything is parsed) and its content type.
    std::string raw_payload;
    std::string raw_content_type = "application/json";
    /// A raw payload the caller already stored (`handle_webhook` keeps the request before parsing
    /// it): `ingest` records the outcome on it instead of storing `raw_payload` again. Default: 0.
    std::int64_t raw_payload_id = 0;
};

/// @brief The result of `ingest`.
struct IngestResult {
    MessageId message_id;
    bool duplicate = false;  ///< Already ingested: nothing new was stored or enqueued.
    std::optional<TenantId> tenant_id;
    std::optional<VendorId> vendor_id;
    std::int64_t raw_payload_id = 0;
};

/// @brief The intake's form of a message a channel webhook parsed: provider, ids, channel,
/// addresses, subject, text (an email with only a subject reads as its subject), time, the media
/// kept as blob keys, the thread keys (`channels::thread_match_keys`) and the keyword as the
/// channel read it. Media not kept in a blob store are left out (the caller reports them).
PROPOS_EXPORT IncomingMessage incoming_from(const channels::InboundMessage& message);

/// @brief The intake unit (job type `inbound.message`).
class PROPOS_EXPORT IntakeWorkflow final : public Workflow {
public:
    /// @brief `services` and `maintenance` must outlive the unit.
    IntakeWorkflow(const WorkflowServices& services, MaintenanceWorkflow& maintenance);

    std::string name() const override { return "intake"; }
    std::vector<std::string> job_types() const override { return {job_types::kInboundMessage}; }

    /// @brief Stores `in` in `tx` (its raw payload `raw_id` is already stored and is marked
    /// processed): a duplicate of an inbound message already stored returns that message with
    /// `duplicate` set and changes nothing else; otherwise the message, its thread, its job, its
    /// audit entry and event are written. Throws what `tx` throws.
    IngestResult accept(Transaction& tx, const OrgId& org, const IncomingMessage& in, std::int64_t raw_id,
                        Timestamp now) const;

    /// @brief Hands the job's message to its owner (see the file comment). Throws on failure (the
    /// queue retries the job).
    void handle(const Job& job) override;

    /// @brief Subscribes `unit` to tenant messages (`Workflow::observe_tenant_message`,
    /// `Workflow::take_tenant_message`). Call before jobs run; `unit` must outlive the intake.
    void add_listener(Workflow& unit) { listeners_.push_back(&unit); }

private:
    const WorkflowServices& services_;
    MaintenanceWorkflow& maintenance_;
    std::vector<Workflow*> listeners_;
};

}  // namespace propos
