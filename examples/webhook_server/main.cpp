// propos-webhook-server: mounts the Twilio, SendGrid and PMS webhooks on a Coordinator and runs its
// worker, behind a bounded front door (docs/webhook-server.md). Secrets come from the environment, never from flags (they would show in `ps`).
//
//   TWILIO_AUTH_TOKEN, TWILIO_ACCOUNT_SID, TWILIO_NUMBERS (comma-separated), TWILIO_FROM
//   SENDGRID_EVENT_PUBLIC_KEY, SENDGRID_INBOUND_TOKEN, SENDGRID_INBOUND_ADDRESSES
//   (comma-separated), SENDGRID_API_KEY, SENDGRID_FROM BUILDIUM_CLIENT_ID, BUILDIUM_CLIENT_SECRET,
//   BUILDIUM_WEBHOOK_SECRET, BUILDIUM_BASE_URL
//
// With TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN + TWILIO_FROM the outbox goes out by SMS through
// Twilio, with SENDGRID_API_KEY + SENDGRID_FROM by email through SendGrid; otherwise it is only
// recorded (the outbox).
#include <pthread.h>
#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <thread>

#include "propos/pms/buildium.hpp"
#include "propos/propos.hpp"
#include "webhook_server.hpp"

namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
}

std::set<std::string> env_list(const char* name) {
    std::set<std::string> out;
    std::stringstream in(env(name));
    for (std::string item; std::getline(in, item, ',');) {
        if (!item.empty()) out.insert(item);
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"PropOS webhook server: Twilio, SendGrid and PMS webhooks on a Coordinator",
                 "propos-webhook-server"};
    std::string db;
    std::string host = "127.0.0.1";
    int port = 8080;
    std::string org;
    std::string public_url;
    std::string portfolio;
    std::string blob_dir;
    std::string log_level = "info";
    app.add_option("--db", db, "SQLite database file")->required();
    app.add_option("--host", host, "Address to listen on")->default_val("127.0.0.1");
    app.add_option("--port", port, "Port (0: any free port)")->default_val(8080);
    app.add_option("--org", org, "Organization of requests without ?org=ORG");
    app.add_option(
        "--public-url", public_url,
        "Public base URL the providers call (e.g. https://hooks.example.com) when behind a proxy");
    app.add_option("--portfolio", portfolio, "Import this propos.portfolio/1 JSON file at start");
    app.add_option("--blob-dir", blob_dir, "Keep media and attachments in this directory");
    app.add_option("--log-level", log_level, "trace, debug, info, warn, error or off")
        ->default_val("info");
    // The front door's bounds (issue 23; defaults in webhook_server.hpp).
    propos::examples::WebhookServerOptions limits;
    unsigned idle_s = static_cast<unsigned>(limits.idle_timeout.count());
    unsigned deadline_ms = static_cast<unsigned>(limits.request_deadline.count());
    app.add_option("--threads", limits.threads, "Threads serving connections")
        ->default_val(limits.threads)
        ->check(CLI::Range(1u, 256u));
    app.add_option("--max-connections", limits.max_connections, "Open connections at most")
        ->default_val(limits.max_connections)
        ->check(CLI::Range(1u, 1000000u));
    app.add_option("--max-connections-per-client", limits.max_connections_per_client,
                   "Open connections at most from one client address (0: no limit)")
        ->default_val(limits.max_connections_per_client);
    app.add_option("--listen-backlog", limits.listen_backlog, "Accept queue of the listening socket")
        ->default_val(limits.listen_backlog)
        ->check(CLI::Range(1u, 65535u));
    app.add_option("--idle-timeout", idle_s, "Close a connection idle this many seconds")
        ->default_val(idle_s)
        ->check(CLI::Range(1u, 3600u));
    app.add_option("--request-deadline-ms", deadline_ms,
                   "A whole request must arrive within this many milliseconds (else 408)")
        ->default_val(deadline_ms)
        ->check(CLI::Range(100u, 600000u));
    app.add_option("--max-request-bytes", limits.max_request_bytes,
                   "Larger bodies are answered 413 before anything is processed")
        ->default_val(limits.max_request_bytes);
    app.add_option("--worker-slice", limits.worker_slice,
                   "Jobs the worker runs at a time between requests")
        ->default_val(limits.worker_slice)
        ->check(CLI::Range(std::size_t{1}, std::size_t{1000}));
    app.add_option("--max-buffered-bytes", limits.max_buffered_bytes,
                   "All request bodies in memory at once (503 beyond)")
        ->default_val(limits.max_buffered_bytes);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }

    // SIGINT/SIGTERM are taken by a thread that stops the server (no global state, no handler).
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    try {
        propos::setup_logging(propos::parse_log_level(log_level));
        auto store = std::shared_ptr<propos::Store>(propos::open_sqlite_store(db));
        if (!portfolio.empty()) {
            std::ifstream in(portfolio);
            if (!in) throw propos::Error(propos::ErrorCode::kIo, "cannot read " + portfolio);
            std::stringstream text;
            text << in.rdbuf();
            propos::import_portfolio(*store, propos::parse_json(text.str(), portfolio),
                                     propos::system_clock()->now());
        }

        propos::IntegrationConfig cfg;
        cfg.public_base_url = public_url;
        cfg.twilio.auth_token = env("TWILIO_AUTH_TOKEN");
        cfg.twilio.account_sid = env("TWILIO_ACCOUNT_SID");
        cfg.twilio.our_numbers = env_list("TWILIO_NUMBERS");
        cfg.sendgrid_events.public_key = env("SENDGRID_EVENT_PUBLIC_KEY");
        cfg.sendgrid_inbound.url_token = env("SENDGRID_INBOUND_TOKEN");
        cfg.sendgrid_inbound.our_addresses = env_list("SENDGRID_INBOUND_ADDRESSES");
        if (!blob_dir.empty()) cfg.blob_store = propos::channels::make_local_blob_store(blob_dir);
        auto http = std::shared_ptr<propos::HttpClient>(propos::make_curl_http_client());
        if (cfg.blob_store && !cfg.twilio.account_sid.empty()) {
            cfg.twilio_media = {.account_sid = cfg.twilio.account_sid,
                                .auth_token = cfg.twilio.auth_token};
            cfg.media_http = http;
        }
        if (!env("BUILDIUM_CLIENT_ID").empty()) {
            propos::pms::BuildiumOptions b;
            if (!env("BUILDIUM_BASE_URL").empty()) b.base_url = env("BUILDIUM_BASE_URL");
            b.client_id = env("BUILDIUM_CLIENT_ID");
            b.client_secret = env("BUILDIUM_CLIENT_SECRET");
            b.webhook_secret = env("BUILDIUM_WEBHOOK_SECRET");
            cfg.pms["buildium"] = std::make_shared<propos::pms::BuildiumAdapter>(http, b);
        }

        propos::CoordinatorOptions o;
        o.store = store;
        // Small job batches: with group commit a batch holds the write lock that webhooks wait for.
        o.batch_size = limits.worker_slice;
        o.integrations.defaults = cfg;
        if (!cfg.twilio.account_sid.empty() && !cfg.twilio.auth_token.empty() &&
            !env("TWILIO_FROM").empty()) {
            propos::channels::TwilioOptions t;
            t.account_sid = cfg.twilio.account_sid;
            t.auth_token = cfg.twilio.auth_token;
            t.from = env("TWILIO_FROM");
            o.deliverers[propos::Channel::kSms] = propos::make_channel_deliverer(
                propos::channels::make_twilio_channel(http, t), {.store = store});
        }
        if (!env("SENDGRID_API_KEY").empty() && !env("SENDGRID_FROM").empty()) {
            propos::channels::SendGridOptions s;
            s.api_key = env("SENDGRID_API_KEY");
            s.from_email = env("SENDGRID_FROM");
            const auto domain = s.from_email.substr(s.from_email.find('@') + 1);
            o.deliverers[propos::Channel::kEmail] =
                propos::make_channel_deliverer(propos::channels::make_sendgrid_channel(http, s),
                                               {.store = store, .email_domain = domain});
        }
        propos::Coordinator coordinator(std::move(o));

        limits.host = host;
        limits.port = port;
        limits.default_org = org;
        limits.idle_timeout = std::chrono::seconds(idle_s);
        limits.request_deadline = std::chrono::milliseconds(deadline_ms);
        propos::examples::WebhookServer server(coordinator, limits);
        server.start();
        std::cout << "propos-webhook-server listening on " << server.url() << std::endl;
        std::thread signal_thread([&] {
            int sig = 0;
            sigwait(&signals, &sig);
            server.stop();
        });
        server.wait();
        // Stopped by a signal: the signal thread has returned (or returns now).
        signal_thread.join();
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "propos-webhook-server: error: " << e.what() << "\n";
        return 1;
    }
}
