#include "app/pkce.h"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <vector>

namespace mastotail::app {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// 32 random bytes give the 43-character verifier that RFC 7636 section 4.1
// recommends.
constexpr size_t kVerifierBytes = 32;

}  // namespace

std::string base64url(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 0x3F];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 0x3F];
  return out;
}

std::string s256_challenge(std::string_view verifier) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(verifier.data()),
         verifier.size(), digest);
  return base64url(
      std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

Result<std::string> random_base64url(size_t count) {
  std::vector<unsigned char> bytes(count);
  if (RAND_bytes(bytes.data(), static_cast<int>(count)) != 1) {
    return Error{ErrorKind::kInternal,
                 "OpenSSL could not generate random bytes"};
  }
  return base64url(std::string_view(reinterpret_cast<const char*>(bytes.data()),
                                    bytes.size()));
}

Result<Pkce> make_pkce() {
  Result<std::string> verifier = random_base64url(kVerifierBytes);
  if (!verifier.ok()) return verifier.take_error();

  Pkce pkce;
  pkce.challenge = s256_challenge(*verifier);
  pkce.verifier = std::move(*verifier);
  return pkce;
}

}  // namespace mastotail::app
