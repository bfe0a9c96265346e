#include "cli/environment.h"

#include <cstdlib>

namespace mastotail::cli {

Environment read_environment() {
  Environment environment;
  if (const char* instance = std::getenv("MASTOTAIL_INSTANCE")) {
    environment.instance = instance;
  }
  if (const char* account = std::getenv("MASTOTAIL_ACCOUNT")) {
    environment.account = account;
  }
  return environment;
}

}  // namespace mastotail::cli
