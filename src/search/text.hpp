// Private: the word-level text handling shared by the hashing embedder and keyword queries.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace propos::search_detail {

/// Words of `text`: runs of ASCII letters and digits (lower-cased) and of non-ASCII UTF-8 bytes;
/// apostrophes inside a word are dropped ("won't" -> "wont", "tenant's" -> "tenants").
std::vector<std::string> words(std::string_view text);

/// True for common English function words ("the", "is", "my"...) that carry no topic.
bool is_stopword(std::string_view word);

/// A light English stemmer (plural and verb suffixes): "leaking", "leaks", "leaked" -> "leak";
/// "dripping" -> "drip"; "batteries" -> "battery". Short words are kept as they are.
std::string stem(std::string_view word);

/// The distinct non-stopword words of a query, in order of first appearance, at most `max_terms`:
/// what keyword search looks for.
std::vector<std::string> keyword_terms(std::string_view text, std::size_t max_terms = 32);

}  // namespace propos::search_detail
