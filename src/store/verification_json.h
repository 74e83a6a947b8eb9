// The JSON that `vigil audit verify --format json` and GET .../audit/verify
// show for a verification whose findings each name what they are about, the
// entry concerned and why (the incident trails, the exercise logs, the
// workspace's chain of organisations).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace vigil::store {

// `id`, or null when "" (a finding about no one incident or organisation).
inline nlohmann::json id_or_null(const std::string& id) {
  return id.empty() ? nlohmann::json(nullptr) : nlohmann::json(id);
}

// `counts` with {"intact", "findings": [{"<subject>": about(finding), "seq"
// (null when 0: not about one entry), "reason"}]} added.
template <class Verification, class About>
nlohmann::json verification_json(const Verification& v, nlohmann::json counts, std::string_view subject, About about) {
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& f : v.findings) {
    findings.push_back({{std::string(subject), about(f)},
                        {"seq", f.seq ? nlohmann::json(f.seq) : nlohmann::json(nullptr)},
                        {"reason", f.reason}});
  }
  counts["intact"] = v.intact();
  counts["findings"] = std::move(findings);
  return counts;
}

}  // namespace vigil::store
