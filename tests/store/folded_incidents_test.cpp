// The kept folded records: a snapshot rebuilds exactly the record a replay of
// the same entries gives, at every length and however many entries were
// folded after it; a record is handed out only for the head it was folded
// to; the cache stays within its limits, least recently kept first.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "incident/incident.h"
#include "incident/record_json.h"
#include "store/folded_incidents.h"
#include "store/folded_record.h"
#include "test_time.h"
#include "tzdata/zones.h"

namespace vigil::store {
namespace {

namespace inc = vigil::incident;

using vigil::test::at;

// The entries of one incident: opened, then decisions, evidence, facts and
// reports in turn (facts overwrite each other, so folding order matters).
class Chain {
 public:
  explicit Chain(std::string id = "INC-1") : id_(std::move(id)) {
    add(*inc::open_incident(
        {"Outage", at("2025-03-01T10:00:00Z"), "Europe/Berlin",
         "digital_infrastructure.cloud_computing_service_provider", false, "alice", at("2025-03-01T12:00:00Z")},
        tzdata::zones()));
  }
  void grow() {
    const inc::Incident record = *inc::replay(events_, tzdata::zones());
    const Instant now = at("2025-03-05T00:00:00Z");
    const auto n = static_cast<std::int64_t>(events_.size());
    switch (n % 4) {
      case 0:
        add(*inc::decide(record,
                         {std::nullopt,
                          {"decision " + std::to_string(n), {"a", "b"}, "because", {"k"}, {"u"}, inc::Confidence::High},
                          "bob",
                          now}));
        break;
      case 1:
        add(*inc::add_evidence(record, {inc::sha256_hex(std::to_string(n)), 10, "f.log", "shows it", "bob", now}));
        break;
      case 2: add(*inc::record_facts(record, {{{"status", "update " + std::to_string(n)}}, "bob", now})); break;
      default:
        // Recorded out of order (no notification first): this chain is about folding.
        add(*inc::submit(record,
                         {inc::SubmissionType::Progress, at("2025-03-02T00:00:00Z"), inc::Recipient::Csirt,
                          "ref " + std::to_string(n), "bob", now, true},
                         tzdata::zones()));
    }
  }
  const std::vector<inc::Event>& events() const { return events_; }
  const inc::Event& last() const { return events_.back(); }

 private:
  void add(inc::EventDraft draft) {
    events_.push_back(inc::seal("default", id_, events_.empty() ? nullptr : &events_.back(), std::move(draft)));
  }
  std::string id_;
  std::vector<inc::Event> events_;
};

std::string json_of(const inc::Incident& record) { return inc::to_json(record).dump(); }

std::string replayed(const std::vector<inc::Event>& events, std::size_t count) {
  auto record = inc::replay(std::span<const inc::Event>(events.data(), count), tzdata::zones());
  EXPECT_TRUE(record) << describe(record.error());
  return json_of(*record);
}

TEST(FoldedRecord, ASnapshotRebuildsWhatAReplayGivesAtEveryLength) {
  Chain chain;
  for (int i = 0; i < 300; ++i) chain.grow();
  FoldedRecord folded(*inc::replay(std::span<const inc::Event>(chain.events().data(), 1), tzdata::zones()));
  std::vector<RecordSnapshot> snapshots{folded.snapshot()};
  for (std::size_t i = 1; i < chain.events().size(); ++i) {
    ASSERT_TRUE(folded.fold(chain.events()[i]));
    snapshots.push_back(folded.snapshot());
  }
  EXPECT_EQ(folded.head().seq, 301);
  EXPECT_EQ(folded.head().hash, chain.last().hash);
  // Each snapshot still gives its own length after all the later folds (and
  // the renewals of the base they caused).
  for (std::size_t i = 0; i < snapshots.size(); ++i) {
    auto record = snapshots[i].record();
    ASSERT_TRUE(record) << describe(record.error());
    ASSERT_EQ(json_of(*record), replayed(chain.events(), i + 1)) << "after entry " << i + 1;
  }
  EXPECT_EQ(json_of(folded.record()), replayed(chain.events(), chain.events().size()));
}

TEST(FoldedRecord, FoldingAnEntryThatDoesNotFollowFails) {
  Chain chain;
  chain.grow();
  chain.grow();
  FoldedRecord folded(*inc::replay(std::span<const inc::Event>(chain.events().data(), 1), tzdata::zones()));
  EXPECT_FALSE(folded.fold(chain.events()[2]));  // entry 3 after entry 1
}

FoldedRecord folded_chain(const std::string& id, int grow_by) {
  Chain chain(id);
  for (int i = 0; i < grow_by; ++i) chain.grow();
  return FoldedRecord(*inc::replay(chain.events(), tzdata::zones()));
}

TEST(FoldedIncidents, ARecordIsHandedOutOnlyForTheHeadItWasFoldedTo) {
  FoldedIncidents kept;
  FoldedRecord record = folded_chain("INC-1", 3);
  const inc::ChainHead head = record.head();
  kept.keep("default", "INC-1", std::move(record));
  EXPECT_FALSE(kept.take("default", "INC-2", head));
  EXPECT_FALSE(kept.take("acme", "INC-1", head));  // another organisation's INC-1
  EXPECT_EQ(kept.size(), 1u);

  auto taken = kept.take("default", "INC-1", head);
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->head().seq, 4);
  EXPECT_EQ(kept.size(), 0u);  // taken out while the append runs
  kept.keep("default", "INC-1", std::move(*taken));

  // The row shows another head (a write by another process, or a rollback):
  // the record is dropped, not handed out.
  EXPECT_FALSE(kept.take("default", "INC-1", inc::ChainHead{4, std::string(64, 'f')}));
  EXPECT_EQ(kept.size(), 0u);
  EXPECT_FALSE(kept.take("default", "INC-1", head));
}

TEST(FoldedIncidents, TheLeastRecentlyKeptGoFirst) {
  FoldedIncidents kept(FoldedLimits{.records = 2, .entries = 1000});
  std::vector<inc::ChainHead> heads;
  for (const char* id : {"INC-1", "INC-2", "INC-3"}) {
    FoldedRecord record = folded_chain(id, 1);
    heads.push_back(record.head());
    kept.keep("default", id, std::move(record));
  }
  EXPECT_EQ(kept.size(), 2u);
  EXPECT_FALSE(kept.take("default", "INC-1", heads[0]));
  auto second = kept.take("default", "INC-2", heads[1]);
  ASSERT_TRUE(second);
  kept.keep("default", "INC-2", std::move(*second));  // now the most recent
  kept.keep("default", "INC-4", folded_chain("INC-4", 1));
  EXPECT_FALSE(kept.take("default", "INC-3", heads[2]));
  EXPECT_TRUE(kept.take("default", "INC-2", heads[1]));
}

TEST(FoldedIncidents, EntriesAreBoundedButTheNewestIsAlwaysKept) {
  FoldedIncidents kept(FoldedLimits{.records = 100, .entries = 10});
  FoldedRecord small = folded_chain("INC-1", 4);  // 5 entries
  const inc::ChainHead small_head = small.head();
  kept.keep("default", "INC-1", std::move(small));
  FoldedRecord big = folded_chain("INC-2", 19);  // 20 entries: over the limit alone
  const inc::ChainHead big_head = big.head();
  kept.keep("default", "INC-2", std::move(big));
  EXPECT_EQ(kept.size(), 1u);
  EXPECT_FALSE(kept.take("default", "INC-1", small_head));
  EXPECT_TRUE(kept.take("default", "INC-2", big_head));
}

TEST(FoldedIncidents, ForgetDropsTheRecord) {
  FoldedIncidents kept;
  FoldedRecord record = folded_chain("INC-1", 1);
  const inc::ChainHead head = record.head();
  kept.keep("default", "INC-1", std::move(record));
  kept.forget("default", "INC-1");
  kept.forget("default", "INC-9");  // not kept: nothing happens
  EXPECT_FALSE(kept.take("default", "INC-1", head));
}

}  // namespace
}  // namespace vigil::store
