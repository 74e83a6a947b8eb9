#include "catalog/search.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <limits>

#include <fmt/core.h>

#include "core/text.h"

namespace vigil::catalog {
namespace {

constexpr double kIdWeight = 4.0, kTitleWeight = 2.5, kTextWeight = 1.0;
constexpr double kPrefixMatch = 0.5;    // "crypto" -> "cryptography"
constexpr double kK1 = 1.2, kB = 0.75;  // the usual BM25 constants
constexpr double kExactIdBonus = 10.0;

constexpr std::array<std::string_view, 24> kStopWords = {"a",   "an",   "and", "are",  "as", "at",    "be",   "by",
                                                         "for", "from", "in",  "is",   "it", "its",   "of",   "on",
                                                         "or",  "that", "the", "this", "to", "which", "with", "where"};

std::string singular(std::string word) {
  if (word.size() > 4 && word.ends_with("ies")) return word.substr(0, word.size() - 3) + "y";
  if (word.size() > 3 && word.back() == 's' && !word.ends_with("ss") && !word.ends_with("us")) word.pop_back();
  return word;
}

void add_words(std::string_view text, std::vector<std::string>& out) {
  std::string word;
  auto flush = [&] {
    if (!word.empty() && std::find(kStopWords.begin(), kStopWords.end(), word) == kStopWords.end())
      out.push_back(singular(word));
    word.clear();
  };
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else flush();
  }
  flush();
}

struct Document {
  std::string_view kind, id, title;
  std::string reference;
  std::vector<std::string> fields[3];  // id, title, text
};

void add_text(Document& d, std::initializer_list<std::string_view> texts) {
  for (std::string_view t : texts) add_words(t, d.fields[2]);
}

Document document(std::string_view kind, std::string_view id, std::string_view title, std::string reference) {
  Document d{kind, id, title, std::move(reference), {}};
  d.fields[0].push_back(to_lower(id));  // the whole id, so "a.8.24" or "rm.mfa" match as typed
  add_words(id, d.fields[0]);
  add_words(title, d.fields[1]);
  return d;
}

std::vector<Document> documents(const Catalog& c) {
  std::vector<Document> docs;
  for (const IsoItem& i : c.iso27001) {
    docs.push_back(document("iso27001", i.id, i.title, fmt::format("ISO/IEC 27001:2022 {}", i.id)));
    add_text(docs.back(), {i.group, to_string(i.kind), i.summary});
  }
  for (const Requirement& r : c.requirements) {
    docs.push_back(document("requirement", r.id, r.title, std::string(r.article)));
    add_text(docs.back(), {r.article, r.summary, r.rationale});
    for (std::string_view doc : r.documents) add_text(docs.back(), {doc});
  }
  for (const Article& a : c.articles) {
    docs.push_back(document("article", a.id, a.title, std::string(a.id)));
    add_text(docs.back(), {a.summary});
    for (const Obligation& o : a.obligations) {
      docs.push_back(document("obligation", o.reference, o.text, std::string(o.reference)));
      docs.back().fields[1].clear();  // the text is the title here; count it once, as text
      add_text(docs.back(), {o.text, a.title});
    }
  }
  for (const IrSection& s : c.ir_sections) {
    docs.push_back(document("ir_2024_2690_section", s.id, s.title, std::string(s.reference)));
    add_text(docs.back(), {s.reference});
  }
  for (const IrRequirement& r : c.ir_requirements) {
    docs.push_back(document("ir_2024_2690", r.id, r.title, std::string(r.reference)));
    add_text(docs.back(), {r.summary});
  }
  for (const EntityType& e : c.entity_types) {
    docs.push_back(document("entity_type", e.id, e.entity_type, std::string(e.defined_in)));
    add_text(docs.back(), {e.sector, e.subsector, e.annex_exclusion, e.size_independent_basis});
  }
  for (const RoadmapStep& s : c.roadmap) {
    docs.push_back(document("roadmap_step", s.id, s.title, fmt::format("roadmap step {}", s.number)));
    add_text(docs.back(), {s.description});
    for (std::string_view doc : s.documents) add_text(docs.back(), {doc});
  }
  for (const StandardProfile& s : c.standards) {
    docs.push_back(document("standard", s.id, s.name, std::string(s.name)));
    add_text(docs.back(), {s.overview, s.applicability});
    for (const CoverageArea& a : s.coverage_areas) add_text(docs.back(), {a.name, a.description});
  }
  return docs;
}

// How well `token` matches `term`: 1 whole, 0.5 as a prefix, 0 not at all.
double match(std::string_view token, std::string_view term) {
  if (token == term) return 1.0;
  if (term.size() >= 4 && token.size() > term.size() && token.substr(0, term.size()) == term) return kPrefixMatch;
  return 0.0;
}

}  // namespace

std::vector<std::string> search_terms(std::string_view text) {
  std::vector<std::string> terms;
  add_words(text, terms);
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return terms;
}

std::vector<QuerySlot> query_slots(const Catalog& catalog, std::string_view query) {
  std::vector<std::string> words;
  add_words(query, words);
  // Each synonym term folded like the query ("third parties" -> "third party").
  struct Term {
    std::vector<std::string> words;
    const Synonym* synonym;
  };
  std::vector<Term> terms;
  for (const Synonym& s : catalog.synonyms)
    for (std::string_view t : s.terms) {
      Term term{{}, &s};
      add_words(t, term.words);
      if (!term.words.empty()) terms.push_back(std::move(term));
    }
  std::vector<QuerySlot> slots;
  for (std::size_t i = 0; i < words.size();) {
    const Term* best = nullptr;  // the longest synonym term starting here
    for (const Term& t : terms)
      if (t.words.size() <= words.size() - i &&
          std::equal(t.words.begin(), t.words.end(), words.begin() + static_cast<std::ptrdiff_t>(i)) &&
          (!best || t.words.size() > best->words.size()))
        best = &t;
    std::size_t length = best ? best->words.size() : 1;
    QuerySlot slot;
    slot.alternatives.push_back(
        {words.begin() + static_cast<std::ptrdiff_t>(i), words.begin() + static_cast<std::ptrdiff_t>(i + length)});
    if (best)
      for (std::string_view m : best->synonym->means) {
        std::vector<std::string> phrase;
        add_words(m, phrase);
        if (!phrase.empty()) slot.alternatives.push_back(std::move(phrase));
      }
    i += length;
    // The same words twice in a query count once.
    if (std::none_of(slots.begin(), slots.end(),
                     [&](const QuerySlot& o) { return o.alternatives == slot.alternatives; }))
      slots.push_back(std::move(slot));
  }
  return slots;
}

Result<std::vector<SearchHit>> search(const Catalog& catalog, std::string_view query, std::size_t limit) {
  std::vector<QuerySlot> slots = query_slots(catalog, query);
  if (slots.empty()) return invalid("query", fmt::format("'{}' has no word to search for", excerpt(query)));
  std::string whole = to_lower(trim(query));

  std::vector<Document> docs = documents(catalog);
  const double n = static_cast<double>(docs.size());
  double average_length = 0;
  for (const Document& d : docs) average_length += static_cast<double>(d.fields[1].size() + d.fields[2].size());
  average_length /= n;

  // Every distinct word of every alternative, matched once per document.
  std::vector<std::string> words;
  for (const QuerySlot& slot : slots)
    for (const auto& phrase : slot.alternatives)
      for (const std::string& w : phrase)
        if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
  auto word_index = [&](const std::string& w) {
    return static_cast<std::size_t>(std::find(words.begin(), words.end(), w) - words.begin());
  };

  // weighted[d][s]: weighted frequency of slot s in document d. A phrase counts
  // as often as its rarest word (every word must occur); a slot as its best
  // alternative, so a synonym never counts on top of the word typed.
  std::vector<std::vector<double>> weighted(docs.size(), std::vector<double>(slots.size(), 0.0));
  std::vector<double> document_frequency(slots.size(), 0.0);
  const double weights[3] = {kIdWeight, kTitleWeight, kTextWeight};
  std::vector<double> word_tf(words.size());
  for (std::size_t d = 0; d < docs.size(); ++d) {
    for (std::size_t w = 0; w < words.size(); ++w) {
      word_tf[w] = 0;
      for (int f = 0; f < 3; ++f)
        for (const std::string& token : docs[d].fields[f]) word_tf[w] += weights[f] * match(token, words[w]);
    }
    for (std::size_t s = 0; s < slots.size(); ++s) {
      for (const auto& phrase : slots[s].alternatives) {
        double tf = std::numeric_limits<double>::max();
        for (const std::string& w : phrase) tf = std::min(tf, word_tf[word_index(w)]);
        weighted[d][s] = std::max(weighted[d][s], tf);
      }
      if (weighted[d][s] > 0) document_frequency[s] += 1;
    }
  }

  std::vector<SearchHit> hits;
  for (std::size_t d = 0; d < docs.size(); ++d) {
    const Document& doc = docs[d];
    double length = static_cast<double>(doc.fields[1].size() + doc.fields[2].size());
    double norm = kK1 * (1 - kB + kB * length / average_length);
    double score = 0;
    std::size_t matched = 0;
    for (std::size_t s = 0; s < slots.size(); ++s) {
      double tf = weighted[d][s];
      if (tf == 0) continue;
      ++matched;
      double idf = std::log(1 + (n - document_frequency[s] + 0.5) / (document_frequency[s] + 0.5));
      score += idf * tf * (kK1 + 1) / (tf + norm);
    }
    if (to_lower(doc.id) == whole) score += kExactIdBonus;
    if (score <= 0) continue;
    score *= static_cast<double>(matched) / static_cast<double>(slots.size());  // all words beat some
    hits.push_back({doc.kind, doc.id, doc.title, doc.reference, score});
  }
  std::stable_sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) { return a.score > b.score; });
  if (hits.size() > limit) hits.resize(limit);
  return hits;
}

}  // namespace vigil::catalog
