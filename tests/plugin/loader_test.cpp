// Finding and loading a plugin: what a user is told when a plugin is missing,
// damaged or of the wrong kind, and that none of these crashes the process.
#include "plugin/loader.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <unistd.h>

#include <gtest/gtest.h>

namespace vigil::plugin {
namespace {

namespace fs = std::filesystem;

// A directory named by VIGIL_PLUGIN_DIR for one test, removed after it.
class PluginDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("vigil-plugin-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    ::setenv("VIGIL_PLUGIN_DIR", dir_.c_str(), 1);
  }
  void TearDown() override {
    ::unsetenv("VIGIL_PLUGIN_DIR");
    fs::remove_all(dir_);
  }
  // The first `bytes` bytes of the built PostgreSQL plugin (beside the binary), as `name`.
  void copy_plugin(const std::string& name, std::size_t bytes) {
    const fs::path built = fs::path(VIGIL_BINARY).parent_path() / "vigil-postgres.so";
    std::ifstream in(built, std::ios::binary);
    ASSERT_TRUE(in) << built;
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_GT(content.size(), bytes);
    std::ofstream(dir_ / name, std::ios::binary) << content.substr(0, bytes);
  }
  fs::path dir_;
};

TEST_F(PluginDir, AMissingPluginNamesEveryPlaceLookedIn) {
  auto entry = load_entry("vigil-nothing.so", "entry", "Nothing support", "somewhere");
  ASSERT_FALSE(entry);
  EXPECT_EQ(entry.error().where, "somewhere");
  EXPECT_NE(entry.error().message.find("Nothing support (vigil-nothing.so) could not be loaded; looked in:"),
            std::string::npos);
  EXPECT_NE(entry.error().message.find((dir_ / "vigil-nothing.so").string() + ": not found"), std::string::npos);
  EXPECT_NE(entry.error().message.find("set VIGIL_PLUGIN_DIR"), std::string::npos);
}

// dlopen of a truncated shared object faults the process (SIGBUS): the loader
// checks the file first. Cut inside the ELF header, inside the program
// headers, and past them but before the segments end.
TEST_F(PluginDir, ATruncatedPluginIsAnErrorNotACrash) {
  for (std::size_t bytes : {10u, 100u, 1000u, 100000u}) {
    copy_plugin("vigil-cut.so", bytes);
    auto entry = load_entry("vigil-cut.so", "vigil_postgres_backend", "Cut support", "");
    ASSERT_FALSE(entry) << bytes;
    const std::string said = (dir_ / "vigil-cut.so").string() + ": ";
    const auto at = entry.error().message.find(said);
    ASSERT_NE(at, std::string::npos) << entry.error().message;
    const std::string why = entry.error().message.substr(at + said.size(), 40);
    EXPECT_TRUE(why.starts_with("is not a 64-bit ELF") || why.starts_with("is damaged or truncated")) << bytes << why;
  }
}

TEST_F(PluginDir, APluginWithoutTheEntryPointIsNamed) {
  const fs::path built = fs::path(VIGIL_BINARY).parent_path() / "vigil-postgres.so";
  fs::copy_file(built, dir_ / "vigil-other.so");
  auto entry = load_entry("vigil-other.so", "vigil_no_such_entry", "Other support", "");
  ASSERT_FALSE(entry);
  EXPECT_NE(entry.error().message.find((dir_ / "vigil-other.so").string() + ": has no vigil_no_such_entry entry point"),
            std::string::npos);
}

TEST_F(PluginDir, TheBuiltPluginLoadsAndNamesWhereItCameFrom) {
  const fs::path built = fs::path(VIGIL_BINARY).parent_path() / "vigil-postgres.so";
  fs::copy_file(built, dir_ / "vigil-postgres.so");
  auto entry = load_entry("vigil-postgres.so", "vigil_postgres_backend", "PostgreSQL support", "");
  ASSERT_TRUE(entry) << entry.error().message;
  EXPECT_NE(entry->function, nullptr);
  EXPECT_EQ(entry->origin, (dir_ / "vigil-postgres.so").string());
}

}  // namespace
}  // namespace vigil::plugin
