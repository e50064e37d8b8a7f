// A cpp-httplib server on 127.0.0.1 (a free port chosen by the system) serving on its own thread:
// the fake provider / PMS APIs of the loopback tests. Register routes on `server()` before
// `start()`; `stop()` (or the destructor) shuts it down and joins the thread.
#pragma once

#include <httplib.h>

#include <chrono>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "propos/core/http.hpp"

namespace propos::testing {

class LoopbackServer {
public:
    LoopbackServer() = default;
    ~LoopbackServer() { stop(); }
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;

    httplib::Server& server() { return server_; }

    /// Binds a free port on 127.0.0.1 and serves on a thread; returns the base URL
    /// ("http://127.0.0.1:<port>"). The socket listens once this returns.
    std::string start() {
        port_ = server_.bind_to_any_port("127.0.0.1");
        if (port_ <= 0) throw std::runtime_error("cannot bind a port on 127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        return url();
    }

    /// Stops serving and joins the thread. Clients should close their kept-alive connections
    /// first (destroy them), or the server waits for them to time out.
    void stop() {
        if (!thread_.joinable()) return;
        // stop() is ignored until the accept loop runs: wait for it.
        for (int i = 0; i < 2000 && !server_.is_running(); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        server_.stop();
        thread_.join();
    }

    int port() const noexcept { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
};

/// A fake API endpoint for fault injection: the n-th POST (1-based) to the route is answered by
/// `script(n, response)`, and `sleeper()` records a client's backoff waits instead of sleeping.
class ScriptedApi {
public:
    using Script = std::function<void(int n, httplib::Response& response)>;

    /// Mounts POST `pattern`, starts serving and returns the base URL.
    std::string start(const std::string& pattern, Script script) {
        loop_.server().Post(pattern, [this, script = std::move(script)](const httplib::Request&,
                                                                        httplib::Response& res) {
            int n = 0;
            {
                std::lock_guard lock(mu_);
                n = ++calls_;
            }
            script(n, res);
        });
        return loop_.start();
    }
    propos::Sleeper sleeper() {
        return [this](propos::Millis d) {
            std::lock_guard lock(mu_);
            waits_.push_back(d);
        };
    }
    int calls() {
        std::lock_guard lock(mu_);
        return calls_;
    }
    std::vector<propos::Millis> waits() {
        std::lock_guard lock(mu_);
        return waits_;
    }

private:
    std::mutex mu_;
    int calls_ = 0;
    std::vector<propos::Millis> waits_;
    LoopbackServer loop_;  // last: stopped first, while the members its handler uses still live
};

}  // namespace propos::testing
