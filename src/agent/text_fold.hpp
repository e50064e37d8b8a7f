// Private: Unicode folding shared by the learned text models and the knowledge base's matching:
// UTF-8 decoding, lower case without Latin accents, Cyrillic lower case (ё -> е), Chinese
// ideographs kept, everything else a separator.
#pragma once

#include <string>
#include <string_view>

namespace propos::text_fold {

// Decodes one UTF-8 code point at `i` (advancing it); invalid bytes read as U+FFFD.
inline char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i++]);
    if (b < 0x80) return b;
    int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : -1;
    if (extra < 0) return 0xFFFD;
    char32_t cp = b & (0x3F >> extra);
    for (int k = 0; k < extra; ++k) {
        if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return 0xFFFD;
        cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
    }
    return cp;
}

inline bool is_cjk(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

// Lower case without accents; 0 for a separator.
inline char32_t fold(char32_t c) {
    if (c < 0x80) {
        if (c >= 'A' && c <= 'Z') return c + 32;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return c;
        return 0;
    }
    if (c >= 0xC0 && c <= 0x24F) {
        static constexpr std::string_view kLatin1 =  // U+00C0 .. U+00FF
            "aaaaaaaceeeeiiiidnooooo ouuuuyts"
            "aaaaaaaceeeeiiiidnooooo ouuuuyty";
        if (c <= 0xFF) {
            const char r = kLatin1[c - 0xC0];
            return r == ' ' ? 0 : static_cast<char32_t>(r);
        }
        // Latin Extended-A: pairs of upper/lower case letters; the common ones.
        if (c == 0x152 || c == 0x153) return 'o';  // œ (as in "cœur")
        if (c >= 0x100 && c <= 0x105) return 'a';
        if (c >= 0x106 && c <= 0x10D) return 'c';
        if (c >= 0x112 && c <= 0x11B) return 'e';
        if (c >= 0x128 && c <= 0x131) return 'i';
        if (c >= 0x143 && c <= 0x148) return 'n';
        if (c >= 0x14C && c <= 0x151) return 'o';
        if (c >= 0x15A && c <= 0x161) return 's';
        if (c >= 0x168 && c <= 0x173) return 'u';
        if (c >= 0x179 && c <= 0x17E) return 'z';
        return c;
    }
    if (c >= 0x410 && c <= 0x42F) c += 0x20;  // Cyrillic upper case
    if (c == 0x401 || c == 0x451) return 0x435;  // ё -> е
    if (c >= 0x430 && c <= 0x44F) return c;
    if (is_cjk(c)) return c;
    return 0;
}

inline std::string utf8(std::u32string_view w) {
    std::string out;
    for (char32_t c : w) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c >= 0x10000) {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

}  // namespace propos::text_fold
