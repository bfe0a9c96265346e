#include "oauth.h"

#include <openssl/sha.h>

#include <algorithm>
#include <ctime>
#include <random>

#include "json_text.h"
#include "log.h"

namespace fake {

namespace {

constexpr std::string_view kOutOfBand = "urn:ietf:wg:oauth:2.0:oob";

// Doorkeeper's description of invalid_grant.
constexpr std::string_view kInvalidGrant =
    "The provided authorization grant is invalid, expired, revoked, does "
    "not match the redirection URI used in the authorization request, or "
    "was issued to another client.";

using Params = std::map<std::string, std::vector<std::string>>;

HttpResponse json_reply(int status, std::string body) {
  return {status,
          {{"Content-Type", "application/json; charset=utf-8"}},
          std::move(body)};
}

HttpResponse error_reply(int status, std::string_view error,
                         std::string_view description = {}) {
  std::string body = "{\"error\":" + json_quote(error);
  if (!description.empty()) {
    body += ",\"error_description\":" + json_quote(description);
  }
  return json_reply(status, body + "}");
}

HttpResponse html_reply(int status, std::string_view text) {
  return {
      status,
      {{"Content-Type", "text/html; charset=utf-8"}},
      "<!DOCTYPE html>\n<html><body>" + std::string(text) + "</body></html>\n"};
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() &&
               hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 +
                               hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string percent_encode(std::string_view text) {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0x0F];
    }
  }
  return out;
}

// Splits a form body or query ("a=1&b=2") into decoded parameters.
Params parse_form(std::string_view text) {
  Params params;
  while (!text.empty()) {
    auto end = text.find('&');
    std::string_view pair = text.substr(0, end);
    auto equals = pair.find('=');
    std::string value = equals == std::string_view::npos
                            ? std::string()
                            : percent_decode(pair.substr(equals + 1));
    if (!pair.empty()) {
      params[percent_decode(pair.substr(0, equals))].push_back(value);
    }
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return params;
}

// Reads a JSON object body: strings, and arrays of strings.
Params parse_json(std::string_view text) {
  Params params;
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(text.data(), text.size()).get(object)) return params;

  for (auto [key, value] : object) {
    std::string_view item;
    simdjson::dom::array array;
    if (value.get(item) == simdjson::SUCCESS) {
      params[std::string(key)].emplace_back(item);
    } else if (value.get(array) == simdjson::SUCCESS) {
      for (simdjson::dom::element element : array) {
        if (element.get(item) == simdjson::SUCCESS) {
          params[std::string(key)].emplace_back(item);
        }
      }
    }
  }
  return params;
}

Params body_params(const HttpRequest& request) {
  auto type = request.header("content-type");
  if (type && type->find("json") != std::string_view::npos) {
    return parse_json(request.body);
  }
  return parse_form(request.body);
}

Params query_params(const HttpRequest& request) {
  auto mark = request.target.find('?');
  if (mark == std::string::npos) return {};
  return parse_form(std::string_view(request.target).substr(mark + 1));
}

std::string first(const Params& params, const std::string& name) {
  auto found = params.find(name);
  if (found == params.end() || found->second.empty()) return {};
  return found->second.front();
}

// Splits on spaces (scopes) or newlines (redirect URIs in one string).
std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::string random_hex(std::size_t bytes) {
  static std::mt19937_64 generator{std::random_device{}()};
  constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < bytes; ++i) {
    auto byte = static_cast<unsigned>(generator() & 0xFF);
    out += kHex[byte >> 4];
    out += kHex[byte & 0x0F];
  }
  return out;
}

// base64url(SHA-256(verifier)) without padding (RFC 7636, S256).
std::string s256(std::string_view verifier) {
  constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(verifier.data()),
         verifier.size(), digest);
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char byte : digest) {
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

std::string json_string_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const auto& item : items) {
    if (out.size() > 1) out += ',';
    out += json_quote(item);
  }
  return out + "]";
}

bool contains(const std::vector<std::string>& items, std::string_view item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

std::string with_query(std::string_view uri, std::string_view query) {
  std::string out(uri);
  out += uri.find('?') == std::string_view::npos ? '?' : '&';
  return out + std::string(query);
}

}  // namespace

OAuthServer::OAuthServer(std::vector<std::string>& accepted_tokens)
    : accepted_tokens_(accepted_tokens) {
  for (const auto& token : accepted_tokens_) token_accounts_[token] = "alice";
}

std::optional<HttpResponse> OAuthServer::answer(const HttpRequest& request) {
  std::string_view path = request.path();
  const std::string& method = request.method;
  if (method == "POST" && path == "/api/v1/apps") return register_app(request);
  if (method == "GET" && path == "/oauth/authorize") return authorize(request);
  if (method == "POST" && path == "/oauth/token") return issue_token(request);
  if (method == "POST" && path == "/oauth/revoke") return revoke(request);
  if (method == "GET" && path == "/api/v1/accounts/verify_credentials") {
    return verify_credentials(request);
  }
  return std::nullopt;
}

HttpResponse OAuthServer::register_app(const HttpRequest& request) {
  if (apps_mode_ == "422") {
    return error_reply(422,
                       "Validation failed: Redirect URI must be an absolute "
                       "URI.");
  }
  if (apps_mode_ == "html") return html_reply(200, "<h1>Welcome</h1>");
  if (apps_mode_ == "404") return html_reply(404, "<h1>Not Found</h1>");

  Params params = body_params(request);
  std::string name = first(params, "client_name");
  if (name.empty()) {
    return error_reply(422, "Validation failed: Name can't be blank");
  }
  App app;
  for (const auto& value : params["redirect_uris"]) {
    for (auto& uri : split_words(value)) app.redirect_uris.push_back(uri);
  }
  if (app.redirect_uris.empty()) {
    return error_reply(422, "Validation failed: Redirect URI can't be blank");
  }
  std::string scopes = first(params, "scopes");
  app.scopes = split_words(scopes.empty() ? "read" : scopes);
  app.client_id =
      "client-" + std::to_string(apps_.size() + 1) + "-" + random_hex(8);
  app.client_secret = "secret-" + random_hex(16);
  apps_.push_back(app);
  log_line("registered app {} ({})", name, app.client_id);

  return json_reply(
      200, "{\"id\":" + json_quote(std::to_string(apps_.size())) +
               ",\"name\":" + json_quote(name) +
               ",\"website\":null,\"scopes\":" + json_string_array(app.scopes) +
               ",\"redirect_uri\":" + json_quote(app.redirect_uris.front()) +
               ",\"redirect_uris\":" + json_string_array(app.redirect_uris) +
               ",\"client_id\":" + json_quote(app.client_id) +
               ",\"client_secret\":" + json_quote(app.client_secret) +
               ",\"client_secret_expires_at\":0}");
}

HttpResponse OAuthServer::authorize(const HttpRequest& request) {
  Params params = query_params(request);
  std::string client_id = first(params, "client_id");
  auto app = std::find_if(apps_.begin(), apps_.end(), [&](const App& a) {
    return a.client_id == client_id;
  });
  if (app == apps_.end()) return html_reply(401, "invalid_client");

  std::string redirect_uri = first(params, "redirect_uri");
  if (!contains(app->redirect_uris, redirect_uri)) {
    return html_reply(400, "invalid_redirect_uri");
  }
  if (first(params, "response_type") != "code") {
    return html_reply(400, "unsupported_response_type");
  }
  for (const auto& scope : split_words(first(params, "scope"))) {
    if (!contains(app->scopes, scope)) return html_reply(400, "invalid_scope");
  }
  std::string challenge = first(params, "code_challenge");
  if (challenge.empty() || first(params, "code_challenge_method") != "S256") {
    return html_reply(400, "invalid_request: PKCE with S256 is required");
  }

  std::string state = first(params, "state");
  if (authorize_mode_ == "wrong_state") state = "not-the-state-" + state;
  std::string state_part =
      state.empty() ? "" : "&state=" + percent_encode(state);
  if (authorize_mode_ == "deny") {
    if (redirect_uri == kOutOfBand) return html_reply(200, "access_denied");
    std::string query =
        "error=access_denied&error_description=" +
        percent_encode(
            "The resource owner or authorization server denied the request.") +
        state_part;
    return {302, {{"Location", with_query(redirect_uri, query)}}, ""};
  }

  std::string code = "code-" + random_hex(16);
  grants_[code] = Grant{client_id, redirect_uri, challenge, account_};
  if (redirect_uri == kOutOfBand) {
    return html_reply(200,
                      "<p>Copy this authorization code and paste it to the "
                      "application.</p><input class=\"oauth-code\" readonly "
                      "type=\"text\" value=\"" +
                          code + "\">");
  }
  std::string query = "code=" + percent_encode(code) + state_part;
  return {302, {{"Location", with_query(redirect_uri, query)}}, ""};
}

const OAuthServer::App* OAuthServer::authenticate_client(
    std::string_view client_id, std::string_view client_secret) const {
  for (const App& app : apps_) {
    if (app.client_id == client_id && app.client_secret == client_secret) {
      return &app;
    }
  }
  return nullptr;
}

HttpResponse OAuthServer::issue_token(const HttpRequest& request) {
  Params params = body_params(request);
  if (first(params, "grant_type") != "authorization_code") {
    return error_reply(400, "unsupported_grant_type");
  }
  std::string client_id = first(params, "client_id");
  if (!authenticate_client(client_id, first(params, "client_secret"))) {
    return error_reply(401, "invalid_client",
                       "Client authentication failed due to unknown client, "
                       "no client authentication included, or unsupported "
                       "authentication method.");
  }

  auto grant = grants_.find(first(params, "code"));
  bool valid =
      grant != grants_.end() && grant->second.client_id == client_id &&
      grant->second.redirect_uri == first(params, "redirect_uri") &&
      grant->second.code_challenge == s256(first(params, "code_verifier"));
  if (!valid) return error_reply(400, "invalid_grant", kInvalidGrant);

  std::string token = "fake-token-" + random_hex(20);
  token_accounts_[token] = grant->second.account;
  grants_.erase(grant);
  accepted_tokens_.push_back(token);
  issued_.push_back(token);
  log_line("issued a token for {}", token_accounts_[token]);

  return json_reply(200, "{\"access_token\":" + json_quote(token) +
                             ",\"token_type\":\"Bearer\",\"scope\":\"read\","
                             "\"created_at\":" +
                             std::to_string(std::time(nullptr)) + "}");
}

HttpResponse OAuthServer::verify_credentials(const HttpRequest& request) {
  auto authorization = request.header("authorization");
  std::string token;
  if (authorization && authorization->starts_with("Bearer ")) {
    token = std::string(authorization->substr(7));
  }
  bool accepted = contains(accepted_tokens_, token);
  if (verify_mode_ == "401" || !accepted) {
    return error_reply(401, "The access token is invalid");
  }

  std::string acct = token_accounts_.count(token) ? token_accounts_[token]
                                                  : std::string("alice");
  return json_reply(200, "{\"id\":\"1\",\"username\":" + json_quote(acct) +
                             ",\"acct\":" + json_quote(acct) +
                             ",\"display_name\":" + json_quote(acct) +
                             ",\"locked\":false,\"bot\":false}");
}

HttpResponse OAuthServer::revoke(const HttpRequest& request) {
  Params params = body_params(request);
  if (!authenticate_client(first(params, "client_id"),
                           first(params, "client_secret"))) {
    return error_reply(403, "unauthorized_client",
                       "You are not authorized to revoke this token");
  }
  revoke_token(first(params, "token"));
  return json_reply(200, "{}");
}

void OAuthServer::revoke_token(const std::string& token) {
  auto found =
      std::find(accepted_tokens_.begin(), accepted_tokens_.end(), token);
  if (found == accepted_tokens_.end()) return;
  accepted_tokens_.erase(found);
  revoked_.push_back(token);
  log_line("revoked a token of {}", token_accounts_[token]);
}

HttpResponse OAuthServer::configure(simdjson::dom::object body) {
  auto set = [&](std::string_view key, std::string& field) {
    std::string_view value;
    if (body[key].get(value) == simdjson::SUCCESS) field = value;
  };
  set("apps", apps_mode_);
  set("authorize", authorize_mode_);
  set("verify", verify_mode_);
  set("account", account_);
  std::string token;
  set("revoke", token);
  if (!token.empty()) revoke_token(token);

  return json_reply(200,
                    "{\"apps\":" + json_quote(apps_mode_) +
                        ",\"authorize\":" + json_quote(authorize_mode_) +
                        ",\"verify\":" + json_quote(verify_mode_) +
                        ",\"account\":" + json_quote(account_) +
                        ",\"apps_registered\":" + std::to_string(apps_.size()) +
                        ",\"issued\":" + json_string_array(issued_) +
                        ",\"revoked\":" + json_string_array(revoked_) + "}");
}

}  // namespace fake
