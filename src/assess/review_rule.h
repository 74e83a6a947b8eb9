// The one rule on a document's review date (NIS2 Art. 20(1): the management
// body approves; ISO/IEC 27001 7.5.2 and 5.1: documented information is
// reviewed and approved for suitability at planned intervals): the next review
// falls after the day the document was approved. Approvals, register edits
// (assess/register_rules.h) and register files (documents.csv, the API's rows,
// assess/document_register.h) all apply it. Pure.
#pragma once

#include <optional>
#include <string>

#include "core/time.h"

namespace vigil::assess {

// The message naming both dates when `next_review` is on or before
// `approved_on`; nullopt when it is after.
std::optional<std::string> review_not_after_approval(Date next_review, Date approved_on);

}  // namespace vigil::assess
