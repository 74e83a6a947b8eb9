#include "incident/event_log.h"

#include <vector>

#include <gtest/gtest.h>
#include "test_time.h"

namespace vigil::incident {
namespace {

using vigil::test::at;

std::vector<Event> chain(int n) {
  std::vector<Event> events;
  for (int i = 0; i < n; ++i) {
    EventDraft d{i == 0 ? "opened" : "decided", "alice", at("2025-03-01T10:00:00Z"),
                 "{\"n\":" + std::to_string(i) + "}"};
    events.push_back(seal("default", "INC-1", events.empty() ? nullptr : &events.back(), d));
  }
  return events;
}

TEST(Sha256, MatchesTheStandardTestVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(EntryText, IsTheSortedCompactJsonOfTheEntry) {
  Event e{
      "default", "INC-1", 1, "opened", "Zoë \"Z\"", at("2025-03-01T10:00:00Z"), "{\"a\":1}", std::string(kGenesisHash),
      ""};
  EXPECT_EQ(entry_text(e),
            "{\"actor\":\"Zoë \\\"Z\\\"\",\"at\":\"2025-03-01T10:00:00Z\",\"incident\":\"INC-1\",\"kind\":\"opened\","
            "\"org\":\"default\",\"payload\":{\"a\":1},\"prev\":\"" +
                std::string(kGenesisHash) + "\",\"seq\":1}");
}

TEST(CanonicalJson, SortsKeysAndDropsWhitespace) {
  EXPECT_EQ(*canonical_json("{ \"b\": [1, 2], \"a\": {\"d\": null, \"c\": true} }", "x"),
            "{\"a\":{\"c\":true,\"d\":null},\"b\":[1,2]}");
  EXPECT_FALSE(canonical_json("[1]", "x"));
  EXPECT_FALSE(canonical_json("{", "x"));
}

TEST(Chain, SealedEntriesLinkAndVerify) {
  auto events = chain(4);
  EXPECT_EQ(events[0].seq, 1);
  EXPECT_EQ(events[0].prev_hash, kGenesisHash);
  for (std::size_t i = 1; i < events.size(); ++i) EXPECT_EQ(events[i].prev_hash, events[i - 1].hash);
  EXPECT_EQ(verify_chain(events), std::nullopt);
  EXPECT_EQ(verify_chain(std::vector<Event>{}), std::nullopt);
}

TEST(Chain, SealingAfterTheHeadIsSealingAfterTheEntry) {
  // A store that keeps only the head (seq, hash) must produce the very bytes
  // and hash that sealing after the stored entry does.
  auto events = chain(3);
  EventDraft next{"decided", "bob", at("2025-03-01T11:00:00Z"), "{\"n\":3}"};
  Event after_entry = seal("default", "INC-1", &events.back(), next);
  Event after_head = seal("default", "INC-1", ChainHead{events.back().seq, events.back().hash}, next);
  EXPECT_EQ(after_head.seq, 4);
  EXPECT_EQ(after_head.prev_hash, events.back().hash);
  EXPECT_EQ(entry_text(after_head), entry_text(after_entry));
  EXPECT_EQ(after_head.hash, after_entry.hash);
  EventDraft first{"opened", "alice", at("2025-03-01T10:00:00Z"), "{\"n\":0}"};
  EXPECT_EQ(seal("default", "INC-1", ChainHead{}, first).hash, events[0].hash);  // the empty head: genesis
}

// Each way of tampering, and the entry it must be caught at.
struct Tamper {
  const char* name;
  void (*edit)(std::vector<Event>&);
  std::int64_t caught_at;
};

const Tamper kTampers[] = {
    {"actor", [](std::vector<Event>& e) { e[1].actor = "mallory"; }, 2},
    {"time", [](std::vector<Event>& e) { e[2].at += std::chrono::seconds{1}; }, 3},
    {"kind", [](std::vector<Event>& e) { e[1].kind = "closed"; }, 2},
    {"payload", [](std::vector<Event>& e) { e[3].payload = "{\"n\":9}"; }, 4},
    {"payload_whitespace", [](std::vector<Event>& e) { e[1].payload = "{ \"n\":1}"; }, 2},
    {"hash", [](std::vector<Event>& e) { e[0].hash[0] = e[0].hash[0] == 'a' ? 'b' : 'a'; }, 1},
    {"incident", [](std::vector<Event>& e) { e[2].incident_id = "INC-2"; }, 3},
    {"org", [](std::vector<Event>& e) { e[0].org = "acme"; }, 1},
    {"removed", [](std::vector<Event>& e) { e.erase(e.begin() + 1); }, 2},
    {"swapped", [](std::vector<Event>& e) { std::swap(e[1], e[2]); }, 2},
    {"rehashed",
     [](std::vector<Event>& e) {
       e[1].payload = "{\"n\":7}";
       e[1].hash = sha256_hex(entry_text(e[1]));  // consistent itself, but entry 3 points at the old hash
     },
     3},
};

class ChainTamper : public testing::TestWithParam<Tamper> {};

TEST_P(ChainTamper, IsCaughtAtTheFirstEntryThatNoLongerMatches) {
  auto events = chain(4);
  GetParam().edit(events);
  auto broken = verify_chain(events);
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->seq, GetParam().caught_at) << broken->reason;
}

INSTANTIATE_TEST_SUITE_P(EveryField, ChainTamper, testing::ValuesIn(kTampers),
                         [](const testing::TestParamInfo<Tamper>& p) { return std::string(p.param.name); });

}  // namespace
}  // namespace vigil::incident
