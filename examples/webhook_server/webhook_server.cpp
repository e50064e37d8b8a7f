#include "webhook_server.hpp"

#include <arpa/inet.h>
#include <linux/tcp.h>  // TCP_INFO with tcpi_bytes_received (glibc's netinet/tcp.h lacks it)
#include <microhttpd.h>
#include <netinet/in.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <cstdarg>
#include <cstddef>
#include <cstdio>
#include <optional>
#include <set>

#include "propos/core/logging.hpp"

namespace propos::examples {

using Steady = std::chrono::steady_clock;

namespace {

// One open connection, guarded by Impl::mu. Between requests it is idle (the idle timeout's); a
// request starts with its first byte (seen by the reaper in the socket's byte count, or at the
// latest when libmicrohttpd parses the request line) and from then on is bounded by the deadline
// until it is handed to the Coordinator or answered.
struct Conn {
    enum class Phase {
        kIdle,      // no request in progress (from the accept, or since the last response)
        kRequest,   // a request is arriving (headers or body): the deadline runs
        kHandling,  // inside Coordinator::handle_webhook (never cut short)
        kAnswered,  // a response is queued or written (the idle timeout bounds a slow reader)
    };
    int fd = -1;
    Phase phase = Phase::kIdle;
    Steady::time_point idle_since = Steady::now();
    std::uint64_t idle_bytes = 0;  // TCP bytes received when it became idle
    Steady::time_point started{};  // the first byte of the current request (kRequest)
    bool reaped = false;           // answered 408 and shut down by the reaper
};

// Bytes the kernel has received on `fd` (TCP_INFO, Linux 4.1+), or nullopt when it cannot tell.
std::optional<std::uint64_t> tcp_bytes_received(int fd) {
    tcp_info info{};
    socklen_t size = sizeof info;
    if (fd < 0 || ::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &size) != 0) return std::nullopt;
    if (size < offsetof(tcp_info, tcpi_bytes_received) + sizeof info.tcpi_bytes_received)
        return std::nullopt;
    return info.tcpi_bytes_received;
}

// "HTTP/1.1 <status> ..." with a text body and Connection: close, as bytes for the socket (for an
// answer that libmicrohttpd cannot queue: in the middle of a request).
std::string raw_answer(unsigned status, const std::string& why) {
    const std::string text = why + "\n";
    const char* phrase = MHD_get_reason_phrase_for(status);
    return "HTTP/1.1 " + std::to_string(status) + " " + (phrase ? phrase : "") +
           "\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(text.size()) +
           "\r\nConnection: close\r\n\r\n" + text;
}

// One request: its raw target as sent (for the signed URL), its route and its body so far.
struct Request {
    std::string uri;
    Conn* conn = nullptr;
    bool started = false;   // the access handler ran once (headers complete)
    bool answered = false;  // a response is queued
    bool handled = false;   // handed to the Coordinator
    bool body_started = false;  // body bytes arrived (a refusal must suspend to answer)
    std::optional<WebhookEndpoint> endpoint;
    std::string pms_system;
    std::string body;
    std::size_t reserved = 0;  // bytes counted in Impl::buffered
};

std::optional<std::pair<WebhookEndpoint, std::string>> route(std::string_view path) {
    if (path == "/twilio/sms" || path == "/twilio/status")
        return std::pair{WebhookEndpoint::kTwilio, std::string()};
    if (path == "/sendgrid/inbound") return std::pair{WebhookEndpoint::kSendGridInbound, std::string()};
    if (path == "/sendgrid/events") return std::pair{WebhookEndpoint::kSendGridEvents, std::string()};
    if (path.starts_with("/pms/") && path.size() > 5) {
        const auto name = path.substr(5);
        for (const char ch : name) {
            const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
            if (!ok) return std::nullopt;
        }
        return std::pair{WebhookEndpoint::kPms, std::string(name)};
    }
    return std::nullopt;
}

const char* header(MHD_Connection* c, const char* name) {
    return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

MHD_Result reply(MHD_Connection* c, unsigned status, const std::string& body,
                 const std::string& type, bool close) {
    auto* r = MHD_create_response_from_buffer(body.size(), const_cast<char*>(body.data()),
                                              MHD_RESPMEM_MUST_COPY);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type.c_str());
    if (close) MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
    const auto ok = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ok;
}

}  // namespace

struct WebhookServer::Impl {
    Impl(WebhookServer& s, Coordinator& c, const WebhookServerOptions& o)
        : server(s), coordinator(c), options(o) {}

    WebhookServer& server;
    Coordinator& coordinator;
    const WebhookServerOptions& options;
    MHD_Daemon* daemon = nullptr;
    int port = 0;

    std::atomic<std::size_t> buffered{0};
    std::atomic<std::uint64_t> handled{0}, too_large{0}, timed_out{0}, incomplete{0},
        over_budget{0}, not_found{0};

    // The reaper: notices the first byte of a request on an idle connection (the deadline starts
    // there) and answers 408 to a request past its deadline (e.g. still sending its headers one
    // byte at a time, or stalled in its body) — the request's thread waits in libmicrohttpd for
    // bytes that do not come, so the answer is written here, then the socket is shut down and
    // libmicrohttpd closes the connection (the notification below removes it under `mu` before
    // the socket is closed, so `fd` is valid while it is in `conns`).
    std::mutex mu;
    std::condition_variable cv;
    std::set<Conn*> conns;
    bool stopping = false;
    std::thread reaper;

    void reap_loop() {
        std::unique_lock lock(mu);
        const auto grace = std::chrono::milliseconds(250);
        while (!cv.wait_for(lock, std::chrono::milliseconds(100), [this] { return stopping; })) {
            const auto now = Steady::now();
            for (Conn* conn : conns) {
                if (conn->phase == Conn::Phase::kIdle) {
                    const auto bytes = tcp_bytes_received(conn->fd);
                    // Without the kernel's count, a request is taken to start when the
                    // connection became idle (a stricter deadline, never a looser one).
                    if (bytes && *bytes <= conn->idle_bytes) continue;
                    conn->phase = Conn::Phase::kRequest;
                    conn->started = bytes ? now : conn->idle_since;
                }
                if (conn->phase != Conn::Phase::kRequest) continue;
                if (now - conn->started <= options.request_deadline + grace) continue;
                conn->phase = Conn::Phase::kAnswered;
                conn->reaped = true;
                ++timed_out;  // before the client can see the answer
                const auto answer = raw_answer(
                    MHD_HTTP_REQUEST_TIMEOUT, "request not complete within " +
                                                  std::to_string(options.request_deadline.count()) +
                                                  " ms");
                (void)::send(conn->fd, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
                ::shutdown(conn->fd, SHUT_RDWR);
                spdlog::warn("request not complete within {} ms: answered 408, connection closed",
                             options.request_deadline.count());
            }
        }
    }

    // Moves the connection of `r` on to `next` (kHandling or kAnswered); false when the reaper
    // has answered it already (then nothing more may be written or processed).
    bool advance(const Request& r, Conn::Phase next) {
        if (!r.conn) return true;
        std::lock_guard lock(mu);
        if (r.conn->reaped) return false;
        r.conn->phase = next;
        return true;
    }

    static void on_connection(void* cls, MHD_Connection* c, void** socket_context,
                              MHD_ConnectionNotificationCode toe) {
        auto* self = static_cast<Impl*>(cls);
        if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
            auto* conn = new Conn;
            if (const auto* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD))
                conn->fd = info->connect_fd;
            *socket_context = conn;
            std::lock_guard lock(self->mu);
            self->conns.insert(conn);
        } else if (auto* conn = static_cast<Conn*>(*socket_context)) {
            {
                std::lock_guard lock(self->mu);
                self->conns.erase(conn);
            }
            delete conn;
            *socket_context = nullptr;
        }
    }

    static void* on_uri(void* cls, const char* uri, MHD_Connection* c) {
        auto* self = static_cast<Impl*>(cls);
        auto* r = new Request;
        r->uri = uri ? uri : "";
        if (const auto* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT)) {
            r->conn = static_cast<Conn*>(info->socket_context);
            if (r->conn) {
                // The request line is here: the request started now at the latest (the reaper
                // may have seen its first byte already).
                std::lock_guard lock(self->mu);
                if (r->conn->phase == Conn::Phase::kIdle) {
                    r->conn->phase = Conn::Phase::kRequest;
                    r->conn->started = Steady::now();
                }
            }
        }
        return r;
    }

    static void on_completed(void* cls, MHD_Connection*, void** con_cls,
                             MHD_RequestTerminationCode toe) {
        auto* self = static_cast<Impl*>(cls);
        auto* r = static_cast<Request*>(*con_cls);
        if (!r) return;
        bool reaped = false;
        if (r->conn) {
            std::lock_guard lock(self->mu);
            reaped = r->conn->reaped;
        }
        if (!r->handled && !r->answered && !reaped &&
            toe != MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN) {
            // The client went away (or was cut off) before its request was complete: nothing of
            // it was processed.
            ++self->incomplete;
            spdlog::info("request to {} dropped before it was complete ({} body bytes)",
                         r->uri.substr(0, r->uri.find('?')), r->body.size());
        }
        self->buffered -= r->reserved;
        if (r->conn && !reaped) {
            // Idle until the first byte of the next request (kept-alive connections).
            std::lock_guard lock(self->mu);
            r->conn->phase = Conn::Phase::kIdle;
            r->conn->idle_since = Steady::now();
            r->conn->idle_bytes = tcp_bytes_received(r->conn->fd).value_or(0);
        }
        delete r;
        *con_cls = nullptr;
    }

    static void on_log(void*, const char* fmt, va_list ap) {
        char line[512];
        std::vsnprintf(line, sizeof line, fmt, ap);
        std::string text(line);
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
        spdlog::warn("http: {}", text);
    }

    // Answers `status` (counted in `counter`) and ends the request: nothing of it is processed.
    MHD_Result refuse(MHD_Connection* c, Request& r, std::atomic<std::uint64_t>& counter,
                      unsigned status, std::string why) {
        r.answered = true;
        // What this request held leaves the shared budget now, not when libmicrohttpd gets round
        // to its completion callback: a concurrent body must not be refused for bytes already
        // thrown away.
        buffered -= r.reserved;
        r.reserved = 0;
        std::string().swap(r.body);
        if (!advance(r, Conn::Phase::kAnswered)) return MHD_NO;  // the reaper answered it
        ++counter;
        spdlog::warn("{} -> {}: {}", r.uri.substr(0, r.uri.find('?')), status, why);
        if (!r.body_started || !r.conn || r.conn->fd < 0)
            return reply(c, status, why + "\n", "text/plain", true);
        // In the middle of a body libmicrohttpd 0.9.75 takes no response: the answer is written
        // on the socket as it is (the thread owns the connection), then the connection is closed
        // (MHD_NO) so nothing of the request goes further.
        const auto answer = raw_answer(status, why);
        (void)::send(r.conn->fd, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        ::shutdown(r.conn->fd, SHUT_WR);
        return MHD_NO;
    }

    // True when the request of `r` is past its deadline (the reaper answers such a request within
    // its grace; a request whose bytes still come is answered here first).
    bool past_deadline(const Request& r) {
        if (!r.conn) return false;
        std::lock_guard lock(mu);
        return r.conn->phase == Conn::Phase::kRequest &&
               Steady::now() - r.conn->started > options.request_deadline;
    }

    MHD_Result access(MHD_Connection* c, const char* url, const char* method,
                      const char* upload_data, std::size_t* upload_size, void** con_cls) {
        auto* r = static_cast<Request*>(*con_cls);
        if (!r) return MHD_NO;  // not set by on_uri: cannot happen
        if (!r->started) {
            r->started = true;
            const std::string_view path = url ? url : "";
            if (path == "/healthz" && std::string_view(method) == "GET") {
                r->answered = true;
                if (!advance(*r, Conn::Phase::kAnswered)) return MHD_NO;
                return reply(c, MHD_HTTP_OK, "ok\n", "text/plain", false);
            }
            const auto target = route(path);
            if (!target) {
                return refuse(c, *r, not_found, MHD_HTTP_NOT_FOUND, "no such route");
            }
            if (std::string_view(method) != "POST") {
                return refuse(c, *r, not_found, MHD_HTTP_METHOD_NOT_ALLOWED, "use POST");
            }
            r->endpoint = target->first;
            r->pms_system = target->second;
            if (const char* length = header(c, MHD_HTTP_HEADER_CONTENT_LENGTH)) {
                const auto declared = std::strtoull(length, nullptr, 10);
                if (declared > options.max_request_bytes) {
                    return refuse(c, *r, too_large, MHD_HTTP_CONTENT_TOO_LARGE,
                                  "body of " + std::to_string(declared) +
                                      " bytes exceeds the limit of " +
                                      std::to_string(options.max_request_bytes) + " bytes");
                }
            }
            return MHD_YES;
        }
        if (*upload_size > 0) {
            const std::size_t n = *upload_size;
            *upload_size = 0;
            if (r->answered) return MHD_YES;  // refused already: the rest is discarded
            r->body_started = true;
            if (past_deadline(*r)) {
                return refuse(c, *r, timed_out, MHD_HTTP_REQUEST_TIMEOUT,
                              "request not complete within " +
                                  std::to_string(options.request_deadline.count()) + " ms");
            }
            if (r->body.size() + n > options.max_request_bytes) {
                return refuse(c, *r, too_large, MHD_HTTP_CONTENT_TOO_LARGE,
                              "body exceeds the limit of " +
                                  std::to_string(options.max_request_bytes) + " bytes");
            }
            if (buffered.fetch_add(n) + n > options.max_buffered_bytes) {
                buffered -= n;
                return refuse(c, *r, over_budget, MHD_HTTP_SERVICE_UNAVAILABLE,
                              "too many request bodies in flight: retry later");
            }
            r->reserved += n;
            r->body.append(upload_data, n);
            return MHD_YES;
        }
        if (r->answered) return MHD_YES;
        // The whole body is here: hand it over, unless the reaper answered it meanwhile.
        if (!advance(*r, Conn::Phase::kHandling)) return MHD_NO;
        return handle(c, *r);
    }

    MHD_Result handle(MHD_Connection* c, Request& r) {
        r.handled = true;
        ++handled;
        WebhookRequest w;
        w.endpoint = *r.endpoint;
        w.pms_system = r.pms_system;
        w.method = "POST";
        const char* host = header(c, MHD_HTTP_HEADER_HOST);
        w.url = "http://" +
                (host && *host ? std::string(host)
                               : options.host + ":" + std::to_string(port)) +
                r.uri;
        MHD_get_connection_values(
            c, MHD_HEADER_KIND,
            [](void* out, MHD_ValueKind, const char* k, const char* v) {
                static_cast<HttpHeaders*>(out)->emplace_back(k ? k : "", v ? v : "");
                return MHD_YES;
            },
            &w.headers);
        w.body = std::move(r.body);
        const char* org_arg = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "org");
        const std::string org = org_arg ? std::string(org_arg) : options.default_org;
        r.answered = true;
        const std::string path = r.uri.substr(0, r.uri.find('?'));
        WebhookResponse out;
        if (org.empty()) {
            out.status = MHD_HTTP_NOT_FOUND;
            out.body = "no organization: add ?org=ORG to the webhook URL\n";
        } else {
            try {
                out = coordinator.handle_webhook(OrgId(org), w);
                spdlog::info("POST {} -> {} ({})", path, out.status, to_string(out.outcome));
            } catch (const std::exception& e) {
                // The store failed: answer 500 so the provider retries later.
                spdlog::error("POST {} failed: {}", path, redact(e.what()));
                out.status = 500;
                out.body = "internal error\n";
                out.content_type = "text/plain";
            }
        }
        advance(r, Conn::Phase::kAnswered);  // never reaped while handling
        if (out.outcome == WebhookOutcome::kIngested || out.outcome == WebhookOutcome::kPmsEvents ||
            out.outcome == WebhookOutcome::kStatusUpdates) {
            server.wake();
        }
        return reply(c, static_cast<unsigned>(out.status), out.body,
                     out.content_type.empty() ? "text/plain" : out.content_type, false);
    }

    static MHD_Result on_access(void* cls, MHD_Connection* c, const char* url, const char* method,
                                const char*, const char* upload_data, std::size_t* upload_size,
                                void** con_cls) {
        return static_cast<Impl*>(cls)->access(c, url, method, upload_data, upload_size, con_cls);
    }
};

WebhookServer::WebhookServer(Coordinator& coordinator, WebhookServerOptions options)
    : coordinator_(coordinator), options_(std::move(options)) {}

WebhookServer::~WebhookServer() {
    stop();
}

int WebhookServer::start() {
    impl_ = std::make_unique<Impl>(*this, coordinator_, options_);
    sockaddr_storage addr{};
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
    auto* v4 = reinterpret_cast<sockaddr_in*>(&addr);
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&addr);
    if (::inet_pton(AF_INET, options_.host.c_str(), &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(static_cast<std::uint16_t>(options_.port));
    } else if (::inet_pton(AF_INET6, options_.host.c_str(), &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(static_cast<std::uint16_t>(options_.port));
        flags |= MHD_USE_IPv6;
    } else {
        throw Error(ErrorCode::kInvalidArgument,
                    "--host '" + options_.host + "' is not an IPv4 or IPv6 address");
    }
    if (options_.port < 0 || options_.port > 65535) {
        throw Error(ErrorCode::kInvalidArgument,
                    "port " + std::to_string(options_.port) + " is out of range 0-65535");
    }
    const auto idle = static_cast<unsigned>(std::max<long long>(1, options_.idle_timeout.count()));
    impl_->daemon = MHD_start_daemon(
        flags, static_cast<std::uint16_t>(options_.port), nullptr, nullptr, &Impl::on_access,
        impl_.get(),                                                                      //
        MHD_OPTION_EXTERNAL_LOGGER, &Impl::on_log, impl_.get(),                           //
        MHD_OPTION_SOCK_ADDR, reinterpret_cast<sockaddr*>(&addr),                         //
        MHD_OPTION_THREAD_POOL_SIZE, std::max(1u, options_.threads),                      //
        MHD_OPTION_CONNECTION_LIMIT, std::max(1u, options_.max_connections),              //
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, options_.max_connections_per_client,          //
        MHD_OPTION_CONNECTION_TIMEOUT, idle,                                              //
        MHD_OPTION_LISTEN_BACKLOG_SIZE, std::max(1u, options_.listen_backlog),            //
        MHD_OPTION_URI_LOG_CALLBACK, &Impl::on_uri, impl_.get(),                          //
        MHD_OPTION_NOTIFY_COMPLETED, &Impl::on_completed, impl_.get(),                    //
        MHD_OPTION_NOTIFY_CONNECTION, &Impl::on_connection, impl_.get(),                  //
        MHD_OPTION_END);
    if (!impl_->daemon) {
        impl_.reset();
        throw Error(ErrorCode::kUnavailable,
                    "cannot listen on " + options_.host + ":" + std::to_string(options_.port));
    }
    const auto* info = MHD_get_daemon_info(impl_->daemon, MHD_DAEMON_INFO_BIND_PORT);
    port_ = info ? info->port : options_.port;
    impl_->port = port_;
    impl_->reaper = std::thread([this] { impl_->reap_loop(); });
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
    if (impl_) {
        if (impl_->daemon) MHD_stop_daemon(impl_->daemon);  // waits for its threads
        impl_->daemon = nullptr;
        {
            std::lock_guard reaper_lock(impl_->mu);
            impl_->stopping = true;
        }
        impl_->cv.notify_all();
        if (impl_->reaper.joinable()) impl_->reaper.join();
    }
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
    const bool v6 = options_.host.find(':') != std::string::npos;
    return "http://" + (v6 ? "[" + options_.host + "]" : options_.host) + ":" +
           std::to_string(port_);
}

WebhookServerStats WebhookServer::stats() const {
    if (!impl_) return {};
    std::size_t open = 0;
    {
        std::lock_guard lock(impl_->mu);
        open = impl_->conns.size();
    }
    return {.handled = impl_->handled,
            .too_large = impl_->too_large,
            .timed_out = impl_->timed_out,
            .incomplete = impl_->incomplete,
            .over_budget = impl_->over_budget,
            .not_found = impl_->not_found,
            .open = open};
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
            // Slices, with a pause between them so that requests waiting for the database's write
            // lock get it (a mutex does not queue its waiters fairly).
            for (;;) {
                const auto stats = coordinator_.run_until_idle(std::max<std::size_t>(1, options_.worker_slice));
                if (stats.jobs_run)
                    spdlog::debug("worker: {} job(s), {} failed", stats.jobs_run, stats.jobs_failed);
                if (stats.jobs_run < std::max<std::size_t>(1, options_.worker_slice)) break;
                {
                    std::lock_guard lock(mu_);
                    if (stopping_) return;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
        } catch (const std::exception& e) {
            spdlog::error("worker: {}", redact(e.what()));
        }
    }
}

}  // namespace propos::examples
