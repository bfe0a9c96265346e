#include "app/token.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace mastotail::app {
namespace {

std::string trim(std::string text) {
  const char* space = " \t\r\n";
  size_t first = text.find_first_not_of(space);
  if (first == std::string::npos) return {};
  size_t last = text.find_last_not_of(space);
  return text.substr(first, last - first + 1);
}

Result<std::string> check_token(std::string token, const std::string& from) {
  if (token.empty()) {
    return Error{ErrorKind::kUsage, from +
                                        " is empty; put the access token "
                                        "in it"};
  }
  for (unsigned char c : token) {
    if (c <= 0x20 || c == 0x7F) {
      return Error{ErrorKind::kUsage,
                   from +
                       " contains spaces or control characters; it must "
                       "hold the access token alone"};
    }
  }
  return token;
}

}  // namespace

Result<std::string> load_token(const std::string& token_file) {
  if (!token_file.empty()) {
    std::ifstream file(token_file, std::ios::binary);
    if (!file) {
      return Error{ErrorKind::kUsage, "--token-file '" + token_file +
                                          "': " + std::strerror(errno)};
    }
    std::ostringstream content;
    content << file.rdbuf();
    return check_token(trim(content.str()),
                       "--token-file '" + token_file + "'");
  }

  const char* variable = std::getenv("MASTOTAIL_TOKEN");
  if (variable == nullptr) return std::string();
  return check_token(trim(variable), "MASTOTAIL_TOKEN");
}

}  // namespace mastotail::app
