// Checks a catalog's integrity: every referenced id exists, no id is defined
// twice, and every NIS2 requirement either maps to ISO items or says explicitly
// that it has none. catalog_gen checks the data the same way at build time;
// this check runs over the compiled result in the tests.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.h"

namespace vigil::catalog {

// One line per problem ("requirement rm.x: unknown ISO 27001 id 'A.9.9'");
// empty when the catalog is sound.
std::vector<std::string> validate(const Catalog& catalog);

// The coverage level an OSCAL relationship implies: equal and subset give
// full, superset and intersect partial, no relationship none.
Coverage coverage_of(Relationship relationship);

}  // namespace vigil::catalog
