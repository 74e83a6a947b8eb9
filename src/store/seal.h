// Sealed chain heads: where each hash chain of a workspace ends (an
// incident's log, an organisation's record trail, a live exercise's log, the
// organisation's incident numbering), signed with an Ed25519 key kept outside
// the database. The hash chains show an edit in the middle of a chain; only a
// signature the database cannot forge shows a chain cut back at its end, a
// chain rolled back to an older head, or a head moved to another chain.
//
// A commit seals every chain it wrote with one signature: the heads are the
// leaves of a Merkle tree, the key signs its root, and each chain's seal keeps
// the path from its leaf to the root (empty when the commit wrote one chain).
// So a group commit of a thousand new incidents costs one signature, and each
// chain's seal can still be checked on its own (docs/AUDIT_TRAIL.md shows the
// check in Python).
//
// Knows no domain: a chain is (organisation, kind, id) and a head (seq, hash).
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"

namespace vigil::store {

// The kinds of chain a workspace seals.
inline constexpr std::string_view kIncidentChain = "incident";           // id: "INC-7"
inline constexpr std::string_view kRecordTrailChain = "record_trail";    // id: "records"
inline constexpr std::string_view kExerciseChain = "exercise";           // id: "EX-3"
inline constexpr std::string_view kNumberingChain = "incident_numbers";  // id: "incidents"; seq: the last number given
// The organisation's set of sealed chains, sealed with them in every commit:
// seq is how many other chains of the organisation have a seal, hash the
// digest of their set (sealed_set_head). A chain's seal deleted (with the
// chain's later entries) no longer leaves the chain merely "not sealed".
inline constexpr std::string_view kSealedSetChain = "sealed_chains";  // id: "chains"
// The workspace's chain of organisations (store/workspace_trail.h): one
// workspace-wide chain, whose seal every organisation with seals keeps a copy
// of (its own row, so deleting one organisation leaves the others' copies).
inline constexpr std::string_view kWorkspaceChain = "organisations";  // id: "workspace"

struct ChainId {
  std::string org;
  std::string kind;
  std::string id;
  auto operator<=>(const ChainId&) const = default;
};

// "acme incident INC-7", "acme record trail", for messages.
std::string describe(const ChainId& chain);

struct ChainHeadAt {
  ChainId chain;
  std::int64_t seq = 0;
  std::string hash;  // "" for the numbering chain
};

// The bytes a leaf stands for: {"chain","head","kind","org","seal","seq"}
// as canonical JSON (keys sorted, no whitespace), "seal" being
// "vigil-chain-seal/1". The leaf is the hex SHA-256 of "leaf:" + these bytes.
std::string seal_message(const ChainHeadAt& head);
std::string seal_leaf(const ChainHeadAt& head);

// One chain's seal as stored (and exported).
struct Seal {
  ChainHeadAt head;
  std::string key_id;     // the signer's public key id
  std::string signature;  // hex Ed25519 signature of "vigil-seal-root/1:" + root
  // From the leaf to the root: "left:<hex>" (the sibling is on the left: the
  // parent is SHA-256 of "node:" + sibling + current) or "right:<hex>".
  std::vector<std::string> path;
  Instant sealed_at{};
};

// The set of sealed chains of `org` as it stands in `seals` (the set's own
// seal, if among them, left out): seq the number of chains, hash the sum
// modulo 2^256 of the hex SHA-256 of "sealed-chain:" + org + "/" + kind + "/" + id
// of each, as 64 hex digits (all zeros for none). Adding one member:
// with_sealed_chain.
ChainId sealed_set_chain(std::string_view org);
ChainHeadAt sealed_set_head(std::string_view org, std::span<const Seal> seals);
ChainHeadAt with_sealed_chain(ChainHeadAt set, const ChainId& chain);

// The Merkle root the path leads to from the leaf (InvalidInput when a step
// is not "left:<64 hex>" or "right:<64 hex>").
Result<std::string> seal_root(const std::string& leaf, std::span<const std::string> path);

class PublicKey {
 public:
  // 64 hex digits (what `vigil seal-key generate` prints).
  static Result<PublicKey> parse(std::string_view hex, std::string_view where);
  std::string hex() const;
  // The first 16 bytes of SHA-256 of the key, in hex: short, and unique.
  const std::string& id() const { return id_; }
  // nullopt when the seal is valid for its head under this key; otherwise why not.
  std::optional<std::string> check(const Seal& seal) const;
  // The seal is valid and its commit also sealed the organisation's set of
  // sealed chains (root signed as "vigil-seal-root/2:"; seals made before the
  // set was signed say "vigil-seal-root/1:").
  bool signs_sealed_set(const Seal& seal) const;

 private:
  friend class Sealer;
  std::array<unsigned char, 32> bytes_{};
  std::string id_;
};

// Holds the secret key. Shared by every store of a process (signing is thread-safe).
class Sealer {
 public:
  // The key file `vigil seal-key generate` wrote. Refused when it is readable
  // by group or others (as ssh refuses a private key), or malformed.
  static Result<std::shared_ptr<const Sealer>> load(const std::string& path);
  // Writes a new key file (mode 0600). Never overwrites: Conflict when the file exists.
  static Result<PublicKey> generate(const std::string& path);

  const PublicKey& public_key() const { return public_; }
  // One seal per head (in order), all under one signature. `covers_set`:
  // the heads include the set of sealed chains of every organisation among
  // them (signed as "vigil-seal-root/2:"); false only to write seals as they
  // were made before (tests of older workspaces).
  std::vector<Seal> seal(std::span<const ChainHeadAt> heads, Instant at, bool covers_set = true) const;

 private:
  Sealer() = default;
  std::array<unsigned char, 64> secret_{};
  PublicKey public_;
};
using SealerRef = std::shared_ptr<const Sealer>;

// What checking the seals of one organisation found.
struct SealFinding {
  ChainId chain;
  std::string reason;
};
struct SealVerification {
  std::optional<std::string> key_id;  // the public key checked against; nullopt: none given
  std::int64_t checked = 0;           // chains whose seal holds for their head under the key
  std::int64_t unchecked = 0;         // sealed chains whose seal matches but could not be checked (no key)
  std::vector<ChainId> unsealed;      // chains without a seal: not checked against one
  std::vector<SealFinding> findings;  // tampering
  // The organisation has seals but no signed set of sealed chains: sealed
  // before the set was signed, so a chain whose seal was deleted with its
  // later entries can only be listed as not sealed.
  bool set_not_covered = false;
  bool intact() const { return findings.empty(); }
};

// Compares each chain's actual head (from its verified entries) with its
// seal: a seal ahead of the chain (entries removed), behind it (entries
// appended without a seal), at the same number with another hash, for a
// chain that no longer exists, by another key, or whose signature does not
// verify is a finding. Without a key, a seal that agrees with its chain proves
// nothing and is counted `unchecked`; one that disagrees is still a finding.
// The seals are also compared with the organisation's signed set of sealed
// chains: a seal missing from it (or added to it) is a finding, and so is
// every chain without a seal then; a set whose seal is gone while the other
// seals say it was signed (signs_sealed_set) is a finding too.
SealVerification check_seals(std::span<const ChainHeadAt> actual, std::span<const Seal> seals, const PublicKey* key);

}  // namespace vigil::store
