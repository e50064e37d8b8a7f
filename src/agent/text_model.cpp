// Learned text classifiers (see text_model.hpp).
#include "text_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>

#include "core/strings.hpp"
#include "agent/text_fold.hpp"

namespace propos::text_model {
namespace {

using text_fold::fold;
using text_fold::next_code_point;
using text_fold::utf8;

std::uint32_t fnv1a(std::string_view s) {
    std::uint32_t h = 2166136261u;
    for (unsigned char c : s) {
        h ^= c;
        h *= 16777619u;
    }
    return h;
}

void add_word(std::u32string& w, std::map<std::uint32_t, float>& counts, std::uint32_t mask) {
    if (w.empty()) return;
    std::u32string padded = U" " + w + U" ";
    for (std::size_t n = 1; n <= 5; ++n) {
        if (padded.size() < n) break;
        for (std::size_t i = 0; i + n <= padded.size(); ++i) {
            counts[fnv1a(utf8(std::u32string_view(padded).substr(i, n))) & mask] += 1;
        }
    }
    w.clear();
}

float dot(const std::vector<float>& w, std::size_t row, std::uint32_t dim, const Sparse& x) {
    float s = 0;
    const float* r = w.data() + row * dim;
    for (const auto& [j, v] : x) s += r[j] * v;
    return s;
}

std::string floats(const std::vector<float>& v) {
    std::string out;
    char buf[32];
    for (float f : v) {
        std::snprintf(buf, sizeof buf, "%s%.9g", out.empty() ? "" : " ", static_cast<double>(f));
        out += buf;
    }
    return out;
}

std::vector<float> parse_floats(const std::string& s) {
    std::vector<float> out;
    std::istringstream in(s);
    float f;
    while (in >> f) out.push_back(f);
    return out;
}

}  // namespace

Sparse ngram_counts(std::string_view text, const Features& features) {
    const std::uint32_t mask = features.dim() - 1;
    std::map<std::uint32_t, float> counts;
    std::u32string word;
    std::string previous;  // the word before, for word pairs
    // Whole words and pairs of adjacent words, as features of their own (a marker byte keeps them
    // apart from the character n-grams): "no heat" says more than "no" and "heat" apart.
    auto end_word = [&] {
        if (word.empty()) return;
        if (features.words) {
            const std::string w = utf8(word);
            counts[fnv1a("\x01" + w) & mask] += 1;
            if (!previous.empty()) counts[fnv1a("\x02" + previous + " " + w) & mask] += 1;
            previous = w;
        }
        add_word(word, counts, mask);
    };
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = fold(next_code_point(text, i));
        if (c == 0) {
            end_word();
        } else {
            word += c;
        }
    }
    end_word();
    return {counts.begin(), counts.end()};
}

namespace {

// tf-idf of counts, L2-normalized.
Sparse weigh(const Model& m, Sparse x) {
    double norm = 0;
    for (auto& [j, v] : x) {
        v = (1.0f + std::log(v)) * m.idf[j];
        norm += static_cast<double>(v) * v;
    }
    if (norm > 0) {
        const float inv = static_cast<float>(1.0 / std::sqrt(norm));
        for (auto& p : x) p.second *= inv;
    }
    return x;
}

}  // namespace

Sparse vectorize(const Model& m, std::string_view text) { return weigh(m, ngram_counts(text, m.features)); }

float score_of(const Model& m, std::string_view text, std::string_view cls) {
    const auto it = std::find(m.classes.begin(), m.classes.end(), cls);
    if (it == m.classes.end()) return -1e9f;
    return scores(m, text)[static_cast<std::size_t>(it - m.classes.begin())];
}

std::vector<float> scores(const Model& m, std::string_view text) {
    const Sparse x = vectorize(m, text);
    std::vector<float> out(m.classes.size());
    for (std::size_t k = 0; k < out.size(); ++k) out[k] = dot(m.weights, k, m.features.dim(), x) + m.bias[k];
    return out;
}

Model train(const std::vector<Example>& examples, const std::vector<std::string>& classes, double c,
            const Features& features) {
    Model m;
    m.classes = classes;
    m.features = features;
    const std::uint32_t dim = features.dim();
    const std::size_t n = examples.size();
    // idf over the training messages: ln((1 + n) / (1 + df)) + 1
    std::vector<Sparse> counts(n);
    std::vector<float> df(dim, 0);
    for (std::size_t i = 0; i < n; ++i) {
        counts[i] = ngram_counts(examples[i].text, features);
        for (const auto& [j, v] : counts[i]) df[j] += 1;
    }
    m.idf.resize(dim);
    for (std::uint32_t j = 0; j < dim; ++j) {
        m.idf[j] = static_cast<float>(std::log((1.0 + n) / (1.0 + df[j])) + 1.0);
    }
    std::vector<Sparse> x(n);
    std::vector<float> qii(n);
    for (std::size_t i = 0; i < n; ++i) {
        x[i] = weigh(m, std::move(counts[i]));  // (the counts above: each text is read once)
        float q = 1.0f;  // the bias feature
        for (const auto& [j, v] : x[i]) q += v * v;
        qii[i] = q;
    }
    // One-vs-rest, dual coordinate descent for the L2-loss SVM (Hsieh et al. 2008).
    const double diag = 1.0 / (2.0 * c);
    m.weights.assign(classes.size() * dim, 0.0f);
    m.bias.assign(classes.size(), 0.0f);
    std::mt19937 rng(20261205);
    std::vector<std::size_t> order(n);
    for (std::size_t k = 0; k < classes.size(); ++k) {
        std::vector<double> alpha(n, 0.0);
        float* w = m.weights.data() + k * dim;
        float& b = m.bias[k];
        for (int epoch = 0; epoch < 1000; ++epoch) {
            for (std::size_t i = 0; i < n; ++i) order[i] = i;
            for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
            double pg_max = -1e30, pg_min = 1e30;
            for (std::size_t i : order) {
                const double y = examples[i].label == classes[k] ? 1.0 : -1.0;
                double wx = b;
                for (const auto& [j, v] : x[i]) wx += w[j] * v;
                const double g = y * wx - 1.0 + diag * alpha[i];
                const double pg = alpha[i] == 0.0 ? std::min(g, 0.0) : g;
                pg_max = std::max(pg_max, pg);
                pg_min = std::min(pg_min, pg);
                if (std::fabs(pg) < 1e-12) continue;
                const double old = alpha[i];
                alpha[i] = std::max(alpha[i] - g / (qii[i] + diag), 0.0);
                const double d = (alpha[i] - old) * y;
                for (const auto& [j, v] : x[i]) w[j] += static_cast<float>(d * v);
                b += static_cast<float>(d);
            }
            if (pg_max - pg_min < 0.1) break;
        }
    }
    return m;
}

std::string serialize(const Model& m) {
    const std::uint32_t dim = m.features.dim();
    std::string idf(2 * dim, '\0');
    for (std::uint32_t j = 0; j < dim; ++j) {
        const auto q = static_cast<std::uint16_t>(std::lround(std::min(m.idf[j], 65.0f) * 1000.0f));
        idf[2 * j] = static_cast<char>(q & 0xFF);
        idf[2 * j + 1] = static_cast<char>(q >> 8);
    }
    std::vector<float> scale(m.classes.size());
    std::string w(m.weights.size(), '\0');
    for (std::size_t k = 0; k < m.classes.size(); ++k) {
        float mx = 0;
        for (std::uint32_t j = 0; j < dim; ++j) mx = std::max(mx, std::fabs(m.weights[k * dim + j]));
        scale[k] = mx > 0 ? mx / 127.0f : 1.0f;
        for (std::uint32_t j = 0; j < dim; ++j) {
            const long q = std::lround(m.weights[k * dim + j] / scale[k]);
            w[k * dim + j] = static_cast<char>(static_cast<std::int8_t>(std::clamp(q, -127L, 127L)));
        }
    }
    std::string classes;
    for (const auto& c : m.classes) classes += (classes.empty() ? "" : " ") + c;
    return "propos.text_model/1\nbits " + std::to_string(m.features.bits) +
           "\nwords " + (m.features.words ? "1" : "0") + "\nclasses " + classes + "\ntrained_on " +
           m.provenance + "\nbias " + floats(m.bias) + "\nscale " + floats(scale) + "\nidf " +
           detail::base64_encode(idf) + "\nweights " + detail::base64_encode(w) + "\n";
}

Model parse(std::string_view text) {
    std::map<std::string, std::string> fields;
    std::istringstream in{std::string(text)};
    std::string line;
    std::getline(in, line);
    if (line != "propos.text_model/1") throw std::runtime_error("text model: unknown format '" + line + "'");
    while (std::getline(in, line)) {
        const auto sp = line.find(' ');
        if (sp == std::string::npos) continue;
        fields[line.substr(0, sp)] = line.substr(sp + 1);
    }
    auto need = [&](const char* k) -> const std::string& {
        auto it = fields.find(k);
        if (it == fields.end()) throw std::runtime_error(std::string("text model: missing '") + k + "'");
        return it->second;
    };
    Model m;
    const std::string& bits = need("bits");
    if (bits.size() != 2 || bits < "10" || bits > "20") throw std::runtime_error("text model: bits out of range");
    m.features.bits = std::stoi(bits);
    // Without the line: the first models' character n-grams alone.
    m.features.words = fields.count("words") != 0 && fields["words"] == "1";
    const std::uint32_t dim = m.features.dim();
    std::istringstream cs(need("classes"));
    for (std::string c; cs >> c;) m.classes.push_back(c);
    m.provenance = need("trained_on");
    m.bias = parse_floats(need("bias"));
    const auto scale = parse_floats(need("scale"));
    const auto idf = detail::base64_decode(need("idf"));
    const auto w = detail::base64_decode(need("weights"));
    if (m.classes.empty() || m.bias.size() != m.classes.size() || scale.size() != m.classes.size() || !idf ||
        idf->size() != 2 * dim || !w || w->size() != m.classes.size() * dim) {
        throw std::runtime_error("text model: sizes do not match");
    }
    m.idf.resize(dim);
    for (std::uint32_t j = 0; j < dim; ++j) {
        const auto lo = static_cast<unsigned char>((*idf)[2 * j]);
        const auto hi = static_cast<unsigned char>((*idf)[2 * j + 1]);
        m.idf[j] = static_cast<float>(lo | (hi << 8)) / 1000.0f;
    }
    m.weights.resize(w->size());
    for (std::size_t i = 0; i < w->size(); ++i) {
        m.weights[i] = static_cast<float>(static_cast<std::int8_t>((*w)[i])) * scale[i / dim];
    }
    return m;
}

}  // namespace propos::text_model
