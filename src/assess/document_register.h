// The register of ISMS documents: which documents exist, whether they are
// drafts or approved, by whom and when. NIS2 requirements without an ISO 27001
// counterpart (crisis management, Art. 23 reporting) are judged from it, and
// it tells the compliance officer which documents to write or get approved.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assess/tabular_input.h"
#include "core/error.h"
#include "core/time.h"

namespace vigil::assess {

enum class DocumentStatus { Missing, Draft, Approved };

std::string_view to_string(DocumentStatus status);  // "missing" | "draft" | "approved"

struct RegisteredDocument {
  std::string name;  // a suggested document of the catalog, or the entity's own name
  DocumentStatus status = DocumentStatus::Missing;
  std::string approved_by;
  std::optional<Date> approved_on;
  std::optional<Date> next_review;
  std::string where;
  // The suggested document this row stands for, when the entity names it its
  // own way ("Informationssicherheitsleitlinie" for "Information security
  // policy"); empty when `name` is the suggested name or no suggested document.
  std::string maps_to = {};

  // The name requirements look the document up by: maps_to when given.
  std::string_view suggested_name() const {
    return maps_to.empty() ? std::string_view(name) : std::string_view(maps_to);
  }
};

// The documents the catalog suggests (requirements' and roadmap steps'),
// once each, in catalog order.
std::vector<std::string_view> suggested_documents();
// The suggested document of that name, ignoring ASCII case and surrounding
// blanks; nullopt when the catalog suggests no such document.
std::optional<std::string_view> find_suggested_document(std::string_view name);

struct DocumentRegister {
  std::vector<RegisteredDocument> documents;
  std::vector<Error> notices;  // what was read but not used (tabular_input.h), no error

  // Case-insensitive match on the name, surrounding blanks ignored; nullptr
  // when the register does not list it.
  const RegisteredDocument* find(std::string_view name) const;
  // The register's status of a document: Missing when it is not listed.
  DocumentStatus status_of(std::string_view name) const;
};

// The register prepared for many lookups (an assessment makes about a hundred):
// names normalised once, so each lookup is a few length checks.
class DocumentIndex {
 public:
  DocumentIndex(const DocumentRegister& documents);  // NOLINT: implicit on purpose
  DocumentStatus status_of(std::string_view name) const;
  // The register's row for the name; nullptr when it is not listed. Valid as
  // long as the register the index was built from.
  const RegisteredDocument* find(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, const RegisteredDocument*>> keys_;  // lower-case, trimmed
};

std::span<const Column> document_columns();

// Columns document, status (missing|draft|approved), approved_by, approved_on,
// next_review, maps_to. A duplicate document (two rows standing for the same
// suggested document count as one), an unknown status, an unparseable date or
// a maps_to that names no suggested document is an error with its location;
// all errors are reported together.
Result<DocumentRegister> parse_document_register(std::string_view text, InputFormat format, std::string_view source,
                                                 CsvOptions csv = {});

}  // namespace vigil::assess
