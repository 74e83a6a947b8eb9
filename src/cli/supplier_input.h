// Reading a supplier register named on the command line (`--register` of
// `vigil supplier`, `--suppliers` of `vigil gap`): a .yaml/.yml or .json file,
// or a directory with functions.csv, suppliers.csv and dependencies.csv.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "supplier/register.h"

namespace vigil::cli {

// `option` names the command-line option in errors ("--register").
// `encoding`: the --encoding value of its files ("" is UTF-8).
Result<supplier::Register> read_supplier_register(const std::string& path, std::string_view option,
                                                  const std::string& encoding = "");

}  // namespace vigil::cli
