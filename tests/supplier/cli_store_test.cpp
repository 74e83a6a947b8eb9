// The stored supplier register end to end through the `vigil` binary: one
// workspace, one command after another (import, analyse/impact/directory from
// --db, an incident opened from a supplier's incident, audit verify), each
// output compared with tests/golden/supplier/stored/<step>.out
// (VIGIL_UPDATE_GOLDEN=1 rewrites them; read every rewritten file).
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli_process.h"

namespace {

namespace fs = std::filesystem;

struct Step {
  std::string name;
  std::vector<std::string> args;
};

class SupplierStoreCli : public testing::Test {
 protected:
  void run(const Step& step) {
    const std::string actual =
        vigil::test::run_vigil(tmp_.path(), {"USER=golden", "VIGIL_NOW=2026-11-30T10:00:00Z"}, step.args);
    vigil::test::expect_golden(fs::path(VIGIL_SOURCE_DIR) / "tests/golden/supplier/stored" / (step.name + ".out"),
                               actual, "step " + step.name);
  }

  vigil::test::ScratchDir tmp_{"vigil-supplier-store"};
};

TEST_F(SupplierStoreCli, ImportAnalyseAndOpenAnIncidentFromASupplier) {
  const std::string cloud = "digital_infrastructure.cloud_computing_service_provider";
  const std::vector<Step> steps{
      {"01_analyse_before_any_workspace", {"supplier", "analyse"}},
      {"02_import_bad_register", {"supplier", "import", "--register", "tests/golden/supplier/data/bad-register.yaml"}},
      {"03_import_text", {"supplier", "import", "--register", "examples/suppliers.yaml", "--by", "carol"}},
      {"04_analyse_no_register_for_other_org", {"supplier", "analyse", "--org", "nobody"}},
      {"05_import_csv_register_json",
       {"supplier", "import", "--register", "tests/golden/supplier/data/csv_register", "--format", "json"}},
      {"06_import_back_json", {"supplier", "import", "--register", "examples/suppliers.yaml", "--format", "json"}},
      {"07_analyse_stored_text", {"supplier", "analyse", "--as-of", "2026-11-30"}},
      {"08_analyse_stored_json", {"supplier", "analyse", "--as-of", "2026-11-30", "--format", "json"}},
      {"09_impact_stored_text", {"supplier", "impact", "equidata-fra"}},
      {"10_directory_stored_json", {"supplier", "directory", "--format", "json"}},
      {"11_open_unknown_supplier",
       {"incident", "open", "--title", "Outage at the colocation provider", "--awareness", "2026-11-30T08:00:00Z",
        "--timezone", "Europe/Berlin", "--entity-type", cloud, "--by", "alice", "--supplier", "equidata-frx"}},
      {"12_open_from_supplier",
       {"incident", "open", "--title", "Outage at the colocation provider", "--awareness", "2026-11-30T08:00:00Z",
        "--timezone", "Europe/Berlin", "--entity-type", cloud, "--by", "alice", "--supplier", "equidata-fra"}},
      {"13_show_text", {"incident", "show", "INC-1"}},
      {"14_show_json", {"incident", "show", "INC-1", "--format", "json"}},
      {"15_audit_events", {"audit", "events"}},
      {"16_audit_verify", {"audit", "verify"}},
  };
  for (const auto& step : steps) run(step);
}

}  // namespace
