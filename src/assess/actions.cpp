// The prioritised action list. Order: requirements with a gap before partial
// ones; within each, Art. 20 (governance: management bodies answer for the
// measures) and Art. 23 (reporting: the 24-hour clock runs from the first
// significant incident) before the Art. 21 measures; catalog order last. Each
// control or document appears once, at its most urgent place, listing every
// requirement it serves. Overdue reviews close the list.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "assess/assess.h"
#include "assess/review_due.h"
#include "core/names.h"

namespace vigil::assess {
namespace {

bool governance_or_reporting(std::string_view article) {
  return article.rfind("Art. 20", 0) == 0 || article.rfind("Art. 23", 0) == 0;
}

std::string_view state_of(const ControlResult& c) {
  if (!c.in_soa) return "not in the SoA";
  switch (c.status.value_or(Implementation::NotImplemented)) {
    case Implementation::PartiallyImplemented: return "partially implemented";
    case Implementation::Planned: return "planned";
    default: return "not implemented";
  }
}

class ActionList {
 public:
  void add(ActionKind kind, std::string target, std::string_view title, const RequirementResult& r, std::string owner,
           std::string detail) {
    auto key = std::make_pair(kind, target);
    auto it = index_.find(key);
    if (it != index_.end()) {
      Action& a = actions_[it->second];
      if (std::find(a.requirements.begin(), a.requirements.end(), r.requirement->id) == a.requirements.end()) {
        a.requirements.push_back(r.requirement->id);
      }
      if (std::find(a.articles.begin(), a.articles.end(), r.requirement->article) == a.articles.end()) {
        a.articles.push_back(r.requirement->article);
      }
      return;
    }
    Action a;
    a.kind = kind;
    a.target = std::move(target);
    a.target_title = std::string(title);
    a.requirement_status = r.status;
    a.requirements = {r.requirement->id};
    a.articles = {r.requirement->article};
    a.owner = std::move(owner);
    a.detail = std::move(detail);
    index_.emplace(std::move(key), actions_.size());
    actions_.push_back(std::move(a));
  }

  std::vector<Action> take() {
    for (std::size_t i = 0; i < actions_.size(); ++i) actions_[i].rank = static_cast<int>(i) + 1;
    return std::move(actions_);
  }

 private:
  std::vector<Action> actions_;
  std::map<std::pair<ActionKind, std::string>, std::size_t> index_;
};

void add_actions_for(const RequirementResult& r, ActionList& list) {
  const std::string_view article = r.requirement->article;
  for (const ControlResult& c : r.controls) {
    if (!c.applicable) {
      list.add(ActionKind::ReviewExclusion, std::string(c.id), c.title, r, c.owner,
               fmt::format("{} {} is excluded in the SoA, but NIS2 {} allows no opt-out: apply the control or "
                           "show how the requirement is met otherwise",
                           c.id, c.title, article));
    } else if (c.status != Implementation::Implemented) {
      list.add(ActionKind::ImplementControl, std::string(c.id), c.title, r, c.owner,
               fmt::format("Implement {} {} (now {})", c.id, c.title, state_of(c)));
    }
  }
  for (const DocumentResult& d : r.documents) {
    if (d.status == DocumentStatus::Missing) {
      list.add(ActionKind::WriteDocument, std::string(d.name), "", r, "",
               fmt::format("Write the {} and have it approved", d.name));
    } else if (d.status == DocumentStatus::Draft) {
      list.add(ActionKind::ApproveDocument, std::string(d.name), "", r, "",
               fmt::format("Have the draft {} approved", d.name));
    }
  }
}

}  // namespace

std::string_view to_string(ActionKind kind) {
  static constexpr EnumNames<ActionKind, 9> kNames{{"review_exclusion", "implement_control", "write_document",
                                                    "approve_document", "review_control", "review_document",
                                                    "address_supplier", "schedule_exercise", "exercise_improvement"}};
  return name_of(kind, kNames);
}

std::vector<Action> prioritised_actions(std::span<const RequirementResult> requirements) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < requirements.size(); ++i) {
    if (requirements[i].status != RequirementStatus::Met) order.push_back(i);
  }
  auto urgency = [&](std::size_t i) {
    const RequirementResult& r = requirements[i];
    int status = r.status == RequirementStatus::Gap ? 0 : 1;
    int tier = governance_or_reporting(r.requirement->article) ? 0 : 1;
    return std::make_tuple(status, tier, i);
  };
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return urgency(a) < urgency(b); });

  ActionList list;
  for (std::size_t i : order) add_actions_for(requirements[i], list);
  // The supplier register's findings: one action per supplier or group,
  // listing all its findings (NIS2 Art. 21(2)(d), 21(3)).
  std::map<std::string, std::vector<std::string>> supplier_details;
  for (const RequirementResult& r : requirements) {
    for (const Finding& f : r.findings) {
      if (f.code == FindingCode::SupplierRegister) supplier_details[f.subject].push_back(f.detail);
    }
  }
  for (const RequirementResult& r : requirements) {
    for (const Finding& f : r.findings) {
      if (f.code != FindingCode::SupplierRegister) continue;
      list.add(
          ActionKind::AddressSupplier, f.subject, "", r, "",
          fmt::format("Resolve the supplier register's findings: {}", fmt::join(supplier_details[f.subject], "; ")));
    }
  }
  for (const RequirementResult& r : requirements) {
    for (const Finding& f : r.findings) {
      if (f.code != FindingCode::ReviewOverdue) continue;
      const ControlResult* c = nullptr;
      for (const ControlResult& candidate : r.controls) {
        if (candidate.id == f.control) c = &candidate;
      }
      if (!c || !c->last_reviewed) continue;
      list.add(ActionKind::ReviewControl, f.control, c->title, r, c->owner,
               fmt::format("Review {} {}: last reviewed on {}, the review was due on {}", c->id, c->title,
                           format_date(*c->last_reviewed), format_date(review_due(*c->last_reviewed))));
    }
    for (const DocumentResult& d : r.documents) {
      if (!d.review_overdue) continue;
      list.add(ActionKind::ReviewDocument, std::string(d.name), "", r, "",
               fmt::format("Review the {} and have the review approved: it was due on {}", d.name,
                           format_date(*d.next_review)));
    }
  }
  return list.take();
}

}  // namespace vigil::assess
