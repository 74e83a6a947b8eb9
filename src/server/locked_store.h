// The workspace Store used from several worker threads: the SQLite store is
// one connection, so calls are serialised here (a connection per thread or a
// group-commit writer is the next step for throughput; see PERFORMANCE.md).
#pragma once

#include <memory>
#include <mutex>

#include "store/store.h"

namespace vigil::server {

class LockedStore final : public store::Store {
 public:
  explicit LockedStore(std::unique_ptr<store::Store> inner) : inner_(std::move(inner)) {}

  Result<void> ensure_organisation(std::string_view org, std::string_view name) override {
    std::lock_guard lock(mutex_);
    return inner_->ensure_organisation(org, name);
  }
  Result<incident::Incident> open_incident(std::string_view org, const incident::EventDraft& opened) override {
    std::lock_guard lock(mutex_);
    return inner_->open_incident(org, opened);
  }
  Result<incident::Incident> append(std::string_view org, std::string_view id, const store::NextEntry& next,
                                    const std::optional<store::Blob>& blob,
                                    std::optional<std::int64_t> expected_event_count) override {
    std::lock_guard lock(mutex_);
    return inner_->append(org, id, next, blob, expected_event_count);
  }
  Result<incident::Incident> load_incident(std::string_view org, std::string_view id) override {
    std::lock_guard lock(mutex_);
    return inner_->load_incident(org, id);
  }
  Result<std::vector<incident::Event>> events(std::string_view org, std::string_view id) override {
    std::lock_guard lock(mutex_);
    return inner_->events(org, id);
  }
  Result<std::vector<incident::Summary>> list_incidents(std::string_view org,
                                                        const store::ListOptions& options) override {
    std::lock_guard lock(mutex_);
    return inner_->list_incidents(org, options);
  }
  Result<std::vector<std::string>> logged_incident_ids(std::string_view org) override {
    std::lock_guard lock(mutex_);
    return inner_->logged_incident_ids(org);
  }
  Result<std::string> evidence_content(std::string_view org, std::string_view sha256) override {
    std::lock_guard lock(mutex_);
    return inner_->evidence_content(org, sha256);
  }
  Result<std::vector<std::string>> evidence_hashes(std::string_view org) override {
    std::lock_guard lock(mutex_);
    return inner_->evidence_hashes(org);
  }

 private:
  std::unique_ptr<store::Store> inner_;
  std::mutex mutex_;
};

}  // namespace vigil::server
