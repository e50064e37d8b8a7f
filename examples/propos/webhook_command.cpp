#include "webhook_command.hpp"

#include <CLI/CLI.hpp>

#include <fstream>
#include <iterator>
#include <ostream>

#include "propos/channels/sendgrid.hpp"
#include "propos/channels/twilio.hpp"
#include "propos/core/error.hpp"

namespace propos::cli {
namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::kIo, "cannot read " + path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

CLI::App* add_webhook_command(CLI::App& app, WebhookOptions& o) {
    auto* webhook = app.add_subcommand("webhook", "Check provider webhook signatures offline");
    webhook->require_subcommand(1);

    auto* twilio = webhook->add_subcommand("verify-twilio", "Verify an X-Twilio-Signature");
    twilio
        ->add_option("--url", o.url, "The full URL Twilio called (scheme, host, port, path, query)")
        ->required();
    twilio->add_option("--token", o.token, "The account's auth token")->required();
    twilio->add_option("--signature", o.signature, "The X-Twilio-Signature header")->required();
    twilio->add_option("--param", o.params, "A form parameter K=V (repeat for each, in any order)")
        ->check(CLI::Validator(
            [](std::string& s) {
                return s.find('=') == std::string::npos ? "expected K=V, got '" + s + "'"
                                                        : std::string();
            },
            "K=V"));
    twilio->add_option("--body", o.body_file, "A JSON body file (the URL then carries bodySHA256)")
        ->check(CLI::ExistingFile);

    auto* sendgrid =
        webhook->add_subcommand("verify-sendgrid", "Verify a SendGrid Event Webhook signature");
    sendgrid->add_option("--public-key", o.public_key, "The base64 verification key")->required();
    sendgrid->add_option("--timestamp", o.timestamp, "X-Twilio-Email-Event-Webhook-Timestamp")
        ->required();
    sendgrid->add_option("--signature", o.signature, "X-Twilio-Email-Event-Webhook-Signature")
        ->required();
    sendgrid->add_option("--payload", o.payload_file, "The raw request body, byte for byte")
        ->required()
        ->check(CLI::ExistingFile);
    return webhook;
}

int run_webhook(const CLI::App& webhook, const WebhookOptions& o, std::ostream& out, std::ostream& err) {
    bool valid = false;
    if (webhook.got_subcommand("verify-twilio")) {
        if (!channels::twilio_signature_well_formed(o.signature)) {
            const bool newline = o.signature.find_first_of("\r\n") != std::string::npos;
            out << "invalid\n";
            err << "propos: error: --signature is not one base64 value"
                << (newline ? " (it contains a newline: copy the header value without the line end)"
                            : " (only letters, digits, '+', '/' and '=' may appear)")
                << "\n";
            return 1;
        }
        channels::FormParams params;
        for (const auto& p : o.params) {
            const auto eq = p.find('=');
            params.emplace(p.substr(0, eq), p.substr(eq + 1));
        }
        valid = o.body_file.empty()
                    ? channels::verify_twilio_signature(o.url, o.token, o.signature, params)
                    : channels::verify_twilio_signature(o.url, o.token, o.signature, {},
                                                        read_file(o.body_file));
    } else {
        valid = channels::verify_sendgrid_signature(o.public_key, o.timestamp, o.signature,
                                                    read_file(o.payload_file));
    }
    out << (valid ? "valid" : "invalid") << "\n";
    return valid ? 0 : 1;
}

}  // namespace propos::cli
