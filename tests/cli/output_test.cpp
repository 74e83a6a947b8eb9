// cli/output.h write_file: a regular file is replaced whole, anything else is
// never replaced by a file (a device or FIFO is written in place, a directory
// refused), and a failed write leaves nothing behind.
#include "cli/output.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace vigil::cli {
namespace {

namespace fs = std::filesystem;

fs::path fresh_dir() {
  const auto* info = testing::UnitTest::GetInstance()->current_test_info();
  fs::path dir = fs::temp_directory_path() / fmt::format("vigil-output-{}-{}", info->name(), ::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(WriteFile, ReplacesARegularFileWholeAndLeavesNoTemporaryFile) {
  const auto dir = fresh_dir();
  const auto path = (dir / "report.html").string();
  std::ofstream(path) << "old and longer";
  ASSERT_TRUE(write_file(path, "new"));
  EXPECT_EQ(slurp(path), "new");
  EXPECT_FALSE(fs::exists(path + ".tmp"));
  fs::remove_all(dir);
}

TEST(WriteFile, ThroughASymbolicLinkReplacesTheFileItNamesAndKeepsTheLink) {
  const auto dir = fresh_dir();
  std::ofstream(dir / "target.json") << "old";
  fs::create_symlink(dir / "target.json", dir / "link.json");
  ASSERT_TRUE(write_file((dir / "link.json").string(), "new"));
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(dir / "link.json")));
  EXPECT_EQ(slurp(dir / "target.json"), "new");
  fs::remove_all(dir);
}

TEST(WriteFile, ADirectoryIsRefusedNamingIt) {
  const auto dir = fresh_dir();
  auto written = write_file(dir.string(), "x");
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, ErrorCode::Io);
  EXPECT_EQ(written.error().where, dir.string());
  EXPECT_EQ(written.error().message, "is a directory; give a file name");
  EXPECT_TRUE(fs::is_directory(dir));
  fs::remove_all(dir);
}

TEST(WriteFile, ADeviceIsWrittenInPlaceNeverReplaced) {
  ASSERT_TRUE(write_file("/dev/null", "discarded"));
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
  // A device that takes nothing: the failure is said, and the device stays.
  if (fs::is_character_file("/dev/full")) {
    auto full = write_file("/dev/full", std::string(1 << 16, 'x'));
    ASSERT_FALSE(full);
    EXPECT_EQ(full.error().code, ErrorCode::Io);
    EXPECT_EQ(full.error().where, "/dev/full");
    EXPECT_TRUE(fs::is_character_file("/dev/full"));
    EXPECT_FALSE(fs::exists("/dev/full.tmp"));
  }
}

TEST(WriteFile, AFifoIsWrittenInPlace) {
  const auto dir = fresh_dir();
  const auto fifo = (dir / "pipe").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string read_back;
  // The reader opens the FIFO in a child, so that the writer's open returns.
  const pid_t child = ::fork();
  if (child == 0) {
    std::ofstream(dir / "read") << slurp(fifo);
    ::_exit(0);
  }
  ASSERT_TRUE(write_file(fifo, "through the pipe"));
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_EQ(slurp(dir / "read"), "through the pipe");
  EXPECT_TRUE(fs::is_fifo(fifo));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace vigil::cli
