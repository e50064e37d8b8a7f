// The defaults of SearchDocumentStore for engines without search: each call names what is missing.
#include "propos/store/search_store.hpp"

#include "propos/core/error.hpp"

namespace propos {

namespace {
[[noreturn]] void search_unsupported(const char* op) {
    throw Error(ErrorCode::kFailedPrecondition,
                std::string("this store does not support search documents (") + op +
                    "); use open_store() or implement the SearchDocumentStore methods of its Transaction");
}
}  // namespace

SearchDocument SearchDocumentStore::put_search_document(const OrgId&, const SearchDocument&) {
    search_unsupported("put_search_document");
}
std::optional<SearchDocument> SearchDocumentStore::erase_search_document(const OrgId&, std::string_view,
                                                                         std::string_view) {
    search_unsupported("erase_search_document");
}
std::optional<SearchDocument> SearchDocumentStore::find_search_document(const OrgId&, std::string_view,
                                                                        std::string_view) {
    search_unsupported("find_search_document");
}
std::vector<SearchDocument> SearchDocumentStore::get_search_documents(const OrgId&,
                                                                      const std::vector<std::int64_t>&,
                                                                      bool) {
    search_unsupported("get_search_documents");
}
std::vector<SearchDocument> SearchDocumentStore::list_search_changes(const OrgId&, std::int64_t,
                                                                     std::size_t) {
    search_unsupported("list_search_changes");
}
std::vector<std::int64_t> SearchDocumentStore::filter_search_documents(const OrgId&, const SearchFilter&) {
    search_unsupported("filter_search_documents");
}
std::vector<KeywordHit> SearchDocumentStore::keyword_search(const OrgId&, const std::vector<std::string>&,
                                                            const SearchFilter&, std::size_t) {
    search_unsupported("keyword_search");
}
SearchDocStats SearchDocumentStore::search_document_stats(const OrgId&) {
    search_unsupported("search_document_stats");
}
std::int64_t SearchDocumentStore::clear_search_documents(const OrgId&) {
    search_unsupported("clear_search_documents");
}
std::int64_t SearchDocumentStore::purge_search_tombstones(const OrgId&, std::int64_t) {
    search_unsupported("purge_search_tombstones");
}
std::optional<std::string> SearchDocumentStore::get_search_meta(const OrgId&, std::string_view) {
    search_unsupported("get_search_meta");
}
void SearchDocumentStore::put_search_meta(const OrgId&, std::string_view, std::string_view) {
    search_unsupported("put_search_meta");
}

}  // namespace propos
