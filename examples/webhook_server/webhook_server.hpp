/// @file webhook_server.hpp
/// @brief A small HTTP server (cpp-httplib) that mounts the provider webhooks on a `Coordinator`
/// and runs its worker: the request-handling core of the `propos-webhook-server` example, kept
/// as a library so tests can start it on 127.0.0.1.
///
/// Routes (POST, the organization from `?org=ORG`, else `WebhookServerOptions::default_org`):
///   /twilio/sms        Twilio inbound SMS/MMS (and status callbacks)
///   /twilio/status     Twilio message status callbacks
///   /sendgrid/inbound  SendGrid Inbound Parse
///   /sendgrid/events   SendGrid Event Webhook
///   /pms/<name>        a PMS notification for the adapter named <name> ("buildium", "appfolio")
///   GET /healthz       "ok"
/// Each request is handed to `Coordinator::handle_webhook` with its full URL, headers and raw body,
/// and answered with the status, content type and body it returns. A worker thread runs
/// `run_until_idle()` right after each accepted request and every `worker_interval` (timers,
/// retries, schedules such as PMS polling).
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "propos/coordinator.hpp"

namespace httplib {
class Server;
}

namespace propos::examples {

/// @brief Options of `WebhookServer`.
struct WebhookServerOptions {
    std::string host = "127.0.0.1";  ///< Address to listen on. Default: loopback only.
    int port = 8080;                 ///< 0: a free port chosen by the system.
    /// The organization of requests without `?org=`. Default: "" (such requests get 404).
    std::string default_org;
    /// Bodies above this are refused by the HTTP layer (413) before reaching the Coordinator,
    /// which keeps smaller oversized bodies as dead letters under its own per-endpoint limits.
    /// Default: 64 MiB.
    std::size_t max_request_bytes = 64u << 20;
    /// How often the worker runs due jobs when no request wakes it. Default: 1 s.
    std::chrono::milliseconds worker_interval{1000};
    /// Run the worker thread. Default: true (tests may drive `run_until_idle` themselves).
    bool run_worker = true;
};

/// @brief The server. `coordinator` must outlive it. Not copyable.
class WebhookServer {
public:
    WebhookServer(Coordinator& coordinator, WebhookServerOptions options);
    ~WebhookServer();
    WebhookServer(const WebhookServer&) = delete;
    WebhookServer& operator=(const WebhookServer&) = delete;

    /// @brief Binds and starts serving (and the worker) on background threads; returns the port.
    /// Throws `Error(kUnavailable)` when the address cannot be bound.
    int start();
    /// @brief Stops accepting, finishes the requests in flight and stops the worker; returns when
    /// all is stopped (also when another thread is stopping it). Idempotent.
    void stop();
    /// @brief Blocks until `stop()` has finished (called from another thread, e.g. on a signal).
    void wait();
    /// @brief "http://<host>:<port>".
    std::string url() const;
    /// @brief Wakes the worker now (it also wakes after every accepted request).
    void wake();

private:
    void worker_loop();

    Coordinator& coordinator_;
    WebhookServerOptions options_;
    std::unique_ptr<httplib::Server> http_;
    int port_ = 0;
    std::thread http_thread_;
    std::thread worker_thread_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stopping_ = false;
    bool stopped_ = false;
    bool wake_ = false;
};

}  // namespace propos::examples
