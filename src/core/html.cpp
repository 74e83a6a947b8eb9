#include "core/html.h"

#include "core/text.h"

namespace vigil {

std::string html_text(std::string_view text) {
  static constexpr CharEscape kHtml[] = {
      {'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}, {'"', "&quot;"}, {'\'', "&#39;"}};
  return escape_chars(text, kHtml);
}

}  // namespace vigil
