// Rewriting a Statement of Applicability written against ISO/IEC 27001:2013
// Annex A into 2022 ids, following the correspondence of ISO/IEC 27002:2022
// Annex B (catalog::Iso2013Control). Pure: rows in, rows and a report out.
//
// The rules, chosen so that the result never claims more than the input:
//  - a 2013 control becomes its 2022 successor; a split one (A.18.2.3)
//    becomes each of its successors;
//  - several 2013 rows that meet in one 2022 control are merged: applicable
//    when any of them is; the weakest status of the applicable ones
//    (not_implemented < planned < partially_implemented < implemented); the
//    oldest last_reviewed date; owners, evidence and justifications joined
//    without repeats;
//  - a row already written with a 2022 id (or a clause 4-10) is kept as it is,
//    and 2013 rows that map onto it are reported as superseded, not merged;
//  - an id that is neither is kept unchanged and reported;
//  - a 2022 control that several 2013 controls became, of which only some
//    are in the SoA, is only partly evidenced: reported, and an
//    "implemented" capped at partially_implemented;
//  - 2022 controls that no row covers (the eleven new in 2022 among them)
//    are reported for assessment; nothing is invented for them;
//  - a 2013 row whose applicable, status or last_reviewed value is not valid
//    is an error (with its location): nothing is converted from bad input.
#pragma once

#include <string>
#include <vector>

#include "assess/tabular_input.h"
#include "core/error.h"

namespace vigil::assess {

struct Converted2013 {
  // The SoA columns (soa_columns()) of each output row, in 2022 Annex A order
  // after the clauses and unknown ids in input order.
  std::vector<std::vector<std::string>> rows;

  struct Merge {
    std::string control;               // "A.5.1"
    std::vector<std::string> sources;  // "A.5.1.1 (soa.csv:3)", ...
    std::string note;                  // "statuses differed: kept the weakest, planned"
  };
  std::vector<Merge> carried_over;      // one 2013 row -> one 2022 row
  std::vector<Merge> merged;            // several 2013 rows -> one 2022 row
  std::vector<std::string> split;       // "A.18.2.3 (soa.csv:7) -> A.5.36 and A.8.8"
  std::vector<std::string> superseded;  // "A.12.6.1 (soa.csv:9): A.8.8 is already listed at soa.csv:40"
  std::vector<std::string> unknown;     // "A.99.1 (soa.csv:12): not a 2013 or 2022 id; kept as it is"
  std::vector<std::string> read_as;     // "12.6.1 (soa.csv:4): read as the 2013 control A.12.6.1" (annex_form)
  std::vector<std::string> uncovered;   // "A.5.7 (new in 2022)", "A.5.9": no row covers them
  // "A.8.15 <- A.12.4.1 (soa.csv:3): A.12.4.2, A.12.4.3 are not in the SoA; implemented capped at
  // partially_implemented"
  std::vector<std::string> partly_evidenced;
  Errors errors;  // bad values in 2013 rows; when any, the rows are not to be written
};

// Precondition: `table` was read with soa_columns().
Converted2013 convert_2013(const InputTable& table);

}  // namespace vigil::assess
