// Small hand-made SoAs for the gap assessment tests: start from "every
// assessable clause and control listed, applicable and implemented" and
// change the lines a test is about.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "assess/document_register.h"
#include "assess/soa.h"
#include "catalog/catalog.h"

namespace vigil::assess::testing {

inline Soa full_soa(std::optional<Date> reviewed = std::nullopt) {
  Soa soa;
  for (const catalog::IsoItem& item : catalog::builtin().iso27001) {
    if (!item.assessable) continue;
    SoaEntry e;
    e.item = &item;
    e.applicable = true;
    e.status = Implementation::Implemented;
    e.owner = "CISO";
    e.last_reviewed = reviewed;
    soa.entries.push_back(std::move(e));
  }
  return soa;
}

inline SoaEntry& line(Soa& soa, std::string_view id) {
  for (SoaEntry& e : soa.entries) {
    if (e.item->id == id) return e;
  }
  throw std::logic_error("not in the test SoA");
}

inline void set(Soa& soa, std::string_view id, Implementation status) { line(soa, id).status = status; }

inline void exclude(Soa& soa, std::string_view id, std::string justification = "not relevant to us") {
  SoaEntry& e = line(soa, id);
  e.applicable = false;
  e.justification = std::move(justification);
  e.status.reset();
}

inline void remove(Soa& soa, std::string_view id) {
  std::erase_if(soa.entries, [&](const SoaEntry& e) { return e.item->id == id; });
}

inline DocumentRegister register_with(const std::vector<std::pair<std::string_view, DocumentStatus>>& docs) {
  DocumentRegister reg;
  for (auto [name, status] : docs) reg.documents.push_back({std::string(name), status, "", {}, {}, ""});
  return reg;
}

inline Date day(int y, unsigned m, unsigned d) { return Date{date::year{y}, date::month{m}, date::day{d}}; }

}  // namespace vigil::assess::testing
