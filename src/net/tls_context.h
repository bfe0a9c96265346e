// The OpenSSL client context that every TLS connection of a Loop shares.
#pragma once

#include <openssl/ssl.h>

#include <memory>
#include <string>

#include "util/result.h"

namespace mastotail::net {

struct TlsContextFree {
  void operator()(SSL_CTX* context) const { SSL_CTX_free(context); }
};
using TlsContext = std::unique_ptr<SSL_CTX, TlsContextFree>;

// Creates a client SSL_CTX that trusts the system CA store (OpenSSL's
// default paths, which honour SSL_CERT_FILE and SSL_CERT_DIR) and, when
// `cacert` is not empty, the PEM certificates in that file. It offers TLS
// 1.2 and later, without compression. libwebsockets sets certificate and
// host name verification on each connection. Fails with ErrorKind::kUsage
// when `cacert` cannot be read or contains no certificate.
Result<TlsContext> make_client_tls_context(const std::string& cacert);

}  // namespace mastotail::net
