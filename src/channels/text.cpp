#include "propos/channels/text.hpp"

#include <cctype>
#include <cstdint>
#include <vector>

#include "channels/util.hpp"

namespace propos::channels {

bool is_valid_utf8(std::string_view text) noexcept {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;  // continuation byte, overlong lead (C0/C1) or > U+10FFFF lead
        }
        if (i + len > n) return false;
        for (std::size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF)) {
            return false;
        }
        i += len;
    }
    return true;
}

std::size_t utf8_length(std::string_view text) noexcept {
    std::size_t n = 0;
    for (unsigned char c : text) {
        if ((c & 0xC0) != 0x80) ++n;
    }
    return n;
}

namespace {

using detail::iequals;
using detail::starts_with_ci;
using detail::trim;

bool ends_with_ci(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::string cur;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
            lines.push_back(std::move(cur));
            cur.clear();
        } else if (c == '\n') {
            lines.push_back(std::move(cur));
            cur.clear();
        } else {
            cur.push_back(c);
        }
    }
    lines.push_back(std::move(cur));
    return lines;
}

// "On Mon, Jan 5, 2026 at 9:00 AM Maria <m@x.com> wrote:" and its translations.
bool is_attribution_end(std::string_view t) {
    static constexpr std::string_view kEnds[] = {"wrote:", "escribió:", "a écrit :", "a écrit:",
                                                 "schrieb:", "scritto:", "escreveu:"};
    for (auto e : kEnds) {
        if (ends_with_ci(t, e)) return true;
    }
    return false;
}

bool is_attribution_start(std::string_view t) {
    return starts_with_ci(t, "On ") || starts_with_ci(t, "El ") || starts_with_ci(t, "Le ") ||
           starts_with_ci(t, "Am ") || starts_with_ci(t, "Il ") || starts_with_ci(t, "Em ");
}

bool is_header_line(std::string_view t, std::string_view name) {
    return starts_with_ci(t, name) && t.size() > name.size() && t[name.size()] == ':';
}

bool is_signature_line(std::string_view t) {
    return starts_with_ci(t, "Sent from my ") || starts_with_ci(t, "Get Outlook for ") ||
           starts_with_ci(t, "Sent from Outlook") || starts_with_ci(t, "Sent from Mail for ") ||
           starts_with_ci(t, "Sent from Yahoo Mail") || starts_with_ci(t, "Enviado desde mi ");
}

bool is_quote_start(const std::vector<std::string>& lines, std::size_t i) {
    const std::string_view raw = lines[i];
    const auto t = trim(raw);
    if (raw == "-- " || t == "--") return true;  // RFC 3676 signature delimiter
    if (t.size() < 200 && is_attribution_start(t)) {
        if (is_attribution_end(t)) return true;
        if (i + 1 < lines.size() && is_attribution_end(trim(lines[i + 1]))) return true;
    }
    if (t.find("Original Message") != std::string_view::npos && t.starts_with("---")) return true;
    if (t.find("Mensaje original") != std::string_view::npos && t.starts_with("---")) return true;
    if (t.size() >= 10 && t.find_first_not_of('_') == std::string_view::npos) return true;
    if (is_header_line(t, "From") || is_header_line(t, "De")) {
        // Outlook's header block: From: / Sent: / To: / Subject: lines.
        int headers = 0;
        for (std::size_t k = i + 1; k < lines.size() && k <= i + 5; ++k) {
            const auto h = trim(lines[k]);
            if (is_header_line(h, "Sent") || is_header_line(h, "Date") || is_header_line(h, "To") ||
                is_header_line(h, "Subject") || is_header_line(h, "Cc") ||
                is_header_line(h, "Enviado") || is_header_line(h, "Para") ||
                is_header_line(h, "Asunto")) {
                ++headers;
            }
        }
        if (headers >= 2) return true;
    }
    return is_signature_line(t);
}

std::string join_trimmed(const std::vector<std::string>& lines) {
    std::string out;
    int blank_run = 0;
    for (const auto& line : lines) {
        std::string_view l = line;
        while (!l.empty() && std::isspace(static_cast<unsigned char>(l.back()))) l.remove_suffix(1);
        if (l.empty()) {
            ++blank_run;
            continue;
        }
        if (!out.empty()) out += blank_run > 0 ? "\n\n" : "\n";
        blank_run = 0;
        out += l;
    }
    return out;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// Decodes the entity starting at html[i] == '&'; returns the characters consumed (0: not one).
std::size_t decode_entity(std::string_view html, std::size_t i, std::string& out) {
    const auto semi = html.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) return 0;
    const auto name = html.substr(i + 1, semi - i - 1);
    if (!name.empty() && name[0] == '#') {
        std::uint32_t cp = 0;
        const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
        const auto digits = name.substr(hex ? 2 : 1);
        if (digits.empty()) return 0;
        for (char c : digits) {
            const int v = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                          : (hex && std::isxdigit(static_cast<unsigned char>(c)))
                              ? (std::tolower(static_cast<unsigned char>(c)) - 'a' + 10)
                              : -1;
            if (v < 0) return 0;
            cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
            if (cp > 0x10FFFF) cp = 0x110000;
        }
        append_utf8(out, cp);
        return semi - i + 1;
    }
    static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
        {"amp", "&"},  {"lt", "<"},   {"gt", ">"},        {"quot", "\""},       {"apos", "'"},
        {"nbsp", " "}, {"#39", "'"},  {"ndash", "\u2013"}, {"mdash", "\u2014"}, {"hellip", "\u2026"},
        {"rsquo", "\u2019"}, {"lsquo", "\u2018"}, {"ldquo", "\u201C"}, {"rdquo", "\u201D"},
        {"copy", "\u00A9"},
    };
    for (const auto& [n, v] : kNamed) {
        if (name == n) {
            out += v;
            return semi - i + 1;
        }
    }
    return 0;
}

}  // namespace

std::string strip_quoted_reply(std::string_view text) {
    const auto lines = split_lines(text);
    std::vector<std::string> kept;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (is_quote_start(lines, i)) break;
        if (trim(lines[i]).starts_with('>')) continue;
        kept.push_back(lines[i]);
    }
    auto out = join_trimmed(kept);
    if (out.empty()) out = join_trimmed(lines);
    return out;
}

std::string html_to_text(std::string_view html) {
    std::string raw;  // ' ' for source whitespace, '\n' for structural breaks
    raw.reserve(html.size());
    int skip_depth = 0;  // inside head/script/style/blockquote
    std::string skip_tag;
    for (std::size_t i = 0; i < html.size();) {
        const char c = html[i];
        if (c == '<') {
            if (html.substr(i, 4) == "<!--") {
                const auto end = html.find("-->", i + 4);
                i = end == std::string_view::npos ? html.size() : end + 3;
                continue;
            }
            const auto end = html.find('>', i);
            if (end == std::string_view::npos) break;
            auto tag = html.substr(i + 1, end - i - 1);
            i = end + 1;
            const bool closing = !tag.empty() && tag.front() == '/';
            if (closing) tag.remove_prefix(1);
            std::size_t n = 0;
            while (n < tag.size() && std::isalnum(static_cast<unsigned char>(tag[n]))) ++n;
            const std::string name = detail::lower(tag.substr(0, n));
            if (skip_depth > 0) {
                if (name == skip_tag) skip_depth += closing ? -1 : (tag.ends_with('/') ? 0 : 1);
                continue;
            }
            if (!closing && (name == "head" || name == "script" || name == "style" ||
                             name == "blockquote" || name == "title")) {
                skip_tag = name;
                skip_depth = 1;
                continue;
            }
            if (name == "br") {
                raw += '\n';
            } else if (name == "li" && !closing) {
                raw += "\n- ";
            } else if (name == "p" || name == "div" || name == "tr" || name == "table" ||
                       name == "ul" || name == "ol" || name == "hr" ||
                       (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6')) {
                raw += name == "p" ? "\n\n" : "\n";
            } else if (name == "td" || name == "th") {
                raw += ' ';
            }
            continue;
        }
        if (skip_depth > 0) {
            ++i;
            continue;
        }
        if (c == '&') {
            const auto used = decode_entity(html, i, raw);
            if (used > 0) {
                i += used;
                continue;
            }
        }
        raw += std::isspace(static_cast<unsigned char>(c)) ? ' ' : c;
        ++i;
    }
    // Collapse spaces, trim around line breaks, at most one blank line in a row.
    std::vector<std::string> lines;
    std::string cur;
    for (char c : raw) {
        if (c == '\n') {
            lines.push_back(std::string(trim(cur)));
            cur.clear();
        } else if (c == ' ' && (cur.empty() || cur.back() == ' ')) {
            continue;
        } else {
            cur.push_back(c);
        }
    }
    lines.push_back(std::string(trim(cur)));
    return join_trimmed(lines);
}

}  // namespace propos::channels
