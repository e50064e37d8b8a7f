/// @file webhook_server.hpp
/// @brief A small, hardened HTTP front door (GNU libmicrohttpd) that mounts the provider webhooks
/// on a `Coordinator` and runs its worker: the request-handling core of the
/// `propos-webhook-server` example, kept as a library so tests can start it on 127.0.0.1.
///
/// Routes (POST, the organization from `?org=ORG`, else `WebhookServerOptions::default_org`):
///   /twilio/sms        Twilio inbound SMS/MMS (and status callbacks)
///   /twilio/status     Twilio message status callbacks
///   /sendgrid/inbound  SendGrid Inbound Parse (multipart/form-data, passed on raw)
///   /sendgrid/events   SendGrid Event Webhook
///   /pms/<name>        a PMS notification for the adapter named <name> ("buildium", "appfolio")
///   GET /healthz       "ok"
///
/// Every request is bounded before anything is processed (issue 23): the server is event-driven
/// (epoll), so a slow or idle client holds a socket, never a worker; connections are limited in
/// total and per client address; a connection with no request in progress is closed after
/// `idle_timeout` without traffic; a request (request line, headers and body) not complete within
/// `request_deadline` of its first byte is answered 408 and its connection closed, whether it
/// stalls or dribbles, in its headers or its body, first on its connection or kept alive after
/// others; a body larger than `max_request_bytes` is answered 413 as soon as that is known
/// (Content-Length, or the bytes received) and bodies held in memory at once are capped by
/// `max_buffered_bytes` (503 beyond). Only a request whose body arrived completely is handed to
/// `Coordinator::handle_webhook` (full URL as sent, headers, raw body) and answered with the
/// status, content type and body it returns. A worker thread runs `run_until_idle()` right after
/// each accepted request and every `worker_interval` (timers, retries, schedules such as PMS
/// polling).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "propos/coordinator.hpp"

namespace propos::examples {

/// @brief Options of `WebhookServer`. The defaults suit a server behind a reverse proxy or facing
/// the providers directly (docs/webhook-server.md).
struct WebhookServerOptions {
    std::string host = "127.0.0.1";  ///< Address to listen on (IPv4 or IPv6). Default: loopback.
    int port = 8080;                 ///< 0: a free port chosen by the system.
    /// The organization of requests without `?org=`. Default: "" (such requests get 404).
    std::string default_org;
    /// Bodies above this are answered 413 before anything is processed (the Coordinator applies
    /// its smaller per-endpoint limits after that). Default: 40 MiB (SendGrid mail is up to 30 MB,
    /// about 40 MB once encoded in the multipart body).
    std::size_t max_request_bytes = 40u << 20;
    /// All request bodies held in memory at once; a request that would go beyond is answered 503
    /// (the provider retries). Default: 256 MiB.
    std::size_t max_buffered_bytes = 256u << 20;
    /// Threads serving connections (each runs its own event loop; a request is handled on the
    /// thread that read it). Default: 4.
    unsigned threads = 4;
    /// Open connections at most (shared among the `threads`: each serves up to its share). While
    /// they are all open, new connections wait in the listen backlog, unanswered, and are
    /// accepted as others close. Default: 1000.
    unsigned max_connections = 1000;
    /// Open connections at most from one client address. Default: 64.
    unsigned max_connections_per_client = 64;
    /// The accept queue of the listening socket (`listen(2)` backlog). Default: 1024.
    unsigned listen_backlog = 1024;
    /// A connection with no traffic for this long is closed without an answer (between requests,
    /// or a reader that stops reading its response). Default: 10 s.
    std::chrono::seconds idle_timeout{10};
    /// A whole request (request line, headers and body) must arrive within this of its first
    /// byte; else it is answered 408 (`Connection: close`) and its connection is closed, with
    /// nothing processed. The first byte is read from the kernel's count of bytes received on
    /// the connection, checked every 100 ms (a request is cut at most 350 ms after its deadline).
    /// Default: 10 s (Twilio gives up after 15 s).
    std::chrono::milliseconds request_deadline{10000};
    /// How often the worker runs due jobs when no request wakes it. Default: 1 s.
    std::chrono::milliseconds worker_interval{1000};
    /// The worker runs jobs in slices of at most this many (`run_until_idle(worker_slice)`) and
    /// pauses 1 ms between slices: with group commit a slice holds the database's write lock, and
    /// requests wait for it. Default: 4.
    std::size_t worker_slice = 4;
    /// Run the worker thread. Default: true (tests may drive `run_until_idle` themselves).
    bool run_worker = true;
};

/// @brief What the front door refused or cut short since `start()` (for tests, logs and
/// monitoring). Requests handed to the Coordinator are counted in `handled`.
struct WebhookServerStats {
    std::uint64_t handled = 0;         ///< Complete requests handed to the Coordinator.
    std::uint64_t too_large = 0;       ///< Answered 413 by the front door.
    std::uint64_t timed_out = 0;       ///< Answered 408: past the request deadline.
    std::uint64_t incomplete = 0;      ///< Connection lost before the body was complete.
    std::uint64_t over_budget = 0;     ///< Answered 503: `max_buffered_bytes` reached.
    std::uint64_t not_found = 0;       ///< Unknown route or method (404/405).
    std::uint64_t open = 0;            ///< Connections open now (accepted and not closed).
};

/// @brief The server. `coordinator` must outlive it. Not copyable. `start`, `stop`, `wait`,
/// `wake` and `stats` may be called from any thread.
class WebhookServer {
public:
    WebhookServer(Coordinator& coordinator, WebhookServerOptions options);
    ~WebhookServer();
    WebhookServer(const WebhookServer&) = delete;
    WebhookServer& operator=(const WebhookServer&) = delete;

    /// @brief Binds and starts serving (and the worker) on background threads; returns the port.
    /// Throws `Error(kInvalidArgument)` for a host that is not an IP address and
    /// `Error(kUnavailable)` when the address cannot be bound.
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
    /// @brief The counters since `start()`.
    WebhookServerStats stats() const;

    struct Impl;  ///< The libmicrohttpd glue (webhook_server.cpp).

private:
    void worker_loop();

    Coordinator& coordinator_;
    WebhookServerOptions options_;
    std::unique_ptr<Impl> impl_;
    int port_ = 0;
    std::thread worker_thread_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stopping_ = false;
    bool stopped_ = false;
    bool wake_ = false;
};

}  // namespace propos::examples
