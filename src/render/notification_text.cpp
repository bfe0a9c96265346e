#include "render/notification_text.h"

#include <string_view>

#include "render/html.h"
#include "render/markup.h"
#include "render/time_format.h"
#include "util/sanitize.h"

namespace mastotail::render {
namespace {

constexpr int kInnerIndent = 2;

// The phrase after the account, or empty for an unknown type.
std::string_view phrase_for(std::string_view type) {
  struct Entry {
    std::string_view type;
    std::string_view phrase;
  };
  static constexpr Entry kPhrases[] = {
      {"mention", "mentioned you"},
      {"status", "posted"},
      {"reblog", "boosted your post"},
      {"favourite", "favourited your post"},
      {"follow", "followed you"},
      {"follow_request", "requested to follow you"},
      {"poll", "ended a poll"},
      {"update", "edited a post"},
      {"admin.sign_up", "signed up"},
      {"admin.report", "filed a report"},
      {"severed_relationships", "severed relationships"},
      {"moderation_warning", "moderation warning"},
      {"quote", "quoted your post"},
      {"quoted_update", "edited a post you quoted"},
  };
  for (const Entry& entry : kPhrases) {
    if (entry.type == type) return entry.phrase;
  }
  return {};
}

// A custom emoji (one with an image URL) is named by its shortcode, which
// is shown as ":shortcode:" like custom emoji in content.
void append_reaction_name(const decode::Reaction& reaction, std::string& out) {
  bool custom = !reaction.url.empty();
  if (custom) out += ':';
  append_sanitized_line(reaction.name, out);
  if (custom) out += ':';
}

void append_time(std::string_view timestamp, std::string& line) {
  if (timestamp.empty()) return;
  begin_style(Style::kMeta, line);
  append_local_time(timestamp, line);
  end_style(line);
  line += "  ";
}

void write_heading(const decode::Notification& notification,
                   BlockWriter& block) {
  std::string& line = block.line();
  append_time(notification.created_at, line);
  std::string_view phrase = phrase_for(notification.type);
  if (phrase.empty()) {
    append_styled(Style::kKind,
                  notification.type.empty()
                      ? std::string_view("notification")
                      : std::string_view(notification.type),
                  line);
    line += ": ";
  }
  append_account(notification.account, line);
  if (!phrase.empty()) {
    line += ' ';
    append_styled_literal(Style::kKind, phrase, line);
  }
  block.emit(0);
}

void write_report(const decode::Report& report, BlockWriter& block) {
  std::string& line = block.line();
  line += "report";
  if (!report.category.empty()) {
    line += " (";
    append_sanitized_line(report.category, line);
    line += ')';
  }
  line += " against ";
  append_account(report.target_account, line);
  if (!report.comment.empty()) {
    line += ": ";
    append_sanitized_line(report.comment, line);
  }
  block.emit(kInnerIndent);
}

void write_severance(const decode::RelationshipSeveranceEvent& event,
                     BlockWriter& block) {
  std::string& line = block.line();
  append_sanitized_line(event.type.empty() ? "severance" : event.type, line);
  if (!event.target_name.empty()) {
    line += ": ";
    append_sanitized_line(event.target_name, line);
  }
  line += " (lost " + std::to_string(event.followers_count) + " followers, " +
          std::to_string(event.following_count) + " followed accounts)";
  block.emit(kInnerIndent);
}

void write_warning(const decode::ModerationWarning& warning,
                   BlockWriter& block) {
  std::string& line = block.line();
  begin_style(Style::kWarning, line);
  line += "action: ";
  append_sanitized_line(warning.action.empty() ? "unknown" : warning.action,
                        line);
  end_style(line);
  if (!warning.text.empty()) {
    line += " \xE2\x80\x94 ";  // " — "
    append_sanitized(warning.text, line);
  }
  block.emit(kInnerIndent);
}

}  // namespace

bool write_notification(const decode::Notification& notification,
                        const StatusContext& context, BlockWriter& block) {
  StatusContext inner = context;
  inner.filter_context = "notifications";
  inner.kind = {};

  // A hide filter on the status hides the whole notification.
  if (notification.status && is_hidden(*notification.status, inner)) {
    return false;
  }

  write_heading(notification, block);
  if (notification.report) write_report(*notification.report, block);
  if (notification.event) write_severance(*notification.event, block);
  if (notification.moderation_warning) {
    write_warning(*notification.moderation_warning, block);
  }
  if (notification.status) {
    (void)write_status(*notification.status, inner, block, kInnerIndent);
  }
  return true;
}

bool write_conversation(const decode::Conversation& conversation,
                        const StatusContext& context, BlockWriter& block) {
  StatusContext inner = context;
  inner.filter_context = "thread";
  inner.kind = {};

  if (conversation.last_status && is_hidden(*conversation.last_status, inner)) {
    return false;
  }

  std::string& line = block.line();
  if (conversation.last_status) {
    append_time(conversation.last_status->created_at, line);
  }
  append_styled_literal(Style::kKind, "conversation", line);
  line += " with ";
  bool first = true;
  for (const decode::Account& account : conversation.accounts) {
    if (!first) line += ", ";
    first = false;
    append_handle(account, line);
  }
  if (first) line += "nobody else";
  if (conversation.unread) {
    line += ' ';
    append_styled_literal(Style::kMeta, "(unread)", line);
  }
  block.emit(0);

  if (conversation.last_status) {
    (void)write_status(*conversation.last_status, inner, block, kInnerIndent);
  }
  return true;
}

void write_announcement(const decode::Announcement& announcement,
                        BlockWriter& block) {
  std::string& line = block.line();
  append_time(announcement.published_at, line);
  append_styled_literal(Style::kKind, "announcement", line);
  if (!announcement.updated_at.empty() &&
      announcement.updated_at != announcement.published_at) {
    line += " (updated ";
    append_local_time(announcement.updated_at, line);
    line += ')';
  }
  block.emit(0);

  std::string& text = block.scratch();
  html_to_text(announcement.content, text);
  if (!text.empty()) block.emit_text(text, kInnerIndent);

  if (!announcement.starts_at.empty() || !announcement.ends_at.empty()) {
    std::string& period = block.line();
    begin_style(Style::kMeta, period);
    if (!announcement.starts_at.empty()) {
      period += "from ";
      append_local_time(announcement.starts_at, period);
      period += ' ';
    }
    if (!announcement.ends_at.empty()) {
      period += "until ";
      append_local_time(announcement.ends_at, period);
    }
    if (announcement.all_day) period += " (all day)";
    end_style(period);
    block.emit(kInnerIndent);
  }

  if (announcement.reactions.empty()) return;
  std::string& reactions = block.line();
  reactions += "reactions: ";
  bool first = true;
  for (const decode::Reaction& reaction : announcement.reactions) {
    if (!first) reactions += ", ";
    first = false;
    append_reaction_name(reaction, reactions);
    reactions += ' ' + std::to_string(reaction.count);
  }
  block.emit(kInnerIndent);
}

void write_reaction(const decode::Reaction& reaction, BlockWriter& block) {
  std::string& line = block.line();
  append_styled_literal(Style::kKind, "reaction", line);
  line += ' ';
  append_reaction_name(reaction, line);
  if (reaction.count > 0) {
    line += " on announcement ";
    append_sanitized_line(reaction.announcement_id, line);
    line += ", now " + std::to_string(reaction.count);
  } else {
    line += " removed from announcement ";
    append_sanitized_line(reaction.announcement_id, line);
  }
  block.emit(0);
}

}  // namespace mastotail::render
