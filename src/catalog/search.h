// Ranked full-text search over the whole knowledge base (`vigil search`).
// Ranking is BM25 over three weighted fields (id 4, title 2.5, text 1): rare
// words count more than common ones, a word repeated in a short item counts
// more than in a long one, and items that match every query word rank ahead of
// items that match only some. Words match whole, after folding case and a
// plural "s"; a word of four letters or more also matches as a prefix at half
// weight ("crypto" finds "cryptography"). Typing an exact id ranks that item first.
// Practitioners' words are expanded through the synonym table
// (data/search_synonyms.toml): "2fa" also looks for "multi factor
// authentication", "patch" for "technical vulnerabilities"; a query word and
// its synonyms count as one word, scored by the best of them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "core/error.h"

namespace vigil::catalog {

struct SearchHit {
  std::string_view kind;  // "iso27001" | "requirement" | "article" | "obligation" | "entity_type" | "roadmap_step" |
                          // "standard" | "ir_2024_2690" | "ir_2024_2690_section"
  std::string_view id;    // what `vigil show` takes
  std::string_view title;
  std::string reference;  // the legal reference: "Art. 21(2)(h)", "ISO/IEC 27001:2022 A.8.24", ...
  double score;
};

// Best first, at most `limit`. A query without a searchable word is InvalidInput.
Result<std::vector<SearchHit>> search(const Catalog& catalog, std::string_view query, std::size_t limit);

// The words of a text as search terms (lower case, singular, no stop words).
std::vector<std::string> search_terms(std::string_view text);

// One word of a query (or a synonym term of several words) and the phrases it
// stands for: the words typed first, then each synonym's meaning.
struct QuerySlot {
  std::vector<std::vector<std::string>> alternatives;
};
// The query split into slots, synonyms expanded (longest term first).
std::vector<QuerySlot> query_slots(const Catalog& catalog, std::string_view query);

}  // namespace vigil::catalog
