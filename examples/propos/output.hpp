// Output helpers for the propos command-line app: aligned text tables and JSON lines.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace propos::cli {

/// A text table printed with aligned columns.
class Table {
public:
    explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
    void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
    bool empty() const { return rows_.empty(); }
    void print(std::ostream& os) const;

private:
    std::vector<std::string> headers_;
    std::vector<std::vector<std::string>> rows_;
};

/// Shortens text to `max` characters (by UTF-8 code points), adding "..." when cut.
std::string ellipsize(const std::string& text, std::size_t max);

}  // namespace propos::cli
