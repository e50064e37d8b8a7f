// Internal: text signals shared by the deterministic judgements (emergency criteria, intent).
//
// A message is folded (lower case, Latin accents and ё removed, punctuation to spaces, French
// elisions split) into words grouped in clauses. A *concept* is a list of words and phrases (a
// trailing '*' matches any ending; ASCII words of seven letters or more also match with one typo)
// plus Chinese substrings matched on the raw text. A negation in the four words before a hit (or,
// in Russian, right after it; in Chinese 没/不/无/未/别 just before it) marks the hit negated.
#pragma once

#include <span>
#include <string>
#include <vector>

namespace propos::signals {

using Words = std::span<const char* const>;

/// A message prepared for matching.
struct Doc {
    std::string raw;                  // lower-cased original (CJK substrings are matched here)
    std::vector<std::string> words;   // folded words
    std::vector<int> clause;          // clause number of each word
    bool has_cjk = false;
    bool portuguese = false;  // "no"/"na" are "in the", not "no"
};

/// One occurrence of a concept's phrase.
struct Hit {
    std::size_t begin = 0;  // first word (npos for a Chinese substring)
    std::size_t end = 0;    // one past the last word
    bool negated = false;
    std::string text;
    int cjk_clause = -1;  // for a Chinese substring: its clause (split at ，。！？；)
};

Doc prepare(const std::string& text);
/// One pattern word ("stem*" or a word) against one folded word.
bool word_matches(std::string_view pattern, std::string_view word);
/// True when a negation governs the words [begin, end): one before them in their clause, or one right
/// after them ("запаха газа нет").
bool negated_at(const Doc& d, std::size_t begin, std::size_t end);
/// True when a negation before the word at `begin`, in its clause, governs it.
bool negated_before(const Doc& d, std::size_t begin);
/// Every hit of the phrases in `words` (and Chinese substrings in `cjk`) in the document.
std::vector<Hit> find(const Doc& d, Words words, Words cjk = {}, bool negatable = true);
/// True when some hit is not negated.
bool any(const std::vector<Hit>& hits);
/// True when some hit is negated.
bool any_negated(const std::vector<Hit>& hits);
/// The text of the first live hit (else of the first hit; empty when none).
std::string first(const std::vector<Hit>& hits);
/// True when a live hit of `a` and a live hit of `b` share a clause (CJK hits count everywhere).
bool together(const Doc& d, const std::vector<Hit>& a, const std::vector<Hit>& b);
/// Removes from `hits` those inside a hit of `spans` ("smoke" inside "smoke detector").
void drop_inside(std::vector<Hit>& hits, const std::vector<Hit>& spans);

}  // namespace propos::signals

/// Declares a concept: `WORDS(kGas, "gas", "gaz", ...)`.
#define WORDS(name, ...) constexpr const char* name[] = {__VA_ARGS__}
