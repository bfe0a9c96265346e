// Per-connection state of the streaming server (private to streaming*.cpp).
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "streaming.h"

namespace fake {

// One item of a client's output queue, written in one WRITEABLE callback.
struct StreamingServer::Outgoing {
  enum class Kind {
    kFrame,       // `data` with `write_mode` (text, continuation, ...)
    kPing,        // ping carrying `data`
    kClose,       // close frame with `close_code` and `data` as reason
    kAbrupt,      // close the TCP connection without a close frame
    kReset,       // TCP RST
    kRawThenEnd,  // `data` written as raw bytes, then the TCP close
  };

  Kind kind = Kind::kFrame;
  std::string data;
  int write_mode = LWS_WRITE_TEXT;
  int close_code = 0;
};

struct StreamingServer::Client {
  int id = 0;
  lws* wsi = nullptr;
  Handshake handshake;
  std::vector<Subscription> subscriptions;
  std::deque<Outgoing> queue;
  std::string partial_message;  // text of frames before the final fragment
  bool awaiting_pong = false;   // a ping went out and no pong came back yet
  bool closing = false;         // a close item is queued or written
  bool silenced = false;        // no reading, writing or pinging
  bool timeline_active = false;
  std::size_t timeline_next = 0;       // index of the next line to consider
  lws_usec_t timeline_not_before = 0;  // lws_now_usecs() of the first send
};

}  // namespace fake
