// When a control's evidence goes stale. ISO/IEC 27001 9.1 and NIS2 Art. 21(2)(f)
// expect the measures to be re-assessed regularly; Vigil flags a counterpart
// not reviewed for more than 12 months.
#pragma once

#include "core/time.h"

namespace vigil::assess {

// The review falls due 12 calendar months after the last one, on the same day
// of the month, or on the month's last day when that day does not exist
// (reviewed 2024-02-29 -> due 2025-02-28).
Date review_due(Date last_reviewed);

// More than 12 months: the assessment date is after the due date. Reviewed
// 2024-03-15: not overdue on 2025-03-15 (exactly 12 months), overdue on 2025-03-16.
bool review_overdue(Date last_reviewed, Date as_of);

}  // namespace vigil::assess
