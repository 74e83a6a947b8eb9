#include "core/html.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

TEST(HtmlText, EscapesTheFiveMarkupCharactersAndNothingElse) {
  EXPECT_EQ(html_text(R"(<a href="x" title='y'>R&D</a>)"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;R&amp;D&lt;/a&gt;");
  EXPECT_EQ(html_text("Köln | 50 % — ok"), "Köln | 50 % — ok");
  EXPECT_EQ(html_text(""), "");
}

}  // namespace
}  // namespace vigil
