// Private: the in-memory idempotency guard shared by the outbound channels.
#pragma once

#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "propos/channels/outbound.hpp"

namespace propos::channels::detail {

/// Runs a send at most once per key: a key that succeeded is answered from memory (duplicate),
/// a key in flight on another thread is waited for; a send that throws releases the key.
class SendOnce {
public:
    SendResult run(const std::string& key, const std::function<SendResult()>& send) {
        std::unique_lock lock(mu_);
        for (;;) {
            if (auto it = done_.find(key); it != done_.end()) {
                SendResult r = it->second;
                r.duplicate = true;
                r.attempts = 0;
                return r;
            }
            if (in_flight_.count(key) == 0) break;
            cv_.wait(lock);
        }
        in_flight_.insert(key);
        lock.unlock();
        SendResult result;
        try {
            result = send();
        } catch (...) {
            lock.lock();
            in_flight_.erase(key);
            cv_.notify_all();
            throw;
        }
        lock.lock();
        in_flight_.erase(key);
        done_[key] = result;
        cv_.notify_all();
        return result;
    }

    std::optional<SendResult> find(std::string_view key) const {
        std::lock_guard lock(mu_);
        auto it = done_.find(key);
        if (it == done_.end()) return std::nullopt;
        return it->second;
    }

    void remember(std::string_view key, const SendResult& result) {
        std::lock_guard lock(mu_);
        done_[std::string(key)] = result;
        cv_.notify_all();
    }

private:
    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::map<std::string, SendResult, std::less<>> done_;
    std::set<std::string, std::less<>> in_flight_;
};

}  // namespace propos::channels::detail
