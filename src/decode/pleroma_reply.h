// Pleroma's and Akkoma's replies to subscribe, unsubscribe and authenticate
// messages: {"event":"pleroma:respond","payload":"{\"result\":...}"}.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mastotail::decode {

struct PleromaReply {
  std::string result;  // "success", "ignored" or "error"
  std::string type;    // "subscribe", "unsubscribe" or "pleroma:authenticate"
  std::string error;   // with "error": "bad_topic", "unauthorized", ...
};

// Returns the reply when `message` is a pleroma:respond frame whose payload
// is a JSON object; nullopt for every other message.
std::optional<PleromaReply> decode_pleroma_reply(std::string_view message);

}  // namespace mastotail::decode
