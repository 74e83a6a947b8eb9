#include "store/seal.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/sha256.h"
#include "core/text.h"

namespace vigil::store {

namespace {

constexpr std::string_view kKeyFileTag = "vigil-seal-key/1";
constexpr std::string_view kSealTag = "vigil-chain-seal/1";
// Seals made before the set of sealed chains was signed: /1; since: /2.
constexpr std::string_view kRootPrefix = "vigil-seal-root/2:";
constexpr std::string_view kRootPrefixBeforeSet = "vigil-seal-root/1:";
// With a key, a chain without a seal: the key asserts the chains are sealed with it.
constexpr std::string_view kNotSealedWithKey =
    "not sealed, though a public key was given: the seal may have been removed (a chain last written before the "
    "seal key was configured is not sealed either, until its next write with the key)";

bool sodium_ready() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, size);
  out.pop_back();
  return out;
}

// Exactly `size` bytes from lower- or upper-case hex, nothing else.
bool from_hex(std::string_view hex, unsigned char* out, std::size_t size) {
  if (hex.size() != size * 2) return false;
  std::size_t written = 0;
  return sodium_hex2bin(out, size, hex.data(), hex.size(), nullptr, &written, nullptr) == 0 && written == size;
}

bool is_hash(std::string_view hex) {
  if (hex.size() != 64) return false;
  for (char c : hex) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string node(const std::string& left, const std::string& right) { return sha256_hex("node:" + left + right); }

std::string root_message(const std::string& root, bool covers_set = true) {
  return std::string(covers_set ? kRootPrefix : kRootPrefixBeforeSet) + root;
}

// 32 bytes from 64 hex digits (zeros when malformed), and back.
std::array<unsigned char, 32> digest_bytes(std::string_view hex) {
  std::array<unsigned char, 32> out{};
  if (!from_hex(hex, out.data(), out.size())) out.fill(0);
  return out;
}

// a + b modulo 2^256, big-endian.
std::string add_digests(std::string_view a, std::string_view b) {
  auto x = digest_bytes(a);
  const auto y = digest_bytes(b);
  unsigned carry = 0;
  for (std::size_t i = x.size(); i-- > 0;) {
    const unsigned sum = unsigned{x[i]} + unsigned{y[i]} + carry;
    x[i] = static_cast<unsigned char>(sum & 0xffu);
    carry = sum >> 8;
  }
  return to_hex(x.data(), x.size());
}

std::string member_digest(const ChainId& chain) {
  return sha256_hex("sealed-chain:" + chain.org + "/" + chain.kind + "/" + chain.id);
}

}  // namespace

ChainId sealed_set_chain(std::string_view org) {
  return ChainId{std::string(org), std::string(kSealedSetChain), "chains"};
}

ChainHeadAt sealed_set_head(std::string_view org, std::span<const Seal> seals) {
  ChainHeadAt set{sealed_set_chain(org), 0, std::string(64, '0')};
  for (const Seal& s : seals) {
    if (s.head.chain.kind != kSealedSetChain) set = with_sealed_chain(std::move(set), s.head.chain);
  }
  return set;
}

ChainHeadAt with_sealed_chain(ChainHeadAt set, const ChainId& chain) {
  set.seq += 1;
  set.hash = add_digests(set.hash, member_digest(chain));
  return set;
}

std::string describe(const ChainId& chain) {
  if (chain.kind == kRecordTrailChain) return chain.org + " record trail";
  if (chain.kind == kSealedSetChain) return chain.org + " set of sealed chains";
  if (chain.kind == kNumberingChain) return chain.org + " incident numbering";
  if (chain.kind == kWorkspaceChain) return chain.org + " copy of the workspace's chain of organisations";
  return chain.org + " " + chain.id;
}

std::string seal_message(const ChainHeadAt& head) {
  const nlohmann::json message{{"chain", head.chain.id},        {"head", head.hash},
                               {"kind", head.chain.kind},       {"org", head.chain.org},
                               {"seal", std::string(kSealTag)}, {"seq", head.seq}};
  return message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string seal_leaf(const ChainHeadAt& head) { return sha256_hex("leaf:" + seal_message(head)); }

Result<std::string> seal_root(const std::string& leaf, std::span<const std::string> path) {
  std::string at = leaf;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const std::string_view step = path[i];
    if (step.starts_with("left:") && is_hash(step.substr(5))) {
      at = node(std::string(step.substr(5)), at);
    } else if (step.starts_with("right:") && is_hash(step.substr(6))) {
      at = node(at, std::string(step.substr(6)));
    } else {
      return invalid(fmt::format("path[{}]", i), "is not left:<64 hex> or right:<64 hex>");
    }
  }
  return at;
}

// --- keys ------------------------------------------------------------------------

Result<PublicKey> PublicKey::parse(std::string_view hex, std::string_view where) {
  PublicKey key;
  if (!from_hex(hex, key.bytes_.data(), key.bytes_.size())) {
    return fail(ErrorCode::InvalidInput, std::string(where),
                fmt::format("'{}' is not an Ed25519 public key (64 hex digits)", excerpt(hex)),
                {HintKind::SealKeyFormat, {}});
  }
  key.id_ =
      sha256_hex(std::string_view(reinterpret_cast<const char*>(key.bytes_.data()), key.bytes_.size())).substr(0, 32);
  return key;
}

std::string PublicKey::hex() const { return to_hex(bytes_.data(), bytes_.size()); }

std::optional<std::string> PublicKey::check(const Seal& seal) const {
  if (seal.key_id != id_) return fmt::format("sealed by key {}, not by the key given ({})", seal.key_id, id_);
  auto root = seal_root(seal_leaf(seal.head), seal.path);
  if (!root) return "the seal's path is damaged: " + root.error().where + " " + root.error().message;
  unsigned char signature[crypto_sign_BYTES];
  if (!sodium_ready() || !from_hex(seal.signature, signature, sizeof signature)) {
    return std::string("the seal's signature is not 64 bytes of hex");
  }
  auto verifies = [&](bool covers_set) {
    const std::string message = root_message(*root, covers_set);
    return crypto_sign_verify_detached(signature, reinterpret_cast<const unsigned char*>(message.data()),
                                       message.size(), bytes_.data()) == 0;
  };
  if (!verifies(true) && !verifies(false)) {
    return std::string("the seal's signature does not verify (the seal was edited, or moved from another chain)");
  }
  return std::nullopt;
}

bool PublicKey::signs_sealed_set(const Seal& seal) const {
  if (seal.key_id != id_ || !sodium_ready()) return false;
  auto root = seal_root(seal_leaf(seal.head), seal.path);
  unsigned char signature[crypto_sign_BYTES];
  if (!root || !from_hex(seal.signature, signature, sizeof signature)) return false;
  const std::string message = root_message(*root, true);
  return crypto_sign_verify_detached(signature, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                     bytes_.data()) == 0;
}

Result<PublicKey> Sealer::generate(const std::string& path) {
  if (!sodium_ready()) return fail(ErrorCode::Internal, "libsodium", "cannot initialise");
  // O_EXCL: a key that sealed chains is never replaced by accident.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      return fail(ErrorCode::Conflict, path, "exists already; a seal key is never overwritten (choose a new file)");
    }
    return fail(ErrorCode::Io, path, std::strerror(errno));
  }
  unsigned char seed[crypto_sign_SEEDBYTES];
  randombytes_buf(seed, sizeof seed);
  const std::string text = fmt::format("{} {}\n", kKeyFileTag, to_hex(seed, sizeof seed));
  sodium_memzero(seed, sizeof seed);
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok) {
    ::unlink(path.c_str());
    return fail(ErrorCode::Io, path, "could not write the key file");
  }
  auto sealer = TRY(load(path));
  return sealer->public_key();
}

Result<SealerRef> Sealer::load(const std::string& path) {
  if (!sodium_ready()) return fail(ErrorCode::Internal, "libsodium", "cannot initialise");
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    return fail(ErrorCode::NotFound, path, fmt::format("cannot read the seal key: {}", std::strerror(errno)));
  }
  if ((info.st_mode & 077) != 0) {
    return fail(ErrorCode::Forbidden, path,
                fmt::format("the seal key is readable by others (mode {:03o}); chmod 600 it", info.st_mode & 0777));
  }
  std::ifstream in(path);
  std::string tag, hex;
  in >> tag >> hex;
  std::string rest;
  in >> rest;
  std::shared_ptr<Sealer> sealer(new Sealer());
  unsigned char seed[crypto_sign_SEEDBYTES];
  if (tag != kKeyFileTag || !rest.empty() || !from_hex(hex, seed, sizeof seed)) {
    return fail(ErrorCode::InvalidInput, path,
                fmt::format("is not a Vigil seal key (expected '{} <64 hex digits>')", kKeyFileTag),
                {HintKind::SealKeyFormat, {}});
  }
  crypto_sign_seed_keypair(sealer->public_.bytes_.data(), sealer->secret_.data(), seed);
  sodium_memzero(seed, sizeof seed);
  sealer->public_ = TRY(PublicKey::parse(sealer->public_.hex(), path));
  return SealerRef(std::move(sealer));
}

std::vector<Seal> Sealer::seal(std::span<const ChainHeadAt> heads, Instant at, bool covers_set) const {
  std::vector<Seal> out(heads.size());
  // Level by level: pair neighbours, an odd one out goes up unchanged; each
  // leaf's path gets its sibling at every level where it had one.
  std::vector<std::string> level;
  std::vector<std::vector<std::size_t>> below;  // the leaves under each node of the level
  for (std::size_t i = 0; i < heads.size(); ++i) {
    out[i].head = heads[i];
    level.push_back(seal_leaf(heads[i]));
    below.push_back({i});
  }
  while (level.size() > 1) {
    std::vector<std::string> up;
    std::vector<std::vector<std::size_t>> up_below;
    for (std::size_t i = 0; i + 1 < level.size(); i += 2) {
      for (std::size_t leaf : below[i]) out[leaf].path.push_back("right:" + level[i + 1]);
      for (std::size_t leaf : below[i + 1]) out[leaf].path.push_back("left:" + level[i]);
      up.push_back(node(level[i], level[i + 1]));
      up_below.push_back(std::move(below[i]));
      up_below.back().insert(up_below.back().end(), below[i + 1].begin(), below[i + 1].end());
    }
    if (level.size() % 2 == 1) {
      up.push_back(level.back());
      up_below.push_back(std::move(below.back()));
    }
    level = std::move(up);
    below = std::move(up_below);
  }
  if (level.empty()) return out;
  const std::string message = root_message(level.front(), covers_set);
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret_.data());
  const std::string hex = to_hex(signature, sizeof signature);
  for (Seal& s : out) {
    s.key_id = public_.id();
    s.signature = hex;
    s.sealed_at = at;
  }
  return out;
}

// --- checking ----------------------------------------------------------------------

SealVerification check_seals(std::span<const ChainHeadAt> actual, std::span<const Seal> seals, const PublicKey* key) {
  SealVerification report;
  if (key) report.key_id = key->id();
  std::map<ChainId, const Seal*> by_chain;
  const Seal* set = nullptr;
  for (const Seal& s : seals) {
    if (s.head.chain.kind == kSealedSetChain) set = &s;
    else by_chain[s.head.chain] = &s;
  }
  auto add = [&](const ChainId& chain, std::string reason) { report.findings.push_back({chain, std::move(reason)}); };
  for (const ChainHeadAt& head : actual) {
    auto found = by_chain.find(head.chain);
    if (found == by_chain.end()) {
      report.unsealed.push_back(head.chain);
      continue;
    }
    const Seal& seal = *found->second;
    by_chain.erase(found);
    const bool numbering = head.chain.kind == kNumberingChain;
    if (seal.head.seq != head.seq) {
      // Entries removed (the seal is ahead) or written without a seal (behind).
      const bool rolled_back = seal.head.seq > head.seq;
      if (!numbering) {
        add(head.chain,
            fmt::format("sealed head says entry {}, chain ends at entry {}: entries were {}", seal.head.seq, head.seq,
                        rolled_back ? "removed (the chain was rolled back)" : "appended without a seal"));
      } else if (rolled_back) {
        add(head.chain, fmt::format("the sealed numbering says INC-{} was given out, the organisation records "
                                    "INC-{} as its last",
                                    seal.head.seq, head.seq));
      } else {
        add(head.chain, fmt::format("the sealed numbering says INC-{}, the organisation records INC-{}: incidents "
                                    "were opened without a seal",
                                    seal.head.seq, head.seq));
      }
    } else if (seal.head.hash != head.hash) {
      add(head.chain, fmt::format("sealed head hash for entry {} is {}, the entry's hash is {}: the entry was "
                                  "rewritten",
                                  head.seq, seal.head.hash, head.hash));
    } else if (!key) {
      ++report.unchecked;
    } else if (auto wrong = key->check(seal)) {
      add(head.chain, *wrong);
    } else {
      ++report.checked;
    }
  }
  for (const auto& [chain, seal] : by_chain) {
    add(chain, fmt::format("sealed at entry {}, but the chain has no entries any more", seal->head.seq));
  }
  // The set of sealed chains: the seals that are there against the signed set.
  if (set) {
    const ChainHeadAt now = sealed_set_head(set->head.chain.org, seals);
    if (set->head.seq != now.seq || set->head.hash != now.hash) {
      std::string reason =
          set->head.seq > now.seq
              ? fmt::format("the signed set of sealed chains has {} chains, {} seals remain: seals were deleted",
                            set->head.seq, now.seq)
          : set->head.seq < now.seq
              ? fmt::format(
                    "the signed set of sealed chains has {} chains, {} seals are stored: seals were added "
                    "outside Vigil",
                    set->head.seq, now.seq)
              : fmt::format(
                    "the signed set of sealed chains lists {} other chains than those sealed now: seals "
                    "were replaced",
                    set->head.seq);
      add(set->head.chain, std::move(reason));
      for (const ChainId& chain : report.unsealed) {
        add(chain,
            "not sealed, in an organisation whose signed set of sealed chains no longer matches its seals: its "
            "seal was deleted (with the entries it covered?)");
      }
    } else if (!key) {
      ++report.unchecked;
    } else if (auto wrong = key->check(*set)) {
      add(set->head.chain, *wrong);
    } else {
      ++report.checked;
    }
  } else if (!seals.empty()) {
    const bool signed_set =
        key && std::any_of(seals.begin(), seals.end(), [&](const Seal& s) { return key->signs_sealed_set(s); });
    if (signed_set) {
      add(sealed_set_chain(seals.front().head.chain.org),
          "the seals were made with a signed set of sealed chains, and the set's seal is gone (deleted)");
      for (const ChainId& chain : report.unsealed) {
        add(chain, "not sealed, in an organisation whose set of sealed chains was signed and its seal deleted");
      }
    } else {
      report.set_not_covered = true;
    }
  }
  // A public key given asserts that the organisation is sealed with it: a
  // chain without a seal, or an organisation without any, is not merely
  // "not sealed" (plain SQL deletes seals as easily as entries).
  if (key) {
    if (seals.empty() && !actual.empty()) {
      add(sealed_set_chain(actual.front().chain.org),
          "the organisation has no seals at all, though a public key was given: its seals may have been removed");
    }
    for (const ChainId& chain : report.unsealed) {
      const bool reported = std::any_of(report.findings.begin(), report.findings.end(),
                                        [&](const SealFinding& f) { return f.chain == chain; });
      if (!reported) add(chain, std::string(kNotSealedWithKey));
    }
  }
  return report;
}

}  // namespace vigil::store
