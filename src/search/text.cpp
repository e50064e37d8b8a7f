#include "search/text.hpp"

#include <algorithm>
#include <iterator>

namespace propos::search_detail {
namespace {

bool is_ascii_alnum(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_vowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

bool has_vowel(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return is_vowel(c) || c == 'y'; });
}

// "dripp" -> "drip", "clogg" -> "clog" (but not "fall", "buzz", "hiss").
std::string undouble(std::string s) {
    const auto n = s.size();
    if (n >= 3 && s[n - 1] == s[n - 2] && !is_vowel(s[n - 1]) && s[n - 1] != 'l' &&
        s[n - 1] != 's' && s[n - 1] != 'z') {
        s.pop_back();
    }
    return s;
}

}  // namespace

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (is_ascii_alnum(c)) {
            cur += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        } else if (c >= 0x80) {
            // UTF-8 bytes: "’" (U+2019, e2 80 99) inside a word acts as an apostrophe.
            if (c == 0xE2 && i + 2 < text.size() &&
                static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                static_cast<unsigned char>(text[i + 2]) == 0x99) {
                if (!cur.empty() && i + 3 < text.size() &&
                    is_ascii_alnum(static_cast<unsigned char>(text[i + 3]))) {
                    i += 2;
                    continue;
                }
                if (!cur.empty()) out.push_back(std::move(cur));
                cur.clear();
                i += 2;
                continue;
            }
            cur += static_cast<char>(c);
        } else if (c == '\'' && !cur.empty() && i + 1 < text.size() &&
                   is_ascii_alnum(static_cast<unsigned char>(text[i + 1]))) {
            continue;  // "won't" -> "wont"
        } else if (!cur.empty()) {
            out.push_back(std::move(cur));
            cur.clear();
        }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
}

bool is_stopword(std::string_view w) {
    // Not here on purpose: "no", "not", "off", "out", "up" ("no heat", "power out", "backed up").
    static constexpr std::string_view kStop[] = {
        "a",    "about", "after", "again", "all",  "also",  "am",     "an",    "and",   "any",
        "are",  "as",    "at",    "be",    "been", "being", "but",    "by",    "can",   "could",
        "dear", "did",   "do",    "does",  "for",  "from",  "get",    "got",   "had",   "has",
        "have", "he",    "hello", "her",   "here", "hi",    "him",    "his",   "how",   "i",
        "if",   "im",    "in",    "into",  "is",   "it",    "its",    "ive",   "just",  "me",
        "more", "my",    "now",   "of",    "ok",   "on",    "one",    "or",    "our",   "please",
        "she",  "so",    "some",  "still", "than", "thank", "thanks", "that",  "the",   "their",
        "them", "then",  "there", "these", "they", "this",  "those",  "to",    "too",   "us",
        "very", "was",   "we",    "were",  "what", "when",  "where",  "which", "while", "who",
        "will", "with",  "would", "yes",   "you",  "your"};
    return std::find(std::begin(kStop), std::end(kStop), w) != std::end(kStop);
}

std::string stem(std::string_view word) {
    std::string w(word);
    if (w.size() <= 3 || !std::all_of(w.begin(), w.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x80;
        })) {
        return w;
    }
    // 1. Plurals and third person: "batteries" -> "battery", "boxes" -> "box", "leaks" -> "leak".
    if (ends_with(w, "ies") && w.size() > 4) {
        w = w.substr(0, w.size() - 3) + "y";
    } else if (ends_with(w, "sses") || ends_with(w, "xes") || ends_with(w, "ches") ||
               ends_with(w, "shes")) {
        w.resize(w.size() - 2);
    } else if (ends_with(w, "s") && !ends_with(w, "ss") && !ends_with(w, "us") &&
               !ends_with(w, "is")) {
        w.pop_back();
    }
    // 2. Verb forms: "dripping" -> "drip", "clogged" -> "clog", "fixed" -> "fix" (not "need").
    if (ends_with(w, "eed")) {
        // kept: "need", "bleed"
    } else if (ends_with(w, "ing") && w.size() > 5 &&
               has_vowel(std::string_view(w).substr(0, w.size() - 3))) {
        w = undouble(w.substr(0, w.size() - 3));
    } else if (ends_with(w, "ied") && w.size() > 4) {
        w = w.substr(0, w.size() - 3) + "y";
    } else if (ends_with(w, "ed") && w.size() > 4 &&
               has_vowel(std::string_view(w).substr(0, w.size() - 2))) {
        w = undouble(w.substr(0, w.size() - 2));
    }
    // 3. Adverbs and a silent final e, so "damage"/"damaged" and "smoke"/"smoking" meet.
    if (ends_with(w, "ly") && w.size() > 5) w.resize(w.size() - 2);
    if (w.size() > 3 && w.back() == 'e' && w[w.size() - 2] != 'e') w.pop_back();
    return w;
}

std::vector<std::string> keyword_terms(std::string_view text, std::size_t max_terms) {
    std::vector<std::string> out;
    for (auto& w : words(text)) {
        if (is_stopword(w)) continue;
        if (std::find(out.begin(), out.end(), w) != out.end()) continue;
        out.push_back(std::move(w));
        if (out.size() >= max_terms) break;
    }
    return out;
}

}  // namespace propos::search_detail
