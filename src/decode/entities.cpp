#include "decode/entities.h"

#include <simdjson.h>

#include <cstring>
#include <utility>

namespace mastotail::decode {
namespace {

namespace od = simdjson::ondemand;

// Nested statuses (a boost, a quote, a notification's status) are read to
// this depth; deeper ones are skipped, so hostile input cannot make the
// decoder recurse without bound.
constexpr int kMaxStatusDepth = 3;

// Walks JSON values, remembering whether the document turned out to be
// malformed. Type mismatches are not failures: the field is skipped.
class Reader {
 public:
  bool failed() const { return failed_; }

  template <typename Fn>
  void for_each_field(od::value& value, Fn&& fn) {
    od::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS) return;
    for (auto item : object) {
      od::field field;
      std::string_view key;
      if (std::move(item).get(field) != simdjson::SUCCESS ||
          field.unescaped_key().get(key) != simdjson::SUCCESS) {
        failed_ = true;
        return;
      }
      od::value field_value = field.value();
      fn(key, field_value);
      if (failed_) return;
    }
  }

  template <typename Fn>
  void for_each_element(od::value& value, Fn&& fn) {
    od::array array;
    if (value.get_array().get(array) != simdjson::SUCCESS) return;
    for (auto item : array) {
      od::value element;
      if (std::move(item).get(element) != simdjson::SUCCESS) {
        failed_ = true;
        return;
      }
      fn(element);
      if (failed_) return;
    }
  }

  void read_string(od::value& value, std::string& out) {
    std::string_view text;
    if (value.get_string().get(text) == simdjson::SUCCESS) out.assign(text);
  }

  // Ids are strings on Mastodon; some servers send numbers.
  void read_id(od::value& value, std::string& out) {
    od::json_type type;
    if (value.type().get(type) != simdjson::SUCCESS) return;
    if (type == od::json_type::string) {
      read_string(value, out);
      return;
    }
    if (type == od::json_type::number) {
      std::string_view token = value.raw_json_token();
      while (!token.empty() && (token.back() == ' ' || token.back() == '\n' ||
                                token.back() == '\r' || token.back() == '\t')) {
        token.remove_suffix(1);
      }
      out.assign(token);
    }
  }

  void read_bool(od::value& value, bool& out) {
    bool flag = false;
    if (value.get_bool().get(flag) == simdjson::SUCCESS) out = flag;
  }

  void read_int(od::value& value, std::optional<int64_t>& out) {
    int64_t number = 0;
    if (value.get_int64().get(number) == simdjson::SUCCESS) {
      out = number;
      return;
    }
    double real = 0;
    if (value.get_double().get(real) == simdjson::SUCCESS && real >= -9e18 &&
        real <= 9e18) {
      out = static_cast<int64_t>(real);
    }
  }

  void read_int(od::value& value, int64_t& out) {
    std::optional<int64_t> number;
    read_int(value, number);
    if (number) out = *number;
  }

  void read_strings(od::value& value, std::vector<std::string>& out) {
    for_each_element(value, [&](od::value& element) {
      read_string(element, out.emplace_back());
    });
  }

  void read_account(od::value& value, Account& out);
  void read_media(od::value& value, MediaAttachment& out);
  void read_poll(od::value& value, Poll& out);
  void read_card(od::value& value, Card& out);
  void read_mention(od::value& value, Mention& out);
  void read_filter_result(od::value& value, FilterResult& out);
  void read_quote(od::value& value, Status& out, int depth);
  void read_status(od::value& value, Status& out, int depth);
  void read_nested_status(od::value& value, std::unique_ptr<Status>& out,
                          int depth);
  void read_report(od::value& value, Report& out);
  void read_severance(od::value& value, RelationshipSeveranceEvent& out);
  void read_warning(od::value& value, ModerationWarning& out);
  void read_notification(od::value& value, Notification& out);
  void read_conversation(od::value& value, Conversation& out);
  void read_reaction(od::value& value, Reaction& out);
  void read_announcement(od::value& value, Announcement& out);

 private:
  bool failed_ = false;
};

bool is_null(od::value& value) {
  bool null = false;
  return value.is_null().get(null) == simdjson::SUCCESS && null;
}

bool is_object(od::value& value) {
  od::json_type type;
  return value.type().get(type) == simdjson::SUCCESS &&
         type == od::json_type::object;
}

void Reader::read_account(od::value& value, Account& out) {
  for_each_field(value, [&](std::string_view key, od::value& field) {
    if (key == "id") {
      read_id(field, out.id);
    } else if (key == "username") {
      read_string(field, out.username);
    } else if (key == "acct") {
      read_string(field, out.acct);
    } else if (key == "display_name") {
      read_string(field, out.display_name);
    } else if (key == "url") {
      read_string(field, out.url);
    } else if (key == "bot") {
      read_bool(field, out.bot);
    }
  });
}

void Reader::read_media(od::value& value, MediaAttachment& out) {
  for_each_field(value, [&](std::string_view key, od::value& field) {
    if (key == "id") {
      read_id(field, out.id);
    } else if (key == "type") {
      read_string(field, out.type);
    } else if (key == "url") {
      read_string(field, out.url);
    } else if (key == "remote_url") {
      read_string(field, out.remote_url);
    } else if (key == "preview_url") {
      read_string(field, out.preview_url);
    } else if (key == "description") {
      read_string(field, out.description);
    }
  });
}

void Reader::read_poll(od::value& value, Poll& out) {
  for_each_field(value, [&](std::string_view key, od::value& field) {
    if (key == "id") {
      read_id(field, out.id);
    } else if (key == "expires_at") {
      read_string(field, out.expires_at);
    } else if (key == "expired") {
      read_bool(field, out.expired);
    } else if (key == "multiple") {
      read_bool(field, out.multiple);
    } else if (key == "votes_count") {
      read_int(field, out.votes_count);
    } else if (key == "voters_count") {
      read_int(field, out.voters_count);
    } else if (key == "options") {
      for_each_element(field, [&](od::value& element) {
        PollOption& option = out.options.emplace_back();
        for_each_field(element, [&](std::string_view k, od::value& v) {
          if (k == "title") {
            read_string(v, option.title);
          } else if (k == "votes_count") {
            read_int(v, option.votes_count);
          }
        });
      });
    }
  });
}

void Reader::read_card(od::value& value, Card& out) {
  for_each_field(value, [&](std::string_view key, od::value& field) {
    if (key == "url") {
      read_string(field, out.url);
    } else if (key == "title") {
      read_string(field, out.title);
    } else if (key == "description") {
      read_string(field, out.description);
    } else if (key == "provider_name") {
      read_string(field, out.provider_name);
    }
  });
}

void Reader::read_mention(od::value& value, Mention& out) {
  for_each_field(value, [&](std::string_view key, od::value& field) {
    if (key == "id") {
      read_id(field, out.id);
    } else if (key == "username") {
      read_string(field, out.username);
    } else if (key == "acct") {
      read_string(field, out.acct);
    } else if (key == "url") {
      read_string(field, out.url);
    }
  });
}

void Reader::read_filter_result(od::value& value, FilterResult& out) {
  for_each_field(value, [&](std::string_view key, od::value& field) {
    if (key != "filter") return;
    for_each_field(field, [&](std::string_view k, od::value& v) {
      if (k == "id") {
        read_id(v, out.id);
      } else if (k == "title") {
        read_string(v, out.title);
      } else if (k == "context") {
        read_strings(v, out.context);
      } else if (k == "expires_at") {
        read_string(v, out.expires_at);
      } else if (k == "filter_action") {
        read_string(v, out.action);
      }
    });
  });
}

void Reader::read_nested_status(od::value& value, std::unique_ptr<Status>& out,
                                int depth) {
  if (depth > kMaxStatusDepth || !is_object(value)) return;
  out = std::make_unique<Status>();
  read_status(value, *out, depth);
}

// Mastodon 4.5+ sends {"state":...,"quoted_status":{...}} or, shallow,
// {"state":...,"quoted_status_id":"..."}.
void Reader::read_quote(od::value& value, Status& out, int depth) {
  for_each_field(value, [&](std::string_view key, od::value& field) {
    if (key == "quoted_status") {
      read_nested_status(field, out.quote, depth + 1);
      if (out.quote) out.quote_id = out.quote->id;
    } else if (key == "quoted_status_id" && out.quote_id.empty()) {
      read_id(field, out.quote_id);
    }
  });
}

void Reader::read_status(od::value& value, Status& out, int depth) {
  for_each_field(value, [&](std::string_view key, od::value& field) {
    if (key == "id") {
      read_id(field, out.id);
    } else if (key == "uri") {
      read_string(field, out.uri);
    } else if (key == "url") {
      read_string(field, out.url);
    } else if (key == "created_at") {
      read_string(field, out.created_at);
    } else if (key == "edited_at") {
      read_string(field, out.edited_at);
    } else if (key == "account") {
      read_account(field, out.account);
    } else if (key == "content") {
      read_string(field, out.content);
    } else if (key == "spoiler_text") {
      read_string(field, out.spoiler_text);
    } else if (key == "sensitive") {
      read_bool(field, out.sensitive);
    } else if (key == "visibility") {
      read_string(field, out.visibility);
    } else if (key == "language") {
      read_string(field, out.language);
    } else if (key == "in_reply_to_id") {
      read_id(field, out.in_reply_to_id);
    } else if (key == "in_reply_to_account_id") {
      read_id(field, out.in_reply_to_account_id);
    } else if (key == "reblog") {
      read_nested_status(field, out.reblog, depth + 1);
    } else if (key == "quote") {
      read_quote(field, out, depth);
    } else if (key == "media_attachments") {
      for_each_element(field, [&](od::value& element) {
        read_media(element, out.media_attachments.emplace_back());
      });
    } else if (key == "mentions") {
      for_each_element(field, [&](od::value& element) {
        read_mention(element, out.mentions.emplace_back());
      });
    } else if (key == "poll") {
      if (is_object(field)) read_poll(field, out.poll.emplace());
    } else if (key == "card") {
      if (is_object(field)) read_card(field, out.card.emplace());
    } else if (key == "filtered") {
      for_each_element(field, [&](od::value& element) {
        read_filter_result(element, out.filtered.emplace_back());
      });
    }
  });
}

void Reader::read_report(od::value& value, Report& out) {
  for_each_field(value, [&](std::string_view key, od::value& field) {
    if (key == "id") {
      read_id(field, out.id);
    } else if (key == "category") {
      read_string(field, out.category);
    } else if (key == "comment") {
      read_string(field, out.comment);
    } else if (key == "target_account") {
      read_account(field, out.target_account);
    }
  });
}

void Reader::read_severance(od::value& value, RelationshipSeveranceEvent& out) {
  for_each_field(value, [&](std::string_view key, od::value& field) {
    if (key == "type") {
      read_string(field, out.type);
    } else if (key == "target_name") {
      read_string(field, out.target_name);
    } else if (key == "followers_count") {
      read_int(field, out.followers_count);
    } else if (key == "following_count") {
      read_int(field, out.following_count);
    }
  });
}

void Reader::read_warning(od::value& value, ModerationWarning& out) {
  for_each_field(value, [&](std::string_view key, od::value& field) {
    if (key == "action") {
      read_string(field, out.action);
    } else if (key == "text") {
      read_string(field, out.text);
    }
  });
}

void Reader::read_notification(od::value& value, Notification& out) {
  for_each_field(value, [&](std::string_view key, od::value& field) {
    if (key == "id") {
      read_id(field, out.id);
    } else if (key == "type") {
      read_string(field, out.type);
    } else if (key == "created_at") {
      read_string(field, out.created_at);
    } else if (key == "account") {
      read_account(field, out.account);
    } else if (key == "status") {
      read_nested_status(field, out.status, 1);
    } else if (key == "report") {
      if (is_object(field)) read_report(field, out.report.emplace());
    } else if (key == "event") {
      if (is_object(field)) read_severance(field, out.event.emplace());
    } else if (key == "moderation_warning") {
      if (!is_null(field))
        read_warning(field, out.moderation_warning.emplace());
    }
  });
}

void Reader::read_conversation(od::value& value, Conversation& out) {
  for_each_field(value, [&](std::string_view key, od::value& field) {
    if (key == "id") {
      read_id(field, out.id);
    } else if (key == "unread") {
      read_bool(field, out.unread);
    } else if (key == "accounts") {
      for_each_element(field, [&](od::value& element) {
        read_account(element, out.accounts.emplace_back());
      });
    } else if (key == "last_status") {
      read_nested_status(field, out.last_status, 1);
    }
  });
}

void Reader::read_reaction(od::value& value, Reaction& out) {
  for_each_field(value, [&](std::string_view key, od::value& field) {
    if (key == "name") {
      read_string(field, out.name);
    } else if (key == "count") {
      read_int(field, out.count);
    } else if (key == "announcement_id") {
      read_id(field, out.announcement_id);
    } else if (key == "url") {
      read_string(field, out.url);
    }
  });
}

void Reader::read_announcement(od::value& value, Announcement& out) {
  for_each_field(value, [&](std::string_view key, od::value& field) {
    if (key == "id") {
      read_id(field, out.id);
    } else if (key == "content") {
      read_string(field, out.content);
    } else if (key == "starts_at") {
      read_string(field, out.starts_at);
    } else if (key == "ends_at") {
      read_string(field, out.ends_at);
    } else if (key == "all_day") {
      read_bool(field, out.all_day);
    } else if (key == "published_at") {
      read_string(field, out.published_at);
    } else if (key == "updated_at") {
      read_string(field, out.updated_at);
    } else if (key == "reactions") {
      for_each_element(field, [&](od::value& element) {
        read_reaction(element, out.reactions.emplace_back());
      });
    }
  });
}

}  // namespace

struct EntityDecoder::Impl {
  od::parser parser;
  std::string padded;  // the input plus simdjson's padding

  // Parses `json` and calls `read(reader, root)`; fails unless the top
  // level is a well-formed object.
  template <typename Entity, typename ReadFn>
  Result<Entity> decode(std::string_view json, std::string_view what,
                        ReadFn&& read) {
    padded.resize(json.size() + simdjson::SIMDJSON_PADDING);
    std::memcpy(padded.data(), json.data(), json.size());

    od::document document;
    od::value root;
    od::json_type type;
    auto error =
        parser.iterate(padded.data(), json.size(), padded.size()).get(document);
    if (!error) error = document.get_value().get(root);
    if (!error) error = root.type().get(type);
    if (!error && type != od::json_type::object)
      error = simdjson::INCORRECT_TYPE;
    if (error) {
      return Error{ErrorKind::kProtocol,
                   std::string(what) + ": not a JSON object (" +
                       simdjson::error_message(error) + ")"};
    }

    Entity entity;
    Reader reader;
    read(reader, root, entity);
    if (reader.failed()) {
      return Error{ErrorKind::kProtocol,
                   std::string(what) + ": malformed JSON"};
    }
    return entity;
  }
};

EntityDecoder::EntityDecoder() : impl_(std::make_unique<Impl>()) {}
EntityDecoder::~EntityDecoder() = default;

Result<Status> EntityDecoder::decode_status(std::string_view json) {
  return impl_->decode<Status>(
      json, "status", [](Reader& reader, od::value& root, Status& out) {
        reader.read_status(root, out, 0);
      });
}

Result<Notification> EntityDecoder::decode_notification(std::string_view json) {
  return impl_->decode<Notification>(
      json, "notification",
      [](Reader& reader, od::value& root, Notification& out) {
        reader.read_notification(root, out);
      });
}

Result<Conversation> EntityDecoder::decode_conversation(std::string_view json) {
  return impl_->decode<Conversation>(
      json, "conversation",
      [](Reader& reader, od::value& root, Conversation& out) {
        reader.read_conversation(root, out);
      });
}

Result<Announcement> EntityDecoder::decode_announcement(std::string_view json) {
  return impl_->decode<Announcement>(
      json, "announcement",
      [](Reader& reader, od::value& root, Announcement& out) {
        reader.read_announcement(root, out);
      });
}

Result<Reaction> EntityDecoder::decode_reaction(std::string_view json) {
  return impl_->decode<Reaction>(
      json, "reaction", [](Reader& reader, od::value& root, Reaction& out) {
        reader.read_reaction(root, out);
      });
}

}  // namespace mastotail::decode
