#include "assess/review_due.h"

namespace vigil::assess {

Date review_due(Date last_reviewed) {
  Date due = last_reviewed + date::years{1};
  if (!due.ok()) {  // 29 February in a year that has none
    due = Date{due.year() / due.month() / date::last};
  }
  return due;
}

bool review_overdue(Date last_reviewed, Date as_of) {
  return date::sys_days(as_of) > date::sys_days(review_due(last_reviewed));
}

}  // namespace vigil::assess
