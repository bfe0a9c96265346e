// Mastodon's server-sent events endpoints (/api/v1/streaming/public and
// the like) on the plain main port: one subscription per response, written
// with chunked framing, ":)" first and ":thump" on every ping tick.
#pragma once

#include <string>
#include <vector>

#include "http_request.h"
#include "routing.h"
#include "shared_state.h"

namespace fake {

struct PublishRequest;

class SseServer {
 public:
  explicit SseServer(SharedState& state);
  ~SseServer();
  SseServer(const SseServer&) = delete;
  SseServer& operator=(const SseServer&) = delete;

  // Answers a GET under /api/v1/streaming/ (except /health) and returns
  // true; the socket `fd` then belongs to this server. Returns false,
  // leaving `fd` alone, for any other request. Dialects without SSE
  // answer 404.
  bool serve(int fd, const HttpRequest& request);

  // Writes the event to every matching response; returns how many.
  int publish(const PublishRequest& request);

  // Writes the ":thump" comment to every response.
  void thump();

  // Ends every response with the final zero-size chunk; returns how many.
  int end_all();

  // Appends one /state connection object per open response to `out` (a
  // JSON array being written, possibly empty), numbering them from
  // `first_id`. Responses whose client went away are dropped first.
  void append_connections(std::string& out, int first_id);

 private:
  struct Client {
    int fd = -1;
    Subscription subscription;
    std::string auth;  // "header", "query" or "none"
    std::string target;
    HeaderList headers;
  };

  bool write_chunk(Client& client, std::string_view data);
  void drop_closed_clients();

  SharedState& state_;
  std::vector<Client> clients_;
};

}  // namespace fake
