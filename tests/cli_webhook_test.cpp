// `propos webhook verify-twilio` / `verify-sendgrid` run as users and scripts run them: Twilio's
// published example, a SendGrid signature made here with OpenSSL, "valid"/"invalid" and exit 0/1/2.
#include <gtest/gtest.h>

#ifdef PROPOS_CLI_PATH

#include <sys/wait.h>

#include <cstdio>
#include <fstream>

#include "test_util.hpp"
#include "webhook_signing.hpp"

namespace propos {
namespace {

struct CliRun {
    int status = -1;
    std::string out;
};

class CliWebhookTest : public ::testing::Test {
protected:
    CliRun cli(const std::string& args) {
        const std::string cmd =
            std::string("'") + PROPOS_CLI_PATH + "' " + args + " 2>/dev/null </dev/null";
        CliRun r;
        FILE* pipe = ::popen(cmd.c_str(), "r");
        if (!pipe) return r;
        char buf[256];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) r.out.append(buf, n);
        const int rc = ::pclose(pipe);
        r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
        return r;
    }
    std::string write(const std::string& name, const std::string& bytes) {
        std::ofstream(dir.file(name), std::ios::binary) << bytes;
        return dir.file(name);
    }
    propos::testing::TempDir dir;
};

// twilio-python's published example (tests/unit/test_request_validator.py).
const std::string kTwilio =
    "webhook verify-twilio --url 'https://mycompany.com/myapp.php?foo=1&bar=2' --token 12345"
    " --param CallSid=CA1234567890ABCDE --param Caller=+14158675309 --param Digits=1234"
    " --param From=+14158675309 --param To=+18005551212";

TEST_F(CliWebhookTest, TwilioPublishedExample) {
    auto r = cli(kTwilio + " --signature RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.out, "valid\n");
    r = cli(kTwilio + " --signature RSOYDt4T1cUTdK1PDd93/VVr8B9=");
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.out, "invalid\n");
    r = cli(kTwilio + " --param Digits=9999 --signature RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    EXPECT_EQ(r.status, 1);
}

TEST_F(CliWebhookTest, TwilioJsonBodyVariant) {
    const auto body = write("body.json", "{\"property\": \"value\", \"boolean\": true}");
    const std::string url =
        "'https://mycompany.com/"
        "myapp.php?foo=1&bar=2&bodySHA256="
        "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620'";
    auto r = cli("webhook verify-twilio --url " + url +
                 " --token 12345 --signature a9nBmqA0ju/hNViExpshrM61xv4= --body '" + body + "'");
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.out, "valid\n");
    const auto other = write("other.json", "{\"property\": \"value\", \"boolean\": false}");
    r = cli("webhook verify-twilio --url " + url +
            " --token 12345 --signature a9nBmqA0ju/hNViExpshrM61xv4= --body '" + other + "'");
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.out, "invalid\n");
}

TEST_F(CliWebhookTest, SendGridSignatureMadeHere) {
    const propos::testing::EcKey key;
    const std::string ts = "1767603600";
    const std::string payload =
        R"([{"email":"a@example.com","event":"delivered","sg_event_id":"e1"}])";
    const auto file = write("events.json", payload);
    const auto args = "webhook verify-sendgrid --public-key '" + key.public_b64() +
                      "' --timestamp " + ts + " --payload '" + file + "' --signature '";
    auto r = cli(args + key.sign_b64(ts + payload) + "'");
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.out, "valid\n");
    r = cli(args + key.sign_b64("1767603601" + payload) + "'");  // signed for another timestamp
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.out, "invalid\n");
}

TEST_F(CliWebhookTest, BadUsageExitsTwo) {
    EXPECT_EQ(cli("webhook verify-twilio --url https://x --token t").status, 2);  // no --signature
    EXPECT_EQ(
        cli("webhook verify-twilio --url https://x --token t --signature s --param novalue").status,
        2);
    EXPECT_EQ(cli("webhook verify-sendgrid --public-key k --timestamp 1 --signature s --payload "
                  "/nonexistent")
                  .status,
              2);
    EXPECT_EQ(cli("webhook").status, 2);
}

}  // namespace
}  // namespace propos

#else

TEST(CliWebhook, NeedsTheExamples) {
    GTEST_SKIP() << "built without PROPOS_BUILD_EXAMPLES";
}

#endif
