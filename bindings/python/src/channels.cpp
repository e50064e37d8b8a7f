// The channels layer: OutboundChannel (Python subclasses through a trampoline) and its records, and the
// built-in blob stores (BlobStore: local directory, memory) for attachments and proofs. A
// channel object is also a Coordinator deliverer: `deliverers={"sms": channel}`.
#include <map>
#include <mutex>

#include "common.hpp"
#include "propos/channels/blob_store.hpp"
#include "propos/channels/outbound.hpp"
#include "propos/channels/sendgrid.hpp"
#include "propos/channels/twilio.hpp"

namespace propos_py {
namespace {

using namespace propos;
using namespace propos::channels;

/// Python subclasses of OutboundChannel implement channel() -> str, provider() -> str and
/// send(message) -> SendResult (or a dict of its fields, or just the provider message id).
/// find_sent()/remember() are optional: by default successful sends are remembered by idempotency
/// key for the object's lifetime and a repeated key is answered from memory (duplicate=True).
class PyOutboundChannel : public OutboundChannel, public py::trampoline_self_life_support {
public:
    Channel channel() const noexcept override {
        std::call_once(channel_once_, [&] {
            try {
                channel_ = call_override<Channel>(base(), "channel", "OutboundChannel.channel");
            } catch (const std::exception&) {
                channel_ = Channel::kSms;
            }
        });
        return channel_;
    }
    std::string_view provider() const noexcept override {
        std::call_once(provider_once_, [&] {
            try {
                provider_ = call_override<std::string>(base(), "provider", "OutboundChannel.provider");
            } catch (const std::exception&) {
                provider_ = "python";
            }
        });
        return provider_;
    }
    SendResult send(const OutboundMessage& message) override {
        if (message.idempotency_key.empty()) {
            throw Error(ErrorCode::kInvalidArgument, "OutboundChannel.send: the message has no idempotency key");
        }
        if (auto sent = find_sent(message.idempotency_key)) {
            sent->duplicate = true;
            sent->attempts = 0;
            return *sent;
        }
        SendResult result;
        {
            py::gil_scoped_acquire gil;
            py::object out = call_override<py::object>(base(), "send", "OutboundChannel.send", message);
            if (py::isinstance<py::str>(out)) {
                result.provider = std::string(provider());
                result.provider_message_id = out.cast<std::string>();
                result.attempts = 1;
            } else {
                result = call_cast(out);
            }
        }
        if (result.provider.empty()) result.provider = std::string(provider());
        remember(message.idempotency_key, result);
        return result;
    }
    std::optional<SendResult> find_sent(std::string_view key) const override {
        if (overridden("find_sent")) {
            return call_override<std::optional<SendResult>>(base(), "find_sent", "OutboundChannel.find_sent",
                                                            std::string(key));
        }
        std::lock_guard lock(mu_);
        auto it = sent_.find(std::string(key));
        if (it == sent_.end()) return std::nullopt;
        return it->second;
    }
    void remember(std::string_view key, const SendResult& result) override {
        if (overridden("remember")) {
            return call_override<void>(base(), "remember", "OutboundChannel.remember", std::string(key), result);
        }
        std::lock_guard lock(mu_);
        sent_[std::string(key)] = result;
    }

private:
    const OutboundChannel* base() const { return this; }
    bool overridden(const char* method) const {
        py::gil_scoped_acquire gil;
        return static_cast<bool>(py::get_override(base(), method));
    }
    static SendResult call_cast(py::handle h) {
        try {
            return h.cast<SendResult>();
        } catch (const py::cast_error&) {
            throw Error(ErrorCode::kInvalidArgument,
                        "OutboundChannel.send must return a SendResult, a dict or the provider message id, not " +
                            std::string(py::str(py::type::handle_of(h).attr("__name__"))));
        }
    }

    mutable std::once_flag channel_once_, provider_once_;
    mutable Channel channel_ = Channel::kSms;
    mutable std::string provider_;
    mutable std::mutex mu_;
    std::map<std::string, SendResult> sent_;
};

}  // namespace

void bind_channels(py::module_& m) {
    // ---- inbound webhook options (Coordinator integrations) ----
    Record<TwilioWebhookOptions>(m, "TwilioWebhookOptions",
                                 "Verification and limits of Twilio webhooks (inbound SMS/MMS, status callbacks).")
        .field("auth_token", &TwilioWebhookOptions::auth_token, "Signs X-Twilio-Signature (a secret).")
        .field("verify_signature", &TwilioWebhookOptions::verify_signature)
        .field("account_sid", &TwilioWebhookOptions::account_sid, "When set, other accounts are refused.")
        .field("our_numbers", &TwilioWebhookOptions::our_numbers, "When set, messages to other numbers are refused.")
        .field("max_body_bytes", &TwilioWebhookOptions::max_body_bytes)
        .field("default_country_code", &TwilioWebhookOptions::default_country_code);
    Record<SendGridInboundOptions>(m, "SendGridInboundOptions", "Limits of SendGrid Inbound Parse webhooks.")
        .field("max_body_bytes", &SendGridInboundOptions::max_body_bytes)
        .field("max_attachment_bytes", &SendGridInboundOptions::max_attachment_bytes)
        .field("max_attachments", &SendGridInboundOptions::max_attachments)
        .field("our_addresses", &SendGridInboundOptions::our_addresses)
        .field("url_token", &SendGridInboundOptions::url_token,
               "When set, the webhook URL must carry ?token=<url_token> (Inbound Parse is unsigned).");
    Record<SendGridEventOptions>(m, "SendGridEventOptions", "Verification of the SendGrid Event Webhook.")
        .field("public_key", &SendGridEventOptions::public_key, "The ECDSA P-256 verification key (base64 DER).")
        .field("verify_signature", &SendGridEventOptions::verify_signature)
        .field("timestamp_tolerance", &SendGridEventOptions::timestamp_tolerance)
        .field("max_body_bytes", &SendGridEventOptions::max_body_bytes);

    Record<OutboundMessage>(m, "OutboundMessage", "One message to send.")
        .field("channel", &OutboundMessage::channel)
        .field("idempotency_key", &OutboundMessage::idempotency_key)
        .field("to", &OutboundMessage::to)
        .field("from_", &OutboundMessage::from)
        .field("subject", &OutboundMessage::subject)
        .field("text", &OutboundMessage::text)
        .field("html", &OutboundMessage::html)
        .field("media_urls", &OutboundMessage::media_urls)
        .field("in_reply_to", &OutboundMessage::in_reply_to)
        .field("references", &OutboundMessage::references)
        .field("headers", &OutboundMessage::headers)
        .field("metadata", &OutboundMessage::metadata)
        .field("status_callback", &OutboundMessage::status_callback);
    Record<SendResult>(m, "SendResult", "What a provider answered for an accepted message.")
        .field("provider", &SendResult::provider)
        .field("provider_message_id", &SendResult::provider_message_id)
        .field("status", &SendResult::status)
        .field("provider_status", &SendResult::provider_status)
        .field("duplicate", &SendResult::duplicate)
        .field("attempts", &SendResult::attempts)
        .field("http_status", &SendResult::http_status);
    m.def("to_outbound_message", &to_outbound_message, py::arg("message"),
          "The OutboundMessage for a stored Message (idempotency key = message id).");

    const auto release = py::call_guard<py::gil_scoped_release>();
    py::class_<OutboundChannel, PyOutboundChannel, py::smart_holder> channel(
        m, "OutboundChannel",
        "Delivers outbound messages through one provider. Subclass it in Python (see the stub for "
        "the methods; a subclass missing channel(), provider() or send() cannot be instantiated). "
        "Calling the object, channel(org, message), delivers a stored Message and returns the "
        "provider message id, so a channel can be given as a Coordinator deliverer.");
    channel.def(py::init<>())
        .def("channel", &OutboundChannel::channel)
        .def("provider", [](const OutboundChannel& c) { return std::string(c.provider()); })
        .def("send", &OutboundChannel::send, py::arg("message"), release)
        .def("find_sent", &OutboundChannel::find_sent, py::arg("idempotency_key"), release)
        .def("remember", &OutboundChannel::remember, py::arg("idempotency_key"), py::arg("result"), release)
        .def(
            "__call__",
            [](OutboundChannel& c, const OrgId&, const Message& message) {
                return nogil([&] { return c.send(to_outbound_message(message)).provider_message_id; });
            },
            py::arg("org"), py::arg("message"));
    require_methods(channel, {"channel", "provider", "send"});

    // ---- blob stores: tenant attachments and proofs (IntegrationConfig.blob_store,
    // ComplianceOptions.proof_store) ----
    py::class_<BlobStore, py::smart_holder>(
        m, "BlobStore",
        "Content-addressed storage for attachment and proof bytes, keyed 'sha256:<hex>' of the content. "
        "Make one with local_blob_store() or memory_blob_store(); give each organization its own.")
        .def(
            "put", [](BlobStore& b, const py::bytes& data) {
                std::string bytes = data;
                return nogil([&] { return b.put(bytes); });
            },
            py::arg("data"),
            "Stores the bytes; returns their key. ResourceExhausted when larger than max_blob_bytes.")
        .def(
            "get",
            [](BlobStore& b, const std::string& key) -> std::optional<py::bytes> {
                auto data = nogil([&] { return b.get(key); });
                if (!data) return std::nullopt;
                return py::bytes(*data);
            },
            py::arg("key"), "The bytes stored under `key`, or None; InvalidArgument for a malformed key.")
        .def("contains", &BlobStore::contains, py::arg("key"), release)
        .def_property_readonly("max_blob_bytes", &BlobStore::max_blob_bytes);
    m.def(
        "local_blob_store",
        [](py::object dir, std::uint64_t max_blob_bytes) {
            return std::shared_ptr<BlobStore>(make_local_blob_store(fspath(dir), BlobStoreOptions{max_blob_bytes}));
        },
        py::arg("directory"), py::arg("max_blob_bytes") = BlobStoreOptions{}.max_blob_bytes,
        "A blob store in a local directory (created if missing); Io when it cannot be created.");
    m.def(
        "memory_blob_store",
        [](std::uint64_t max_blob_bytes) {
            return std::shared_ptr<BlobStore>(make_memory_blob_store(BlobStoreOptions{max_blob_bytes}));
        },
        py::arg("max_blob_bytes") = BlobStoreOptions{}.max_blob_bytes,
        "A blob store in memory (tests, notebooks): its bytes last as long as the process.");
    m.def(
        "blob_key_for", [](const py::bytes& data) { return blob_key_for(std::string(data)); }, py::arg("data"),
        "The key a blob store gives these bytes: 'sha256:<hex>'.");
}

}  // namespace propos_py
