#include "output.hpp"

#include <algorithm>
#include <ostream>

namespace propos::cli {
namespace {
std::size_t display_width(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) {
        if ((c & 0xC0) != 0x80) ++n;  // count UTF-8 lead bytes only
    }
    return n;
}
}  // namespace

void Table::print(std::ostream& os) const {
    std::vector<std::size_t> widths;
    for (const auto& h : headers_) widths.push_back(display_width(h));
    for (const auto& r : rows_) {
        for (std::size_t i = 0; i < r.size() && i < widths.size(); ++i) {
            widths[i] = std::max(widths[i], display_width(r[i]));
        }
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t i = 0; i < widths.size(); ++i) {
            const std::string cell = i < cells.size() ? cells[i] : "";
            out += cell;
            if (i + 1 < widths.size()) out += std::string(widths[i] - display_width(cell) + 2, ' ');
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        os << out << '\n';
    };
    line(headers_);
    for (const auto& r : rows_) line(r);
}

std::string ellipsize(const std::string& text, std::size_t max) {
    if (display_width(text) <= max) return text;
    std::string out;
    std::size_t n = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) != 0x80 && ++n > max - 3) break;
        out += text[i];
    }
    return out + "...";
}

}  // namespace propos::cli
