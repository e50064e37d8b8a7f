// Text helpers: UTF-8 validation, quoted-reply and signature stripping, HTML to text.
#include "propos/channels/text.hpp"
#include "test_util.hpp"

namespace propos::channels {
namespace {

TEST(Utf8, Validation) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8("plain ascii"));
    EXPECT_TRUE(is_valid_utf8("caf\xc3\xa9 \xe2\x9d\x84 \xf0\x9f\x94\xa5"));
    EXPECT_FALSE(is_valid_utf8("\xff"));
    EXPECT_FALSE(is_valid_utf8("caf\xe9"));           // Latin-1
    EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong
    EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate
    EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // > U+10FFFF
    EXPECT_FALSE(is_valid_utf8("\xe2\x9d"));          // truncated
    EXPECT_EQ(utf8_length("caf\xc3\xa9"), 4u);
}

TEST(StripQuotedReply, Table) {
    struct Case {
        std::string name, in, out;
    };
    const std::vector<Case> cases = {
        {"gmail", "Still leaking.\n\nOn Mon, Jan 5, 2026 at 9:00 AM Acme <m@acme.com> wrote:\n> Is it leaking?\n",
         "Still leaking."},
        {"gmail wrapped", "Yes\r\n\r\nOn Mon, Jan 5, 2026 at 9:00 AM Acme Property Maintenance\r\n<m@acme.com> wrote:\r\n> q\r\n",
         "Yes"},
        {"outlook", "Tomorrow works.\n\n-----Original Message-----\nFrom: Acme\nSent: Monday\nSubject: visit\n",
         "Tomorrow works."},
        {"outlook headers", "Tomorrow works.\n\nFrom: Acme Maintenance <m@acme.com>\nSent: Monday, January 5\nTo: Maria\nSubject: visit\n\nold",
         "Tomorrow works."},
        {"outlook rule", "ok\n________________________________\nFrom: x\n", "ok"},
        {"signature", "Water everywhere!\n-- \nMaria Lopez\nUnit 4B", "Water everywhere!"},
        {"iphone", "Heat is out\n\nSent from my iPhone", "Heat is out"},
        {"spanish", "No hay agua.\n\nEl lun, 5 ene 2026 a las 9:00, Acme <m@acme.com> escribi\xc3\xb3:\n> hola",
         "No hay agua."},
        {"inline quotes dropped", "> old line\nnew answer\n> another old", "new answer"},
        {"nothing new keeps all", "> only quoted\n> text", "> only quoted\n> text"},
        {"on in body kept", "On Monday the heater broke.\nPlease help.", "On Monday the heater broke.\nPlease help."},
        {"blank runs", "a\n\n\n\nb   \n", "a\n\nb"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        EXPECT_EQ(strip_quoted_reply(c.in), c.out);
    }
}

TEST(HtmlToText, BlocksEntitiesAndSkippedParts) {
    EXPECT_EQ(html_to_text("<p>Hello&nbsp;there</p><p>Line&nbsp;2<br>Line 3</p>"), "Hello there\n\nLine 2\nLine 3");
    EXPECT_EQ(html_to_text("<head><title>T</title><style>.x{}</style></head><div>A &amp; B &lt;3 &#8364; &#x41;</div>"),
              "A & B <3 \xe2\x82\xac A");
    EXPECT_EQ(html_to_text("<ul><li>one</li><li>two</li></ul>"), "- one\n- two");
    EXPECT_EQ(html_to_text("new<blockquote>old <blockquote>older</blockquote> old</blockquote> after"), "new after");
    EXPECT_EQ(html_to_text("<!-- hidden -->shown<script>alert(1)</script>"), "shown");
    EXPECT_EQ(html_to_text("  lots   of\n\n   space  "), "lots of space");
    EXPECT_EQ(html_to_text("broken <b"), "broken");
}

}  // namespace
}  // namespace propos::channels
