// Reading ZIP archives within limits, and finding the scenario JSON of an
// OpenAEV export. The archives are built here with libzip itself, in memory.
#include "archive/zip_reader.h"

#include <zip.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include <date/tz.h>
#include <gtest/gtest.h>

#include "exercise/openaev_import.h"

namespace vigil::archive {
namespace {

struct Entry {
  std::string name;
  std::string data;
  std::string comment;
  bool stored = true;  // no compression, so tests can patch the bytes
};

std::string make_zip(const std::vector<Entry>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(buffer);
  zip_t* z = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  EXPECT_NE(z, nullptr);
  for (const Entry& e : entries) {
    zip_source_t* data = zip_source_buffer(z, e.data.data(), e.data.size(), 0);
    const zip_int64_t i = zip_file_add(z, e.name.c_str(), data, ZIP_FL_ENC_UTF_8);
    EXPECT_GE(i, 0) << e.name;
    zip_set_file_compression(z, static_cast<zip_uint64_t>(i), e.stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
    if (!e.comment.empty()) {
      zip_file_set_comment(z, static_cast<zip_uint64_t>(i), e.comment.data(),
                           static_cast<zip_uint16_t>(e.comment.size()), 0);
    }
  }
  EXPECT_EQ(zip_close(z), 0);
  std::string out;
  EXPECT_EQ(zip_source_open(buffer), 0);
  char chunk[4096];
  zip_int64_t n = 0;
  while ((n = zip_source_read(buffer, chunk, sizeof chunk)) > 0) out.append(chunk, static_cast<std::size_t>(n));
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

void put_u32(std::string& bytes, std::size_t at, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

// Sets the uncompressed size an entry declares, in its local header and in
// the central directory alike (so the archive stays consistent).
void declare_size(std::string& zip, std::uint32_t size) {
  const std::size_t local = zip.find(std::string("PK\x03\x04", 4));
  const std::size_t central = zip.find(std::string("PK\x01\x02", 4));
  ASSERT_NE(local, std::string::npos);
  ASSERT_NE(central, std::string::npos);
  put_u32(zip, local + 22, size);
  put_u32(zip, central + 24, size);
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Result<NamedText> scenario_of(std::string bytes, const ZipLimits& limits = {}) {
  auto zip = ZipArchive::open_memory(std::move(bytes), "export.zip", limits);
  if (!zip) return tl::unexpected(zip.error());
  return read_openaev_scenario_json(*zip);
}

const date::time_zone* locate(std::string_view name) {
  try {
    return date::locate_zone(std::string(name));
  } catch (const std::exception&) {
    return nullptr;
  }
}

TEST(ZipReader, AnOpenAevExportImportsExactlyAsItsJson) {
  const std::string json = read_text(std::string(VIGIL_SOURCE_DIR) + "/tests/golden/exercise/openaev_export.json");
  ASSERT_FALSE(json.empty());
  // As OpenAEV writes it: the scenario's JSON marked "Scenario", documents "Attachment".
  std::string zip = make_zip({{"Phishing leads to ransomware.json", json, "Scenario", false},
                              {"briefing.json", "{\"not\": \"the scenario\"}", "Attachment"},
                              {"docs/briefing.pdf", "%PDF-1.4", "Attachment"}});
  auto entry = scenario_of(zip);
  ASSERT_TRUE(entry) << describe(entry.error());
  EXPECT_EQ(entry->name, "Phishing leads to ransomware.json");
  EXPECT_EQ(entry->text, json);
  exercise::ImportOptions options{"", "digital_infrastructure.cloud_computing_service_provider", "Europe/Berlin",
                                  "2026-05-04T09:00:00+02:00"};
  auto from_zip = exercise::import_openaev(entry->text, "x", options, locate);
  auto from_json = exercise::import_openaev(json, "x", options, locate);
  ASSERT_TRUE(from_zip && from_json);
  EXPECT_EQ(from_zip->toml, from_json->toml);
  EXPECT_EQ(from_zip->not_mapped, from_json->not_mapped);
}

TEST(ZipReader, WithoutMarksTheOnlyJsonOrTheOnlyOneAtTheTopLevel) {
  auto only = scenario_of(make_zip({{"s.json", "{}", ""}, {"logo.png", "png", ""}}));
  ASSERT_TRUE(only) << describe(only.error());
  EXPECT_EQ(only->name, "s.json");
  auto top = scenario_of(make_zip({{"docs/a.json", "{}", ""}, {"Scenario name.JSON", "{}", ""}}));
  ASSERT_TRUE(top) << describe(top.error());
  EXPECT_EQ(top->name, "Scenario name.JSON");
}

TEST(ZipReader, NotAZip) {
  auto r = ZipArchive::open_memory("{\"scenario_information\": {}}", "export.zip");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where, "export.zip");
  EXPECT_NE(r.error().message.find("not a ZIP archive"), std::string::npos) << r.error().message;
  EXPECT_FALSE(looks_like_zip("{}"));
  EXPECT_TRUE(looks_like_zip(make_zip({{"a.json", "{}", ""}})));
}

TEST(ZipReader, ACorruptArchiveOrEntry) {
  std::string zip = make_zip({{"a.json", "{\"x\": 1}", ""}});
  // Cut short: the central directory is gone.
  auto cut = ZipArchive::open_memory(zip.substr(0, zip.size() / 2), "export.zip");
  ASSERT_FALSE(cut);
  EXPECT_EQ(cut.error().where, "export.zip");
  // A byte of the stored data changed: the CRC no longer matches.
  std::string flipped = zip;
  flipped[zip.find("{\"x\"") + 2] = 'y';
  auto r = scenario_of(flipped);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where, "export.zip: a.json");
  EXPECT_NE(r.error().message.find("damaged"), std::string::npos) << r.error().message;
}

TEST(ZipReader, AnEntryDeclaringMoreThanTheLimitIsNotRead) {
  std::string zip = make_zip({{"a.json", "{}", "", false}});
  declare_size(zip, 16u * 1024 * 1024 + 1);
  auto r = scenario_of(zip);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where, "export.zip: a.json");
  EXPECT_NE(r.error().message.find("declares 16777217 bytes uncompressed, more than the limit of 16 MiB"),
            std::string::npos)
      << r.error().message;
  // Exactly at the limit it is read (a small limit, for speed).
  std::string exact = make_zip({{"a.json", std::string(100, ' '), ""}});
  EXPECT_TRUE(scenario_of(exact, ZipLimits{256u * 1024 * 1024, 10'000, 100}));
  EXPECT_FALSE(scenario_of(exact, ZipLimits{256u * 1024 * 1024, 10'000, 99}));
}

TEST(ZipReader, AnEntryHoldingMoreThanItDeclaresStopsAtTheLimit) {
  // A zip bomb's trick: 5000 bytes deflated, declared as 10.
  std::string zip = make_zip({{"a.json", std::string(5000, ' '), "", false}});
  declare_size(zip, 10);
  auto r = scenario_of(zip, ZipLimits{256u * 1024 * 1024, 10'000, 1000});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where, "export.zip: a.json");
  EXPECT_TRUE(r.error().message.find("more than the limit of 1000 bytes") != std::string::npos ||
              r.error().message.find("damaged") != std::string::npos)
      << r.error().message;
}

TEST(ZipReader, TooManyEntriesOrTooLarge) {
  std::vector<Entry> many;
  for (int i = 0; i < 10'001; ++i) many.push_back({"d" + std::to_string(i) + ".txt", "", ""});
  auto r = ZipArchive::open_memory(make_zip(many), "export.zip");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where, "export.zip");
  EXPECT_NE(r.error().message.find("10001 entries, more than the limit of 10000"), std::string::npos)
      << r.error().message;
  many.pop_back();
  EXPECT_TRUE(ZipArchive::open_memory(make_zip(many), "export.zip"));

  std::string zip = make_zip({{"a.json", std::string(200, ' '), ""}});
  auto large = ZipArchive::open_memory(zip, "export.zip", ZipLimits{100, 10'000, 1000});
  ASSERT_FALSE(large);
  EXPECT_NE(large.error().message.find("more than the limit of 100 bytes"), std::string::npos) << large.error().message;
}

TEST(ZipReader, NoJsonInsideListsWhatIsThere) {
  auto r = scenario_of(make_zip({{"briefing.pdf", "%PDF", ""}, {"logo.png", "png", ""}}));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where, "export.zip");
  EXPECT_NE(r.error().message.find("no .json in the archive"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("briefing.pdf, logo.png"), std::string::npos) << r.error().message;
  // An empty archive: only the end record.
  auto empty = scenario_of(std::string("PK\x05\x06", 4) + std::string(18, '\0'));
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().message.find("empty"), std::string::npos) << empty.error().message;
}

TEST(ZipReader, SeveralCandidatesAreListed) {
  auto r = scenario_of(make_zip({{"a/one.json", "{}", ""}, {"b/two.json", "{}", ""}}));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("2 JSON files and none marked as the scenario"), std::string::npos)
      << r.error().message;
  EXPECT_NE(r.error().message.find("a/one.json, b/two.json"), std::string::npos) << r.error().message;
  auto marked = scenario_of(make_zip({{"one.json", "{}", "Scenario"}, {"two.json", "{}", "Scenario"}}));
  ASSERT_FALSE(marked);
  EXPECT_NE(marked.error().message.find("2 entries are marked as the scenario"), std::string::npos)
      << marked.error().message;
}

TEST(ZipReader, AbsolutePathsAndDotDotAreRefused) {
  for (std::string name :
       {"../evil.json", "docs/../../evil.json", "/etc/evil.json", "C:\\evil.json", "docs\\..\\evil.json"}) {
    auto r = ZipArchive::open_memory(make_zip({{name, "{}", ""}}), "export.zip");
    ASSERT_FALSE(r) << name;
    EXPECT_EQ(r.error().where, "export.zip");
    EXPECT_NE(r.error().message.find("absolute path or '..'"), std::string::npos) << r.error().message;
  }
  // ".." inside a name is no traversal.
  EXPECT_TRUE(ZipArchive::open_memory(make_zip({{"a..b.json", "{}", ""}}), "export.zip"));
}

TEST(ZipReader, OpenFileChecksTheSizeAndNamesThePath) {
  auto missing = ZipArchive::open_file("/nonexistent/export.zip");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().where, "/nonexistent/export.zip");
  const std::string path = ::testing::TempDir() + "/zip_reader_test.zip";
  {
    std::ofstream out(path, std::ios::binary);
    out << make_zip({{"a.json", "{}", ""}});
  }
  EXPECT_TRUE(ZipArchive::open_file(path));
  auto large = ZipArchive::open_file(path, ZipLimits{10, 10'000, 1000});
  ASSERT_FALSE(large);
  EXPECT_EQ(large.error().where, path);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace vigil::archive
