// `propos webhook verify-twilio` and `propos webhook verify-sendgrid`: check a provider's webhook
// signature offline, as the webhook handlers do. Print "valid" (exit 0) or "invalid" (exit 1).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace propos::cli {

struct WebhookOptions {
    // verify-twilio
    std::string url;                  ///< The full webhook URL Twilio called.
    std::string token;                ///< The account's auth token.
    std::string signature;            ///< X-Twilio-Signature.
    std::vector<std::string> params;  ///< Form parameters as K=V (repeatable).
    std::string body_file;            ///< JSON body (the bodySHA256 variant), read byte for byte.
    // verify-sendgrid
    std::string public_key;    ///< Base64 verification key from the SendGrid settings.
    std::string timestamp;     ///< X-Twilio-Email-Event-Webhook-Timestamp.
    std::string payload_file;  ///< The raw request body, read byte for byte.
};

/// Adds the `webhook` command (with its two subcommands) to `app`; parsed values land in `options`,
/// which must outlive parsing. Returns the `webhook` command.
CLI::App* add_webhook_command(CLI::App& app, WebhookOptions& options);

/// Runs the parsed `webhook` subcommand: writes "valid" or "invalid" on `out` and returns 0 or 1.
/// Throws propos::Error(kIo) when a file cannot be read.
int run_webhook(const CLI::App& webhook_command, const WebhookOptions& options, std::ostream& out, std::ostream& err);

}  // namespace propos::cli
