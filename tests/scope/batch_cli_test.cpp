// `vigil scope --input many.csv --format json` end to end: the streamed output
// is one valid JSON list, printed as nlohmann::json would print it, holding the
// good rows (with their lines) while bad rows go to stderr and set the exit code.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_process.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Outcome {
  std::string out, err;
  int exit_code = -1;
};

using vigil::test::slurp;

class ScopeBatch : public testing::Test {
 protected:
  // Writes `input` to a file of that name and runs `vigil scope` on it.
  Outcome scope(const std::string& file, const std::string& input, const std::string& format) {
    std::ofstream(tmp_ / file, std::ios::binary) << input;
    const std::string command = std::string("'") + VIGIL_BINARY + "' scope --input '" + (tmp_ / file).string() +
                                "' --format " + format + " > '" + (tmp_ / "out").string() + "' 2> '" +
                                (tmp_ / "err").string() + "'";
    const int status = std::system(command.c_str());
    Outcome r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(tmp_ / "out");
    r.err = slurp(tmp_ / "err");
    return r;
  }

  vigil::test::ScratchDir tmp_{"vigil-scope-batch"};
};

const std::string kHeader =
    "name,entity_types,employees,annual_turnover_eur,balance_sheet_total_eur,"
    "provides_services_in_eu,group_worldwide_turnover_eur\n";

TEST_F(ScopeBatch, JsonOfCsvWithABadRowIsOneValidList) {
  const Outcome r =
      scope("many.csv",
            kHeader +
                "Big Power,energy.electricity.producer,300,90000000,60000000,true,1000000000\n"
                "Broken,food.food_business,many,1,1,true,\n"
                "\"Small \"\"Cloud\"\"\",digital_infrastructure.cloud_computing_service_provider,5,1,1,true,\n"
                "Bakery,food.food_business,10,1000000,1000000,true,\n",
            "json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("many.csv:3: employees"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 of 4 entities could not be classified"), std::string::npos) << r.err;
  ASSERT_TRUE(json::accept(r.out)) << r.out;
  const json list = json::parse(r.out);
  // Printed exactly as nlohmann prints the same list (two-space indents, sorted keys).
  EXPECT_EQ(r.out, list.dump(2) + "\n");
  ASSERT_TRUE(list.is_array());
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0]["line"], 2);
  EXPECT_EQ(list[0]["name"], "Big Power");
  EXPECT_EQ(list[0]["classification"], "essential");
  EXPECT_EQ(list[0]["max_fine_floor_eur"], "20000000");  // Art. 34(4): 2 % of 1 000 M
  EXPECT_EQ(list[1]["line"], 4);
  EXPECT_EQ(list[1]["name"], "Small \"Cloud\"");
  EXPECT_EQ(list[1]["classification"], "out_of_scope");  // a micro cloud provider: below Art. 2(1)
  EXPECT_EQ(list[2]["line"], 5);
  EXPECT_EQ(list[2]["name"], "Bakery");
  EXPECT_EQ(list[2]["classification"], "out_of_scope");
}

TEST_F(ScopeBatch, AllRowsBadGivesAnEmptyList) {
  const Outcome r = scope("bad.csv", kHeader + "A,no.such_type,1,1,1,true,\n", "json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "[]\n");
  EXPECT_NE(r.err.find("bad.csv:2: entity_types[0]"), std::string::npos) << r.err;
}

TEST_F(ScopeBatch, JsonListInputStreamsTheSameWay) {
  const Outcome r =
      scope("many.json",
            R"([{"entity_types": ["food.food_business"], "employees": 300, "annual_turnover_eur": 90000000,
                           "balance_sheet_total_eur": 60000000, "provides_services_in_eu": true},
                          {"entity_types": ["food.food_business"], "employees": -1, "annual_turnover_eur": 1,
                           "balance_sheet_total_eur": 1}])",
            "json");
  EXPECT_EQ(r.exit_code, 2);
  ASSERT_TRUE(json::accept(r.out)) << r.out;
  const json list = json::parse(r.out);
  EXPECT_EQ(r.out, list.dump(2) + "\n");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["line"], 1);
  EXPECT_EQ(list[0]["classification"], "important");  // Annex II point 4, large: Art. 3(2)
  EXPECT_NE(r.err.find("[1]"), std::string::npos) << r.err;
}

TEST_F(ScopeBatch, CsvOfManyRowsKeepsEveryGoodRowInOrder) {
  std::string input = kHeader;
  for (int i = 0; i < 3000; ++i) {  // more than one 64 KiB output buffer
    if (i == 1500) {
      input += "Bad,food.food_business,1,x,1,true,\n";
      continue;
    }
    input += 'E';
    input += std::to_string(i);
    input += ",energy.electricity.producer,300,1,1,true,\n";
  }
  const Outcome csv = scope("big.csv", input, "csv");
  EXPECT_EQ(csv.exit_code, 2);
  std::istringstream lines(csv.out);
  std::string line;
  int rows = -1;  // the header
  while (std::getline(lines, line)) ++rows;
  EXPECT_EQ(rows, 2999);
  EXPECT_NE(csv.err.find("big.csv:1502: annual_turnover_eur"), std::string::npos) << csv.err;

  const Outcome js = scope("big.csv", input, "json");
  ASSERT_TRUE(json::accept(js.out));
  const json list = json::parse(js.out);
  ASSERT_EQ(list.size(), 2999u);
  EXPECT_EQ(list[1499]["line"], 1501);
  EXPECT_EQ(list[1500]["line"], 1503);
  EXPECT_EQ(list[2998]["name"], "E2999");
}

}  // namespace
