#include "net/tls_context.h"

#include <openssl/err.h>

#include <cstring>

#include "util/sanitize.h"

namespace mastotail::net {
namespace {

// OpenSSL's reason for the failure queued on this thread, preferring a
// failed system call ("No such file or directory"), or a fallback. Clears
// the queue.
std::string take_openssl_reason() {
  std::string reason = "no certificate found";
  while (unsigned long code = ERR_get_error()) {
    if (ERR_SYSTEM_ERROR(code)) {
      reason = std::strerror(ERR_GET_REASON(code));
      break;
    }
    if (const char* text = ERR_reason_error_string(code)) reason = text;
  }
  ERR_clear_error();
  return reason;
}

}  // namespace

Result<TlsContext> make_client_tls_context(const std::string& cacert) {
  ERR_clear_error();
  TlsContext context(SSL_CTX_new(TLS_client_method()));
  if (!context) {
    return Error{
        ErrorKind::kInternal,
        "creating the TLS client context failed: " + take_openssl_reason()};
  }

  SSL_CTX_set_min_proto_version(context.get(), TLS1_2_VERSION);
  SSL_CTX_set_options(context.get(), SSL_OP_NO_COMPRESSION);
  // Buffers are freed while a connection is idle, which keeps the memory
  // of a quiet stream small.
  SSL_CTX_set_mode(context.get(), SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER |
                                      SSL_MODE_RELEASE_BUFFERS);

  // A missing system store is not an error here: verification then fails
  // on connect and names the certificate problem.
  SSL_CTX_set_default_verify_paths(context.get());
  ERR_clear_error();

  if (!cacert.empty() &&
      SSL_CTX_load_verify_file(context.get(), cacert.c_str()) != 1) {
    return Error{ErrorKind::kUsage,
                 "--cacert '" + sanitized_line(cacert) +
                     "': cannot load CA certificates (" +
                     take_openssl_reason() +
                     "); give a readable PEM file of CA certificates"};
  }
  return context;
}

}  // namespace mastotail::net
