#include "render/poll_text.h"

#include <algorithm>
#include <optional>

#include "render/markup.h"
#include "render/time_format.h"
#include "render/wrap.h"
#include "util/sanitize.h"

namespace mastotail::render {
namespace {

// Option titles are padded to the longest one, up to this many columns, so
// that the counts line up.
constexpr int kMaxTitleColumns = 32;

std::string plural(int64_t count, std::string_view noun) {
  std::string text = std::to_string(count) + " " + std::string(noun);
  if (count != 1) text += 's';
  return text;
}

void write_summary(const decode::Poll& poll, BlockWriter& block, int indent) {
  std::string& line = block.line();
  append_styled_literal(Style::kKind, "poll", line);
  begin_style(Style::kMeta, line);
  if (poll.multiple) line += ", multiple choice";
  if (poll.expired) {
    line += ", closed";
  } else if (!poll.expires_at.empty()) {
    line += ", closes ";
    append_local_time(poll.expires_at, line);
  }
  line += " \xC2\xB7";
  line += kGlue;
  line += poll.votes_count ? plural(*poll.votes_count, "vote") : "votes hidden";
  if (poll.multiple && poll.voters_count) {
    line += ", " + plural(*poll.voters_count, "voter");
  }
  end_style(line);
  block.emit(indent);
}

}  // namespace

int poll_percent(int64_t votes, int64_t total) {
  if (total <= 0 || votes <= 0) return 0;
  return static_cast<int>((votes * 100 + total / 2) / total);
}

void write_poll(const decode::Poll& poll, BlockWriter& block, int indent) {
  write_summary(poll, block, indent);

  // Mastodon computes each share of a multiple-choice poll from the number
  // of voters, because one voter may pick several options.
  std::optional<int64_t> total = poll.votes_count;
  if (poll.multiple && poll.voters_count) total = poll.voters_count;

  std::string title;
  int title_columns = 0;
  for (const decode::PollOption& option : poll.options) {
    title.clear();
    append_sanitized_line(option.title, title);
    title_columns = std::max(title_columns, display_width(title));
  }
  title_columns = std::min(title_columns, kMaxTitleColumns);

  for (const decode::PollOption& option : poll.options) {
    std::string& line = block.line();
    size_t start = line.size();
    append_sanitized_line(option.title, line);
    int padding = title_columns - display_width(line.substr(start));
    line.append(static_cast<size_t>(std::max(padding, 0)) + 2, ' ');

    begin_style(Style::kMeta, line);
    if (!option.votes_count) {
      line += "hidden";
    } else {
      line += plural(*option.votes_count, "vote");
      line += ", ";
      line +=
          std::to_string(poll_percent(*option.votes_count, total.value_or(0)));
      line += '%';
    }
    end_style(line);
    block.emit(indent + 2);
  }
}

}  // namespace mastotail::render
