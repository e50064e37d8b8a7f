#include "propos/model/knowledge.hpp"

#include "propos/core/error.hpp"

namespace propos {

void to_json(Json& j, const KnowledgeArticle& v) {
    j = Json{{"id", v.id},           {"title", v.title},
             {"body", v.body},       {"category", v.category},
             {"tags", v.tags},       {"source", v.source},
             {"property_id", v.property_id}, {"language", v.language},
             {"updated_at", v.updated_at}};
}

void from_json(const Json& j, KnowledgeArticle& v) {
    FieldReader r(j, "knowledge article");
    r.req("id", v.id);
    r.req("title", v.title);
    r.req("body", v.body);
    r.opt("category", v.category);
    r.opt("tags", v.tags);
    r.opt("source", v.source);
    r.opt("property_id", v.property_id);
    r.opt("language", v.language);
    r.opt("updated_at", v.updated_at);
    auto blank = [](const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; };
    if (blank(v.title)) throw Error(ErrorCode::kInvalidArgument, "knowledge article: 'title' must not be empty");
    if (blank(v.body)) throw Error(ErrorCode::kInvalidArgument, "knowledge article: 'body' must not be empty");
}

}  // namespace propos
