// A loopback HTTP server for the tests of HTTP clients (HttpClient, the LLM providers): cpp-httplib
// on 127.0.0.1 with an ephemeral port, answering with queued replies (status, body, headers, an
// optional delay, or a body cut short) and recording every request it sees.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "propos/core/clock.hpp"

namespace propos::testing {

// A loopback HTTP server (127.0.0.1, ephemeral port) that answers with queued replies and records
// every request. Stopped (and any delayed reply released) on destruction.
class FakeServer {
public:
    struct Reply {
        int status = 200;
        std::string body;
        std::vector<std::pair<std::string, std::string>> headers;
        Millis delay{0};
        bool cut =
            false;  // announce twice the body's length, send the body, then drop the connection
    };
    struct Seen {
        std::string method, path, body;
        httplib::Headers headers;
        int remote_port = 0;
        std::string header(const std::string& name) const {
            auto it = headers.find(name);
            return it == headers.end() ? std::string() : it->second;
        }
    };

    FakeServer() {
        server_.set_keep_alive_timeout(1);
        server_.set_keep_alive_max_count(1000);
        server_.set_tcp_nodelay(true);
        auto handler = [this](const httplib::Request& req, httplib::Response& res) {
            handle(req, res);
        };
        server_.Get(".*", handler);
        server_.Post(".*", handler);
        server_.Put(".*", handler);
        server_.Patch(".*", handler);
        server_.Delete(".*", handler);
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~FakeServer() { stop(); }
    FakeServer(const FakeServer&) = delete;
    FakeServer& operator=(const FakeServer&) = delete;

    void stop() {
        {
            std::lock_guard lock(mu_);
            released_ = true;
        }
        cv_.notify_all();
        if (thread_.joinable()) {
            server_.stop();
            thread_.join();
        }
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    int port() const { return port_; }
    void reply(Reply r) {
        std::lock_guard lock(mu_);
        replies_.push_back(std::move(r));
    }
    void reply(int status, std::string body,
               std::vector<std::pair<std::string, std::string>> headers = {}) {
        reply(Reply{status, std::move(body), std::move(headers)});
    }
    std::vector<Seen> seen() const {
        std::lock_guard lock(mu_);
        return seen_;
    }
    std::size_t count() const {
        std::lock_guard lock(mu_);
        return seen_.size();
    }

private:
    void handle(const httplib::Request& req, httplib::Response& res) {
        Reply r;
        {
            std::unique_lock lock(mu_);
            seen_.push_back(Seen{req.method, req.path, req.body, req.headers, req.remote_port});
            if (replies_.empty()) {
                r.status = 500;
                r.body = R"({"error":"fake server: no reply queued"})";
            } else {
                r = std::move(replies_.front());
                replies_.pop_front();
            }
            if (r.delay.count() > 0) cv_.wait_for(lock, r.delay, [this] { return released_; });
        }
        res.status = r.status;
        for (const auto& [k, v] : r.headers) res.set_header(k.c_str(), v.c_str());
        if (r.cut) {
            auto body = std::make_shared<std::string>(r.body);
            res.set_content_provider(body->size() * 2, "application/json",
                                     [body](size_t offset, size_t, httplib::DataSink& sink) {
                                         if (offset != 0) return false;  // drop the connection
                                         sink.write(body->data(), body->size());
                                         return true;
                                     });
        } else {
            res.set_content(r.body, "application/json");
        }
    }

    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
    mutable std::mutex mu_;
    std::condition_variable cv_;
    bool released_ = false;
    std::deque<Reply> replies_;
    std::vector<Seen> seen_;
};

}  // namespace propos::testing
