// The --match or --exclude patterns of a run, compiled once with RE2, which
// matches in time linear in the text (no backtracking).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace re2 {
class RE2;
}

namespace mastotail::filter {

class PatternSet {
 public:
  PatternSet();
  ~PatternSet();
  PatternSet(PatternSet&&) noexcept;
  PatternSet& operator=(PatternSet&&) noexcept;

  // Compiles `patterns` as UTF-8 RE2 patterns; `ignore_case` folds case by
  // Unicode simple case folding, so that 'ÉTÉ' matches 'été'. Fails with
  // kUsage on the first invalid pattern, with RE2's reason, e.g.
  // "--match '(a': missing ): (a"; `option_name` is the option in that
  // message.
  static Result<PatternSet> compile(const std::vector<std::string>& patterns,
                                    std::string_view option_name,
                                    bool ignore_case);

  bool empty() const { return patterns_.empty(); }

  // True when any pattern matches somewhere in `text` (a partial match).
  bool matches(std::string_view text) const;

 private:
  std::vector<std::unique_ptr<re2::RE2>> patterns_;
};

}  // namespace mastotail::filter
