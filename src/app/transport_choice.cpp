#include "app/transport_choice.h"

namespace mastotail::app {

bool websocket_refused(const net::Failure& failure) {
  if (failure.kind != net::FailureKind::kHttpStatus) return false;
  int status = failure.http_status;
  return status == 400 || status == 404 || status == 426 || status == 200;
}

bool token_rejected(const net::Failure& failure) {
  return failure.kind == net::FailureKind::kHttpStatus &&
         failure.http_status == 401;
}

net::TokenVia initial_token_via(cli::TokenViaMode mode) {
  switch (mode) {
    case cli::TokenViaMode::kProtocol:
      return net::TokenVia::kProtocol;
    case cli::TokenViaMode::kQuery:
      return net::TokenVia::kQuery;
    case cli::TokenViaMode::kAuto:
    case cli::TokenViaMode::kHeader:
      break;
  }
  return net::TokenVia::kHeader;
}

std::optional<net::TokenVia> token_via_after_rejection(cli::TokenViaMode mode,
                                                       net::TokenVia current) {
  if (mode == cli::TokenViaMode::kAuto && current == net::TokenVia::kHeader) {
    return net::TokenVia::kProtocol;
  }
  return std::nullopt;
}

const char* token_via_name(net::TokenVia via) {
  switch (via) {
    case net::TokenVia::kHeader:
      return "the Authorization header";
    case net::TokenVia::kProtocol:
      return "Sec-WebSocket-Protocol";
    case net::TokenVia::kQuery:
      return "the URL";
  }
  return "the Authorization header";
}

}  // namespace mastotail::app
