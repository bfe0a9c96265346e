#include "app/callback_server.h"

#include <cstring>
#include <string_view>
#include <vector>

#include "util/log.h"

namespace mastotail::app {
namespace {

constexpr const char* kVhostName = "mastotail-login-callback";

constexpr std::string_view kPageStart =
    "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
    "<title>mastotail login</title></head><body><p>";
constexpr std::string_view kPageEnd = "</p></body></html>\n";

constexpr std::string_view kSuccessText =
    "mastotail received the authorization. You can close this tab and "
    "return to the terminal.";
constexpr std::string_view kForeignText =
    "This authorization does not belong to the mastotail login that is "
    "waiting: its state value differs, so the login was stopped. Run "
    "mastotail login again and open the address it prints.";
constexpr std::string_view kErrorText =
    "The authorization did not succeed. The terminal running mastotail "
    "login shows the reason.";

// Returns the decoded value of the query parameter `name`, or "" when the
// request has none. lws decodes %XX escapes when it parses the URI.
std::string query_value(lws* wsi, const char* name) {
  std::string key = std::string(name) + "=";
  std::vector<char> value(2048);
  const char* found = lws_get_urlarg_by_name(wsi, key.c_str(), value.data(),
                                             static_cast<int>(value.size()));
  return found == nullptr ? std::string() : std::string(found);
}

// Writes a whole response; returns -1 (close) when lws cannot.
int write_page(lws* wsi, unsigned status, std::string_view text) {
  std::string body;
  body += kPageStart;
  body += text;
  body += kPageEnd;

  std::vector<unsigned char> buffer(LWS_PRE + 1024 + body.size());
  unsigned char* start = buffer.data() + LWS_PRE;
  unsigned char* end = buffer.data() + buffer.size();
  unsigned char* cursor = start;
  if (lws_add_http_common_headers(wsi, status, "text/html; charset=utf-8",
                                  body.size(), &cursor, end) ||
      lws_add_http_header_by_name(
          wsi, reinterpret_cast<const unsigned char*>("cache-control:"),
          reinterpret_cast<const unsigned char*>("no-store"), 8, &cursor,
          end) ||
      lws_finalize_http_header(wsi, &cursor, end)) {
    return -1;
  }

  std::memcpy(cursor, body.data(), body.size());
  cursor += body.size();
  auto size = static_cast<size_t>(cursor - start);
  if (lws_write(wsi, start, size, LWS_WRITE_HTTP_FINAL) !=
      static_cast<int>(size)) {
    return -1;
  }
  return lws_http_transaction_completed(wsi) ? -1 : 0;
}

}  // namespace

Result<int> CallbackServer::start(net::Loop& loop) {
  // Static, because lws may read the protocols until the context is gone.
  static const lws_protocols protocols[] = {
      {"mastotail-login-callback", &CallbackServer::on_lws_callback, 0, 0, 0,
       nullptr, 0},
      {nullptr, nullptr, 0, 0, 0, nullptr, 0},
  };

  lws_context_creation_info info;
  std::memset(&info, 0, sizeof info);
  info.vhost_name = kVhostName;
  info.port = 0;  // the kernel picks a free port
  info.iface = "127.0.0.1";
  info.protocols = protocols;
  info.user = this;
  lws_vhost* vhost = lws_create_vhost(loop.context(), &info);
  if (vhost == nullptr) {
    return Error{ErrorKind::kInternal,
                 "cannot listen on 127.0.0.1 for the login callback"};
  }
  return lws_get_vhost_listen_port(vhost);
}

int CallbackServer::on_lws_callback(lws* wsi, lws_callback_reasons reason,
                                    void* user, void* in, size_t len) {
  auto* server = static_cast<CallbackServer*>(
      wsi ? lws_get_vhost_user(lws_get_vhost(wsi)) : nullptr);
  if (server == nullptr || reason != LWS_CALLBACK_HTTP) {
    return lws_callback_http_dummy(wsi, reason, user, in, len);
  }
  std::string_view path = in ? static_cast<const char*>(in) : "";
  return server->serve(wsi, path);
}

int CallbackServer::serve(lws* wsi, std::string_view path) {
  if (path != "/callback") return write_page(wsi, 404, "Not found.");

  AuthorizationReply reply{
      .code = query_value(wsi, "code"),
      .state = query_value(wsi, "state"),
      .error = query_value(wsi, "error"),
      .error_description = query_value(wsi, "error_description")};
  // A reply whose state differs still ends the login (the terminal reports
  // the mismatch), but the browser must not read it as a success.
  bool foreign = !expected_state_.empty() && reply.state != expected_state_;
  bool success = reply.error.empty() && !reply.code.empty();
  bool has_answer = !reply.code.empty() || !reply.error.empty();
  if (!reply_ && has_answer) {
    log::debug("the browser reached the login callback");
    reply_ = std::move(reply);
  }
  if (foreign) return write_page(wsi, 400, kForeignText);
  return write_page(wsi, success ? 200 : 400,
                    success ? kSuccessText : kErrorText);
}

}  // namespace mastotail::app
