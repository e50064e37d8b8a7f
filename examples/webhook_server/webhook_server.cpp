#include "webhook_server.hpp"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include "propos/core/logging.hpp"

namespace propos::examples {
namespace {

// The URL the provider called, as far as this host can tell: scheme, Host header, request target.
// Behind a proxy, `IntegrationConfig::public_base_url` supplies the public scheme and host.
std::string full_url(const httplib::Request& req, const std::string& host, int port) {
    std::string authority = req.get_header_value("Host");
    if (authority.empty()) authority = host + ":" + std::to_string(port);
    return "http://" + authority + (req.target.empty() ? req.path : req.target);
}

}  // namespace

WebhookServer::WebhookServer(Coordinator& coordinator, WebhookServerOptions options)
    : coordinator_(coordinator), options_(std::move(options)) {}

WebhookServer::~WebhookServer() {
    stop();
}

int WebhookServer::start() {
    http_ = std::make_unique<httplib::Server>();
    http_->set_payload_max_length(options_.max_request_bytes);
    auto mount = [this](const std::string& pattern, WebhookEndpoint endpoint) {
        http_->Post(pattern, [this, endpoint](const httplib::Request& req, httplib::Response& res,
                                              const httplib::ContentReader& reader) {
            // Raw bytes, exactly as sent (no multipart or form parsing by the HTTP layer).
            WebhookRequest w;
            reader([&](const char* data, std::size_t n) {
                w.body.append(data, n);
                return true;
            });
            w.endpoint = endpoint;
            if (endpoint == WebhookEndpoint::kPms) w.pms_system = req.matches[1];
            w.method = req.method;
            w.url = full_url(req, options_.host, port_);
            for (const auto& [k, v] : req.headers) w.headers.emplace_back(k, v);
            const std::string org =
                req.has_param("org") ? req.get_param_value("org") : options_.default_org;
            if (org.empty()) {
                res.status = 404;
                res.set_content("no organization: add ?org=ORG to the webhook URL\n", "text/plain");
                return;
            }
            try {
                const auto r = coordinator_.handle_webhook(OrgId(org), w);
                res.status = r.status;
                res.set_content(r.body, r.content_type.empty() ? "text/plain" : r.content_type);
                spdlog::info("{} {} -> {} ({})", req.method, req.path, r.status,
                             to_string(r.outcome));
                if (r.outcome == WebhookOutcome::kIngested ||
                    r.outcome == WebhookOutcome::kPmsEvents ||
                    r.outcome == WebhookOutcome::kStatusUpdates) {
                    wake();
                }
            } catch (const std::exception& e) {
                // The store failed: answer 500 so the provider retries later.
                spdlog::error("{} {} failed: {}", req.method, req.path, redact(e.what()));
                res.status = 500;
                res.set_content("internal error\n", "text/plain");
            }
        });
    };
    mount("/twilio/sms", WebhookEndpoint::kTwilio);
    mount("/twilio/status", WebhookEndpoint::kTwilio);
    mount("/sendgrid/inbound", WebhookEndpoint::kSendGridInbound);
    mount("/sendgrid/events", WebhookEndpoint::kSendGridEvents);
    mount(R"(/pms/([a-z0-9_-]+))", WebhookEndpoint::kPms);
    http_->Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
        res.set_content("ok\n", "text/plain");
    });

    if (options_.port == 0) {
        port_ = http_->bind_to_any_port(options_.host);
    } else {
        port_ = http_->bind_to_port(options_.host, options_.port) ? options_.port : -1;
    }
    if (port_ <= 0) {
        throw Error(ErrorCode::kUnavailable,
                    "cannot listen on " + options_.host + ":" + std::to_string(options_.port));
    }
    http_thread_ = std::thread([this] { http_->listen_after_bind(); });
    if (options_.run_worker) worker_thread_ = std::thread([this] { worker_loop(); });
    spdlog::info("listening on {}", url());
    return port_;
}

void WebhookServer::stop() {
    std::unique_lock lock(mu_);
    if (stopping_) {
        cv_.wait(lock, [this] { return stopped_; });  // another thread is stopping it
        return;
    }
    stopping_ = true;
    cv_.notify_all();
    lock.unlock();
    if (http_) {
        // The accept loop ignores stop() until it runs.
        for (int i = 0; i < 2000 && !http_->is_running(); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        http_->stop();
    }
    if (http_thread_.joinable()) http_thread_.join();
    if (worker_thread_.joinable()) worker_thread_.join();
    lock.lock();
    stopped_ = true;
    cv_.notify_all();
}

void WebhookServer::wait() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] { return stopped_; });
}

std::string WebhookServer::url() const {
    return "http://" + options_.host + ":" + std::to_string(port_);
}

void WebhookServer::wake() {
    {
        std::lock_guard lock(mu_);
        wake_ = true;
    }
    cv_.notify_all();
}

void WebhookServer::worker_loop() {
    for (;;) {
        {
            std::unique_lock lock(mu_);
            cv_.wait_for(lock, options_.worker_interval, [this] { return stopping_ || wake_; });
            if (stopping_) return;
            wake_ = false;
        }
        try {
            const auto stats = coordinator_.run_until_idle();
            if (stats.jobs_run)
                spdlog::debug("worker: {} job(s), {} failed", stats.jobs_run, stats.jobs_failed);
        } catch (const std::exception& e) {
            spdlog::error("worker: {}", redact(e.what()));
        }
    }
}

}  // namespace propos::examples
