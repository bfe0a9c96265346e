// mastotail-docgen: fills the man page and completion templates with the
// parts generated from the option table, so that --help, the man page and
// the completions list the same options. Built with mastotail, never
// installed.
//
// Usage: mastotail-docgen man|bash|zsh|fish TEMPLATE OUTPUT
#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "cli/docgen/expand.h"

namespace {

using mastotail::cli::docgen::DocFormat;

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

const std::map<std::string, DocFormat> kFormats = {
    {"man", DocFormat::kMan},
    {"bash", DocFormat::kBash},
    {"zsh", DocFormat::kZsh},
    {"fish", DocFormat::kFish},
};

int fail(int status, const std::string& message) {
  fmt::print(stderr, "mastotail-docgen: error: {}\n", message);
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 || kFormats.count(argv[1]) == 0) {
    return fail(kExitUsage,
                "usage: mastotail-docgen man|bash|zsh|fish TEMPLATE OUTPUT");
  }
  DocFormat format = kFormats.at(argv[1]);
  std::string template_path = argv[2];
  std::string output_path = argv[3];

  std::ifstream input(template_path, std::ios::binary);
  if (!input) {
    return fail(kExitFailure, fmt::format("reading {} failed: {}",
                                          template_path, std::strerror(errno)));
  }
  std::ostringstream text;
  text << input.rdbuf();

  auto expanded = mastotail::cli::docgen::expand_template(format, text.str());
  if (!expanded) {
    return fail(kExitFailure, template_path + ": " + expanded.error().message);
  }

  std::ofstream output(output_path, std::ios::binary | std::ios::trunc);
  output << *expanded;
  output.close();
  if (!output) {
    return fail(kExitFailure, fmt::format("writing {} failed: {}", output_path,
                                          std::strerror(errno)));
  }
  return 0;
}
