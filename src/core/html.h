// Text for HTML: the five characters with a meaning in markup (& < > " ')
// as entities, everything else as it is. Every HTML renderer of Vigil
// (gap report, supplier report, after-action report) goes through it.
#pragma once

#include <string>
#include <string_view>

namespace vigil {

std::string html_text(std::string_view text);

}  // namespace vigil
