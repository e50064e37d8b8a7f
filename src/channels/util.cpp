#include "channels/util.hpp"

#include <algorithm>
#include <cctype>

#include "core/log.hpp"

namespace propos::channels::detail {

namespace {
int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
}  // namespace

std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '%') {
            if (i + 2 >= s.size()) return std::nullopt;
            const int hi = hex_value(s[i + 1]);
            const int lo = hex_value(s[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::optional<std::vector<std::pair<std::string, std::string>>> parse_form(std::string_view body) {
    std::vector<std::pair<std::string, std::string>> out;
    while (!body.empty()) {
        const auto amp = body.find('&');
        const auto item = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
        if (item.empty()) continue;
        const auto eq = item.find('=');
        auto key = percent_decode(item.substr(0, eq), true);
        auto value = percent_decode(eq == std::string_view::npos ? std::string_view{} : item.substr(eq + 1),
                                    true);
        if (!key || !value) return std::nullopt;
        out.emplace_back(std::move(*key), std::move(*value));
    }
    return out;
}

std::string media_type_param(std::string_view content_type, std::string_view name) {
    auto pos = content_type.find(';');
    while (pos != std::string_view::npos) {
        auto rest = content_type.substr(pos + 1);
        auto eq = rest.find('=');
        if (eq == std::string_view::npos) return "";
        const auto key = trim(rest.substr(0, eq));
        rest = trim(rest.substr(eq + 1));
        std::string value;
        std::size_t consumed = 0;
        if (!rest.empty() && rest.front() == '"') {
            std::size_t i = 1;
            for (; i < rest.size() && rest[i] != '"'; ++i) {
                if (rest[i] == '\\' && i + 1 < rest.size()) ++i;
                value.push_back(rest[i]);
            }
            consumed = i + 1;
        } else {
            const auto semi = rest.find(';');
            value = std::string(trim(rest.substr(0, semi)));
            consumed = semi == std::string_view::npos ? rest.size() : semi;
        }
        if (iequals(key, name)) return value;
        const auto base = static_cast<std::size_t>(rest.data() - content_type.data());
        const auto next = content_type.find(';', std::min(content_type.size(), base + consumed));
        pos = next;
    }
    return "";
}

std::optional<UrlParts> split_url(std::string_view url) {
    const auto sep = url.find("://");
    if (sep == std::string_view::npos) return std::nullopt;
    UrlParts p;
    p.scheme = lower(url.substr(0, sep));
    auto rest = url.substr(sep + 3);
    const auto end = rest.find_first_of("/?#");
    auto authority = rest.substr(0, end);
    p.rest = end == std::string_view::npos ? "" : std::string(rest.substr(end));
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
        p.userinfo = std::string(authority.substr(0, at));
        authority.remove_prefix(at + 1);
    }
    // IPv6 literals keep their brackets; the port follows the closing bracket.
    std::size_t colon = std::string_view::npos;
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        if (close + 1 < authority.size() && authority[close + 1] == ':') colon = close + 1;
    } else {
        colon = authority.rfind(':');
    }
    if (colon != std::string_view::npos) {
        p.host = std::string(authority.substr(0, colon));
        p.port = std::string(authority.substr(colon + 1));
    } else {
        p.host = std::string(authority);
    }
    if (p.host.empty()) return std::nullopt;
    return p;
}

std::string join_url(const UrlParts& p) {
    std::string out = p.scheme + "://";
    if (!p.userinfo.empty()) out += p.userinfo + "@";
    out += p.host;
    if (!p.port.empty()) out += ":" + p.port;
    out += p.rest;
    return out;
}

std::string_view url_query(std::string_view url) {
    const auto q = url.find('?');
    if (q == std::string_view::npos) return {};
    auto query = url.substr(q + 1);
    return query.substr(0, query.find('#'));
}

std::string xml_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

WebhookResult dead_letter(int status, ErrorCode code, std::string reason, std::string_view source,
                          std::string_view content_type) {
    WebhookResult r;
    r.kind = WebhookKind::kDeadLetter;
    r.http_status = status;
    r.error_code = code;
    r.dead_letter_reason = std::move(reason);
    r.source = std::string(source);
    r.content_type = std::string(content_type);
    log_dead_letter(r);
    return r;
}

void log_dead_letter(const WebhookResult& r) {
    propos::detail::logger()->warn("{} webhook dead letter ({}): {}", r.source, r.http_status,
                                   r.dead_letter_reason);
}

}  // namespace propos::channels::detail
