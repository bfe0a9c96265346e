#include "app/exit_code.h"

namespace mastotail::app {

int exit_code_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kUsage:
      return kExitUsage;
    case ErrorKind::kAuth:
      return kExitAuth;
    case ErrorKind::kNotFound:
      return kExitNotFound;
    case ErrorKind::kRetriesSpent:
      return kExitRetriesSpent;
    case ErrorKind::kTls:
      return kExitTls;
    case ErrorKind::kNetwork:
    case ErrorKind::kProtocol:
    case ErrorKind::kIo:
    case ErrorKind::kInternal:
      break;
  }
  return kExitFailure;
}

}  // namespace mastotail::app
