// HttpClient (libcurl) against a real loopback server, retry-after parsing and send_with_retry.
#include <gtest/gtest.h>

#include <atomic>
#include <deque>
#include <set>
#include <thread>
#include <variant>

#include "fake_http_server.hpp"
#include "propos/core/http.hpp"
#include "propos/core/time.hpp"
#include "test_util.hpp"

namespace propos {
namespace {
using propos::testing::expect_error;
using propos::testing::FakeServer;
using namespace std::chrono_literals;

// --- pure functions
// --------------------------------------------------------------------------------

TEST(HttpHeadersTest, FindHeaderIsCaseInsensitiveAndReturnsTheFirst) {
    const HttpHeaders h{{"Content-Type", "application/json"}, {"X-A", "1"}, {"x-a", "2"}};
    EXPECT_EQ(find_header(h, "content-type"), "application/json");
    EXPECT_EQ(find_header(h, "X-a"), "1");
    EXPECT_EQ(find_header(h, "missing"), "");
    HttpResponse r;
    r.headers = h;
    EXPECT_EQ(r.header("CONTENT-TYPE"), "application/json");
}

TEST(HttpRetryableStatusTest, RetriesOnlyTransientStatuses) {
    for (int s : {408, 409, 429, 500, 502, 503, 504, 529, 599})
        EXPECT_TRUE(is_retryable_status(s)) << s;
    for (int s : {200, 201, 204, 301, 400, 401, 403, 404, 413, 422, 600})
        EXPECT_FALSE(is_retryable_status(s)) << s;
}

HttpResponse with_headers(HttpHeaders h) {
    HttpResponse r;
    r.status = 429;
    r.headers = std::move(h);
    return r;
}

TEST(HttpRetryAfterTest, ParsesMillisecondsSecondsAndDates) {
    const Timestamp now = parse_time("2026-01-05T09:00:00Z");
    EXPECT_EQ(retry_after(with_headers({{"retry-after-ms", "1234"}}), now), Millis(1234));
    EXPECT_EQ(retry_after(with_headers({{"Retry-After-Ms", "12.6"}}), now), Millis(13));
    EXPECT_EQ(retry_after(with_headers({{"retry-after", "7"}}), now), Millis(7000));
    EXPECT_EQ(retry_after(with_headers({{"retry-after", " 1.5 "}}), now), Millis(1500));
    // retry-after-ms wins over retry-after.
    EXPECT_EQ(retry_after(with_headers({{"retry-after", "9"}, {"retry-after-ms", "50"}}), now),
              Millis(50));
    // An unusable retry-after-ms falls back to retry-after.
    EXPECT_EQ(retry_after(with_headers({{"retry-after-ms", "soon"}, {"retry-after", "2"}}), now),
              Millis(2000));
    // HTTP dates (IMF-fixdate, RFC 850, asctime) relative to `now`.
    EXPECT_EQ(retry_after(with_headers({{"retry-after", "Mon, 05 Jan 2026 09:00:30 GMT"}}), now),
              Millis(30000));
    EXPECT_EQ(retry_after(with_headers({{"retry-after", "Monday, 05-Jan-26 09:01:00 GMT"}}), now),
              Millis(60000));
    EXPECT_EQ(retry_after(with_headers({{"retry-after", "Mon Jan  5 09:00:05 2026"}}), now),
              Millis(5000));
    // A date in the past means "now".
    EXPECT_EQ(retry_after(with_headers({{"retry-after", "Sun, 04 Jan 2026 09:00:00 GMT"}}), now),
              Millis(0));
}

TEST(HttpRetryAfterTest, AbsentOrUnparseableIsNullopt) {
    const Timestamp now = parse_time("2026-01-05T09:00:00Z");
    EXPECT_EQ(retry_after(with_headers({}), now), std::nullopt);
    EXPECT_EQ(retry_after(with_headers({{"retry-after", "later"}}), now), std::nullopt);
    EXPECT_EQ(retry_after(with_headers({{"retry-after", "-5"}}), now), std::nullopt);
    EXPECT_EQ(retry_after(with_headers({{"retry-after-ms", "-1"}}), now), std::nullopt);
    EXPECT_EQ(retry_after(with_headers({{"retry-after", ""}}), now), std::nullopt);
}

// --- the curl client against a loopback server
// ----------------------------------------------------

class CurlHttpTest : public ::testing::Test {
protected:
    HttpRequest post(const std::string& path, std::string body = "{}") {
        HttpRequest r;
        r.method = "POST";
        r.url = server.url() + path;
        r.headers = {{"content-type", "application/json"}, {"x-test", "yes"}};
        r.body = std::move(body);
        r.timeout = 5s;
        return r;
    }

    FakeServer server;  // declared first: destroyed after the client closed its connections
    std::unique_ptr<HttpClient> client = make_curl_http_client();
};

TEST_F(CurlHttpTest, SendsMethodHeadersAndBodyAndCollectsResponseHeaders) {
    server.reply(201, R"({"ok":true})", {{"X-Reply", "42"}, {"request-id", "req_1"}});
    const auto resp = client->send(post("/v1/things?x=1", R"({"a":1})"));
    EXPECT_EQ(resp.status, 201);
    EXPECT_EQ(resp.body, R"({"ok":true})");
    EXPECT_EQ(resp.header("x-reply"), "42");
    EXPECT_EQ(resp.header("Request-Id"), "req_1");
    EXPECT_GE(resp.elapsed.count(), 0);

    const auto seen = server.seen();
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].method, "POST");
    EXPECT_EQ(seen[0].path, "/v1/things");
    EXPECT_EQ(seen[0].body, R"({"a":1})");
    EXPECT_EQ(seen[0].header("x-test"), "yes");
    EXPECT_EQ(seen[0].header("Content-Type"), "application/json");
    EXPECT_EQ(seen[0].header("User-Agent"), std::string("propos/") + kVersion);
    EXPECT_EQ(seen[0].header("Expect"), "");  // no 100-continue round trip
}

TEST_F(CurlHttpTest, SupportsOtherMethods) {
    for (const char* m : {"GET", "PUT", "PATCH", "DELETE"}) server.reply(200, m);
    for (const char* m : {"GET", "PUT", "PATCH", "DELETE"}) {
        HttpRequest r = post("/m", std::string(m) == "GET" ? "" : "{}");
        r.method = m;
        EXPECT_EQ(client->send(r).body, m);
    }
    const auto seen = server.seen();
    ASSERT_EQ(seen.size(), 4u);
    EXPECT_EQ(seen[0].method, "GET");
    EXPECT_EQ(seen[1].method, "PUT");
    EXPECT_EQ(seen[1].body, "{}");
    EXPECT_EQ(seen[2].method, "PATCH");
    EXPECT_EQ(seen[3].method, "DELETE");
}

TEST_F(CurlHttpTest, ErrorStatusesAreResponsesNotExceptions) {
    server.reply(404, R"({"error":"nope"})");
    server.reply(503, "down");
    EXPECT_EQ(client->send(post("/a")).status, 404);
    const auto r = client->send(post("/b"));
    EXPECT_EQ(r.status, 503);
    EXPECT_EQ(r.body, "down");
}

TEST_F(CurlHttpTest, SendsBasicAuth) {
    server.reply(200, "{}");
    HttpRequest r = post("/auth");
    r.basic_auth = "AC123:secret";
    client->send(r);
    EXPECT_EQ(server.seen().at(0).header("Authorization"), "Basic QUMxMjM6c2VjcmV0");
}

TEST_F(CurlHttpTest, ReusesOneConnectionForSequentialCalls) {
    for (int i = 0; i < 5; ++i) server.reply(200, "{}");
    for (int i = 0; i < 5; ++i) ASSERT_EQ(client->send(post("/k")).status, 200);
    std::set<int> ports;
    for (const auto& s : server.seen()) ports.insert(s.remote_port);
    EXPECT_EQ(ports.size(), 1u) << "each call opened a new connection";
}

TEST_F(CurlHttpTest, ConcurrentCallsAreSafe) {
    constexpr int kThreads = 4, kCalls = 10;
    for (int i = 0; i < kThreads * kCalls; ++i) server.reply(200, "{}");
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < kCalls; ++i) {
                if (client->send(post("/c")).status == 200) ++ok;
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(ok.load(), kThreads * kCalls);
    EXPECT_EQ(server.count(), static_cast<std::size_t>(kThreads * kCalls));
}

TEST_F(CurlHttpTest, TimeoutIsUnavailableNamingTheHostButNotTheBody) {
    server.reply(FakeServer::Reply{200, "{}", {}, 3000ms});
    HttpRequest r = post("/slow", R"({"secret":"tenant says hello"})");
    r.timeout = 200ms;
    try {
        client->send(r);
        FAIL() << "expected a timeout";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kUnavailable);
        const std::string msg = e.what();
        EXPECT_NE(msg.find("127.0.0.1:" + std::to_string(server.port())), std::string::npos) << msg;
        EXPECT_NE(msg.find("imeout"), std::string::npos) << msg;
        EXPECT_EQ(msg.find("tenant says hello"), std::string::npos) << msg;
        EXPECT_EQ(msg.find("/slow"), std::string::npos) << msg;
    }
}

TEST_F(CurlHttpTest, RefusedConnectionIsUnavailable) {
    const std::string url = server.url();
    server.stop();
    HttpRequest r = post("/x");
    r.url = url + "/x";
    expect_error([&] { client->send(r); }, ErrorCode::kUnavailable, "127.0.0.1");
}

TEST_F(CurlHttpTest, ConnectionDroppedMidBodyIsUnavailable) {
    FakeServer::Reply cut{200, R"({"id":"msg_1","content":[)"};
    cut.cut = true;
    server.reply(cut);
    expect_error([&] { client->send(post("/cut")); }, ErrorCode::kUnavailable, "failed");
    // The client recovers on the next call.
    server.reply(200, "{}");
    EXPECT_EQ(client->send(post("/after")).status, 200);
}

TEST_F(CurlHttpTest, RejectsOversizedResponses) {
    CurlHttpOptions o;
    o.max_response_bytes = 100;
    auto small = make_curl_http_client(o);
    server.reply(200, std::string(1000, 'x'));
    expect_error([&] { small->send(post("/big")); }, ErrorCode::kUnavailable,
                 "larger than 100 bytes");
}

TEST_F(CurlHttpTest, RejectsUnusableRequests) {
    HttpRequest r = post("/x");
    r.url = "ftp://127.0.0.1/file";
    expect_error([&] { client->send(r); }, ErrorCode::kInvalidArgument, "127.0.0.1");
    r = post("/x");
    r.headers.emplace_back("x-evil", "a\r\nInjected: 1");
    expect_error([&] { client->send(r); }, ErrorCode::kInvalidArgument, "invalid HTTP header");
    r = post("/x");
    r.method = "get me";
    expect_error([&] { client->send(r); }, ErrorCode::kInvalidArgument, "invalid HTTP method");
    EXPECT_EQ(server.count(), 0u);
}

// --- send_with_retry
// ------------------------------------------------------------------------------

// An in-memory client: returns queued responses or throws queued errors.
class QueueClient : public HttpClient {
public:
    void push(int status, HttpHeaders headers = {}) {
        HttpResponse r;
        r.status = status;
        r.headers = std::move(headers);
        q_.emplace_back(std::move(r));
    }
    void push_error(ErrorCode code, const std::string& msg) { q_.emplace_back(Error(code, msg)); }
    HttpResponse send(const HttpRequest&) override {
        ++calls;
        if (q_.empty()) throw Error(ErrorCode::kInternal, "queue client: empty");
        auto next = std::move(q_.front());
        q_.pop_front();
        if (auto* e = std::get_if<Error>(&next)) throw *e;
        return std::get<HttpResponse>(next);
    }
    int calls = 0;

private:
    std::deque<std::variant<HttpResponse, Error>> q_;
};

class HttpRetryTest : public ::testing::Test {
protected:
    std::vector<Millis> delays;
    Sleeper sleeper = [this](Millis d) { delays.push_back(d); };
    RetryPolicy policy;
    HttpRequest request;
};

TEST_F(HttpRetryTest, RetriesTransientStatusesOverRealHttpThenSucceeds) {
    FakeServer server;
    server.reply(503, "busy");
    server.reply(529, R"({"type":"error"})");
    server.reply(200, "ok");
    auto client = make_curl_http_client();
    request.url = server.url() + "/r";
    int attempts = 0;
    const auto resp = send_with_retry(*client, request, policy, sleeper, &attempts);
    EXPECT_EQ(resp.status, 200);
    EXPECT_EQ(resp.body, "ok");
    EXPECT_EQ(attempts, 3);
    EXPECT_EQ(server.count(), 3u);
    ASSERT_EQ(delays.size(), 2u);
    EXPECT_LE(delays[0], 500ms);  // full jitter: uniform(0, 500ms), then uniform(0, 1s)
    EXPECT_LE(delays[1], 1000ms);
    client.reset();
}

TEST_F(HttpRetryTest, HonoursRetryAfterHeadersWithinItsPatienceAndNeverSleepsOnLongerOnes) {
    QueueClient c;
    c.push(429, {{"retry-after-ms", "1234"}});
    c.push(429, {{"retry-after", "2"}});
    c.push(503, {{"retry-after", "3600"}});
    c.push(200);  // not reached: an hour is longer than the client's patience
    policy.max_retries = 3;
    policy.max_retry_after = 60s;
    int attempts = 0;
    EXPECT_EQ(send_with_retry(c, request, policy, sleeper, &attempts).status, 503);
    EXPECT_EQ(attempts, 3);
    EXPECT_EQ(delays, (std::vector<Millis>{1234ms, 2000ms}));
    EXPECT_EQ(RetryPolicy{}.max_retry_after, 10s);  // the default patience is small
}

TEST_F(HttpRetryTest, NeverRetriesClientErrors) {
    for (int status : {400, 401, 403, 404, 413, 422}) {
        QueueClient c;
        c.push(status, {{"retry-after", "1"}});
        int attempts = 0;
        EXPECT_EQ(send_with_retry(c, request, policy, sleeper, &attempts).status, status);
        EXPECT_EQ(attempts, 1) << status;
        EXPECT_EQ(c.calls, 1) << status;
    }
    EXPECT_TRUE(delays.empty());
}

TEST_F(HttpRetryTest, ReturnsTheLastResponseWhenRetriesRunOut) {
    QueueClient c;
    for (int i = 0; i < 3; ++i) c.push(529);
    c.push(200);  // never reached
    int attempts = 0;
    EXPECT_EQ(send_with_retry(c, request, policy, sleeper, &attempts).status, 529);
    EXPECT_EQ(attempts, 3);
    EXPECT_EQ(delays.size(), 2u);
}

TEST_F(HttpRetryTest, RetriesTransportErrorsAndRethrowsTheLast) {
    QueueClient c;
    c.push_error(ErrorCode::kUnavailable, "connection reset");
    c.push(200);
    int attempts = 0;
    EXPECT_EQ(send_with_retry(c, request, policy, sleeper, &attempts).status, 200);
    EXPECT_EQ(attempts, 2);

    QueueClient down;
    for (int i = 0; i < 3; ++i)
        down.push_error(ErrorCode::kUnavailable, "timeout " + std::to_string(i));
    expect_error([&] { send_with_retry(down, request, policy, sleeper, &attempts); },
                 ErrorCode::kUnavailable, "timeout 2");
    EXPECT_EQ(attempts, 3);
}

TEST_F(HttpRetryTest, DoesNotRetryOtherErrors) {
    QueueClient c;
    c.push_error(ErrorCode::kInvalidArgument, "bad url");
    int attempts = 0;
    expect_error([&] { send_with_retry(c, request, policy, sleeper, &attempts); },
                 ErrorCode::kInvalidArgument, "bad url");
    EXPECT_EQ(attempts, 1);
    EXPECT_TRUE(delays.empty());
}

TEST_F(HttpRetryTest, ServerDecidesWithXShouldRetry) {
    QueueClient c;
    c.push(503, {{"x-should-retry", "false"}});
    int attempts = 0;
    EXPECT_EQ(send_with_retry(c, request, policy, sleeper, &attempts).status, 503);
    EXPECT_EQ(attempts, 1);
    // "true" makes an otherwise final status retryable (as the official SDKs do).
    QueueClient d;
    d.push(400, {{"x-should-retry", "TRUE"}, {"retry-after-ms", "5"}});
    d.push(200);
    EXPECT_EQ(send_with_retry(d, request, policy, sleeper, &attempts).status, 200);
    EXPECT_EQ(attempts, 2);
    EXPECT_EQ(delays, (std::vector<Millis>{5ms}));
    // Never for a success.
    QueueClient e;
    e.push(200, {{"x-should-retry", "true"}});
    EXPECT_EQ(send_with_retry(e, request, policy, sleeper, &attempts).status, 200);
    EXPECT_EQ(attempts, 1);
}

TEST_F(HttpRetryTest, RetryAfterDatesUseTheInjectedClock) {
    auto clock = std::make_shared<ManualClock>(parse_time("2026-01-05T09:00:00Z"));
    policy.clock = clock;
    QueueClient c;
    c.push(503, {{"retry-after", "Mon, 05 Jan 2026 09:00:08 GMT"}});
    c.push(200);
    EXPECT_EQ(send_with_retry(c, request, policy, sleeper).status, 200);
    EXPECT_EQ(delays, (std::vector<Millis>{8000ms}));
}

TEST_F(HttpRetryTest, BackoffIsFullJitterUnderTheExponentialCeiling) {
    policy.max_retries = 6;
    policy.base_delay = 100ms;
    policy.max_delay = 350ms;
    const std::vector<Millis> ceilings{100ms, 200ms, 350ms, 350ms, 350ms, 350ms};
    Millis total{0};
    for (int round = 0; round < 20; ++round) {
        QueueClient c;
        for (int i = 0; i < 7; ++i) c.push(500);
        delays.clear();
        send_with_retry(c, request, policy, sleeper);
        ASSERT_EQ(delays.size(), ceilings.size());
        for (std::size_t i = 0; i < delays.size(); ++i) {
            EXPECT_GE(delays[i], 0ms);
            EXPECT_LE(delays[i], ceilings[i]) << "retry " << i;
            total += delays[i];
        }
    }
    EXPECT_GT(total, 0ms);  // jittered, not all zero
}

TEST_F(HttpRetryTest, ZeroRetriesMeansOneAttempt) {
    QueueClient c;
    c.push(503);
    policy.max_retries = 0;
    int attempts = 0;
    EXPECT_EQ(send_with_retry(c, request, policy, sleeper, &attempts).status, 503);
    EXPECT_EQ(attempts, 1);
}

}  // namespace
}  // namespace propos
