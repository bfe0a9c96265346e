#include "filter/pattern_set.h"

#include <fmt/format.h>
#include <re2/re2.h>

namespace mastotail::filter {

PatternSet::PatternSet() = default;
PatternSet::~PatternSet() = default;
PatternSet::PatternSet(PatternSet&&) noexcept = default;
PatternSet& PatternSet::operator=(PatternSet&&) noexcept = default;

Result<PatternSet> PatternSet::compile(const std::vector<std::string>& patterns,
                                       std::string_view option_name,
                                       bool ignore_case) {
  // RE2 would otherwise log each invalid pattern on stderr by itself.
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(!ignore_case);

  PatternSet set;
  for (const std::string& pattern : patterns) {
    auto compiled = std::make_unique<RE2>(pattern, options);
    if (!compiled->ok()) {
      return Error{ErrorKind::kUsage, fmt::format("--{} '{}': {}", option_name,
                                                  pattern, compiled->error())};
    }
    set.patterns_.push_back(std::move(compiled));
  }
  return set;
}

bool PatternSet::matches(std::string_view text) const {
  re2::StringPiece piece(text.data(), text.size());
  for (const std::unique_ptr<RE2>& pattern : patterns_) {
    if (RE2::PartialMatch(piece, *pattern)) return true;
  }
  return false;
}

}  // namespace mastotail::filter
