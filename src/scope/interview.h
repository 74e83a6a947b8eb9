// The questions `vigil scope` asks on a terminal, as pure logic: given the
// answers so far, which question comes next (sector -> entity type -> size ->
// special cases), skipping any whose answer cannot change the result. The
// shell only prints questions and reads lines, so a test can drive it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scope/scope.h"

namespace vigil::scope {

enum class AnswerKind { YesNo, Choice, WorkUnits, Euros, OptionalEuros };

struct Question {
  std::string id;      // the entity field it fills, or "sector" / "entity_type" / "another_activity"
  std::string prompt;  // plain words
  AnswerKind kind = AnswerKind::YesNo;
  std::vector<std::string> options;  // for Choice: the labels, answered by number (1-based)
};

struct Interview {
  Entity entity;
  std::vector<std::string> answered;  // question ids answered, in order
  std::string sector;                 // the sector chosen for the activity being added
  int activity_round = 0;             // activities added so far
  bool adding_activities = true;
  std::vector<std::string> not_asked;  // size figures skipped as irrelevant
};

std::optional<Question> next_question(const Interview& interview);

// Applies an answer (a line as typed). On error the interview is unchanged and
// the message says what would be valid.
Result<void> answer(Interview& interview, const Question& question, std::string_view text);

// The entity once next_question() returns nothing, checked like any input.
Result<Entity> finish(const Interview& interview);

}  // namespace vigil::scope
