#include "assess/document_register.h"

#include <array>
#include <unordered_map>

#include <fmt/format.h>

#include "assess/review_rule.h"
#include "catalog/catalog.h"
#include "core/text.h"

namespace vigil::assess {
namespace {

// Column indices of the documents register (kColumns below).
struct RegisterCol {
  enum : std::size_t { Document, Status, ApprovedBy, ApprovedOn, NextReview, MapsTo };
};

constexpr std::array<Column, 6> kColumns{{
    {"document", true, true},
    {"status", true, true},
    {"approved_by", false, true},
    {"approved_on", false, true},
    {"next_review", false, true},
    {"maps_to", false, true},
}};

constexpr std::array<std::string_view, 3> kStatusNames{"missing", "draft", "approved"};

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Names match ignoring ASCII case and surrounding blanks. Sizes are compared
// first: most names differ in length, so most comparisons stop there.
bool same_name(std::string_view a, std::string_view b) {
  a = trim(a);
  b = trim(b);
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

}  // namespace

std::string_view to_string(DocumentStatus status) { return kStatusNames[static_cast<std::size_t>(status)]; }

std::vector<std::string_view> suggested_documents() {
  std::vector<std::string_view> out;
  auto add = [&](std::string_view name) {
    for (std::string_view seen : out) {
      if (same_name(seen, name)) return;
    }
    out.push_back(name);
  };
  for (const auto& r : catalog::builtin().requirements) {
    for (auto name : r.documents) add(name);
  }
  for (const auto& step : catalog::builtin().roadmap) {
    for (auto name : step.documents) add(name);
  }
  return out;
}

std::optional<std::string_view> find_suggested_document(std::string_view name) {
  static const std::vector<std::string_view> suggested = suggested_documents();
  for (std::string_view s : suggested) {
    if (same_name(s, name)) return s;
  }
  return std::nullopt;
}

const RegisteredDocument* DocumentRegister::find(std::string_view name) const {
  for (const RegisteredDocument& d : documents) {
    if (same_name(d.suggested_name(), name)) return &d;
  }
  return nullptr;
}

DocumentStatus DocumentRegister::status_of(std::string_view name) const {
  const RegisteredDocument* d = find(name);
  return d ? d->status : DocumentStatus::Missing;
}

DocumentIndex::DocumentIndex(const DocumentRegister& documents) {
  keys_.reserve(documents.documents.size());
  for (const RegisteredDocument& d : documents.documents) {
    std::string key(trim(d.suggested_name()));
    for (char& c : key) c = ascii_lower(c);
    keys_.emplace_back(std::move(key), &d);
  }
}

const RegisteredDocument* DocumentIndex::find(std::string_view name) const {
  name = trim(name);
  for (const auto& [key, document] : keys_) {
    if (key.size() != name.size()) continue;
    std::size_t i = 0;
    while (i < name.size() && key[i] == ascii_lower(name[i])) ++i;
    if (i == name.size()) return document;
  }
  return nullptr;
}

DocumentStatus DocumentIndex::status_of(std::string_view name) const {
  const RegisteredDocument* document = find(name);
  return document ? document->status : DocumentStatus::Missing;
}

std::span<const Column> document_columns() { return kColumns; }

Result<DocumentRegister> parse_document_register(std::string_view text, InputFormat format, std::string_view source,
                                                 CsvOptions csv) {
  auto read = read_table(text, format, source, kColumns, csv);
  if (!read) return tl::unexpected(read.error());
  InputTable& table = *read;
  Errors errors = std::move(table.errors);
  auto error = [&](const InputRow& row, std::size_t col, std::string message) {
    errors.add(Error{ErrorCode::InvalidInput, row.where(col, kColumns), std::move(message), {}});
  };
  auto date = [&](const InputRow& row, std::size_t col) -> std::optional<Date> {
    if (row.values[col].empty()) return std::nullopt;
    auto d = parse_date(row.values[col], row.where(col, kColumns));
    if (!d) {
      errors.add(d.error());
      return std::nullopt;
    }
    return *d;
  };

  DocumentRegister reg;
  reg.notices = std::move(table.notices);
  std::unordered_map<std::string, std::string> first_seen;  // lower-case name -> where
  for (const InputRow& row : table.rows) {
    const auto& v = row.values;
    RegisteredDocument doc;
    doc.name = v[RegisterCol::Document];
    doc.where = row.where();
    if (doc.name.empty()) {
      error(row, RegisterCol::Document, "a document name is required");
      continue;
    }
    if (!v[RegisterCol::MapsTo].empty()) {
      if (auto suggested = find_suggested_document(v[RegisterCol::MapsTo])) {
        if (!same_name(*suggested, doc.name)) doc.maps_to = std::string(*suggested);
      } else {
        std::vector<std::string_view> names = suggested_documents();
        auto near = nearest(v[RegisterCol::MapsTo], names);
        error(row, RegisterCol::MapsTo,
              fmt::format("'{}' is not a suggested document{}", excerpt(v[RegisterCol::MapsTo]),
                          near.empty() ? std::string("; the catalog lists them with each requirement")
                                       : fmt::format("; did you mean {}?", or_list(near))));
        continue;
      }
    }
    if (auto [it, fresh] = first_seen.emplace(to_lower(doc.name), row.where()); !fresh) {
      error(row, RegisterCol::Document,
            fmt::format("'{}' is listed twice (first at {})", excerpt(doc.name), it->second));
      continue;
    }
    if (!doc.maps_to.empty()) {
      if (auto [it, fresh] = first_seen.emplace(to_lower(doc.maps_to), row.where()); !fresh) {
        error(row, RegisterCol::MapsTo,
              fmt::format("'{}' is already in the register (at {}); one row per suggested document",
                          excerpt(doc.maps_to), it->second));
        continue;
      }
    }
    if (table.present[RegisterCol::Status]) {
      std::string s = to_lower(trim(v[RegisterCol::Status]));
      bool known = false;
      for (std::size_t i = 0; i < kStatusNames.size(); ++i) {
        if (s == kStatusNames[i]) {
          doc.status = static_cast<DocumentStatus>(i);
          known = true;
        }
      }
      if (!known) {
        error(row, RegisterCol::Status,
              v[RegisterCol::Status].empty() ? std::string("is required: missing, draft or approved")
                                             : fmt::format("unknown status '{}': use missing, draft or approved",
                                                           excerpt(v[RegisterCol::Status])));
      }
    }
    doc.approved_by = v[RegisterCol::ApprovedBy];
    doc.approved_on = date(row, RegisterCol::ApprovedOn);
    doc.next_review = date(row, RegisterCol::NextReview);
    if (doc.approved_on && doc.next_review) {
      if (auto problem = review_not_after_approval(*doc.next_review, *doc.approved_on)) {
        error(row, RegisterCol::NextReview, *problem);
        continue;
      }
    }
    reg.documents.push_back(std::move(doc));
  }
  return value_or_errors(std::move(reg), std::move(errors));
}

}  // namespace vigil::assess
