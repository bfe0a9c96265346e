#include "render/status_text.h"

#include <algorithm>
#include <cstdio>

#include "render/filters.h"
#include "render/html.h"
#include "render/markup.h"
#include "render/poll_text.h"
#include "render/time_format.h"
#include "util/sanitize.h"

namespace mastotail::render {
namespace {

constexpr int kContextIndent = 2;

// " · ", glued to what follows so that no line ends in a separator.
void append_meta_separator(std::string& out) {
  out += " \xC2\xB7";
  out += kGlue;
}

std::string_view status_url(const decode::Status& status) {
  return status.url.empty() ? status.uri : status.url;
}

void write_reply(const decode::Status& status, BlockWriter& block, int indent) {
  if (status.in_reply_to_id.empty()) return;

  std::string& line = block.line();
  line += "in reply to ";
  const decode::Account* author = nullptr;
  const decode::Mention* mention = nullptr;
  if (!status.in_reply_to_account_id.empty()) {
    if (status.in_reply_to_account_id == status.account.id) {
      author = &status.account;
    }
    for (const decode::Mention& candidate : status.mentions) {
      if (candidate.id == status.in_reply_to_account_id) mention = &candidate;
    }
  }
  if (author != nullptr) {
    append_handle(*author, line);
  } else if (mention != nullptr && !mention->acct.empty()) {
    begin_style(Style::kHandle, line);
    line += '@';
    append_sanitized_line(mention->acct, line);
    end_style(line);
  } else {
    line += "status ";
    append_sanitized_line(status.in_reply_to_id, line);
  }
  block.emit(indent);
}

void write_boost(const decode::Status& boost, BlockWriter& block, int indent) {
  std::string& line = block.line();
  append_styled_literal(Style::kKind, "boosted", line);
  line += " by ";
  append_account(boost.account, line);
  if (!boost.created_at.empty()) {
    append_meta_separator(line);
    begin_style(Style::kMeta, line);
    append_local_time(boost.created_at, line);
    end_style(line);
  }
  block.emit(indent);
}

void write_quote(const decode::Status& status, BlockWriter& block, int indent) {
  if (status.quote_id.empty() && !status.quote) return;

  std::string& line = block.line();
  line += "quoting ";
  if (status.quote) {
    append_account(status.quote->account, line);
    std::string_view url = status_url(*status.quote);
    if (!url.empty()) {
      line += ' ';
      append_styled(Style::kLink, url, line);
    }
  } else {
    line += "status ";
    append_sanitized_line(status.quote_id, line);
  }
  block.emit(indent);
}

void write_edited(const decode::Status& status, BlockWriter& block,
                  int indent) {
  if (status.edited_at.empty()) return;
  std::string& line = block.line();
  append_styled_literal(Style::kKind, "edited", line);
  line += ' ';
  begin_style(Style::kMeta, line);
  append_local_time(status.edited_at, line);
  end_style(line);
  block.emit(indent);
}

void write_media(const decode::Status& status, BlockWriter& block, int indent) {
  for (const decode::MediaAttachment& media : status.media_attachments) {
    std::string& line = block.line();
    begin_style(Style::kKind, line);
    append_sanitized_line(media.type.empty() ? "media" : media.type, line);
    end_style(line);
    if (status.sensitive) {
      line += " (";
      append_styled_literal(Style::kWarning, "sensitive", line);
      line += ')';
    }
    line += ": ";
    if (media.description.empty()) {
      append_styled_literal(Style::kMeta, "no alt text", line);
    } else {
      append_sanitized_line(media.description, line);
    }
    block.emit(indent);

    const std::string& url = media.url.empty() ? media.remote_url : media.url;
    if (url.empty()) continue;
    std::string& url_line = block.line();
    append_styled(Style::kLink, url, url_line);
    block.emit(indent + 2);
  }
}

void write_card(const decode::Card& card, BlockWriter& block, int indent) {
  std::string& line = block.line();
  append_styled_literal(Style::kKind, "link", line);
  line += ": ";
  if (!card.title.empty()) {
    append_sanitized_line(card.title, line);
  } else {
    append_styled(Style::kLink, card.url, line);
  }
  block.emit(indent);

  if (card.title.empty() || card.url.empty()) return;
  std::string& url_line = block.line();
  append_styled(Style::kLink, card.url, url_line);
  block.emit(indent + 2);
}

// Describes what --cw warn hides, e.g. "[hidden: text, 2 media, poll; ...]".
void write_hidden_note(const decode::Status& status, BlockWriter& block,
                       int indent) {
  std::string& line = block.line();
  begin_style(Style::kMeta, line);
  line += "[hidden: text";
  size_t media = status.media_attachments.size();
  if (media > 0) line += ", " + std::to_string(media) + " media";
  if (status.poll) line += ", poll";
  if (status.card) line += ", link";
  line += "; --cw show shows them]";
  end_style(line);
  block.emit(indent);
}

void write_body(const decode::Status& status, BlockWriter& block, int indent) {
  std::string& text = block.scratch();
  html_to_text(status.content, text);
  if (!text.empty()) block.emit_text(text, indent);
}

// The lines below the content. `show_attachments` is false when the body
// is hidden; `verdict` may hide the media alone (blur).
void write_context(const decode::Status& status, const decode::Status* boost,
                   bool show_attachments, const FilterVerdict& verdict,
                   BlockWriter& block, int indent) {
  write_reply(status, block, indent);
  if (boost != nullptr) write_boost(*boost, block, indent);
  write_quote(status, block, indent);
  write_edited(status, block, indent);

  if (show_attachments && verdict.action == FilterAction::kBlur &&
      !status.media_attachments.empty()) {
    std::string& line = block.line();
    begin_style(Style::kWarning, line);
    line += std::to_string(status.media_attachments.size());
    line += " media hidden by filter: ";
    append_sanitized_line(verdict.titles, line);
    end_style(line);
    block.emit(indent);
  } else if (show_attachments) {
    write_media(status, block, indent);
  }
  if (show_attachments && status.poll) {
    write_poll(*status.poll, block, indent);
  }
  if (show_attachments && status.card) write_card(*status.card, block, indent);

  std::string_view url = status_url(status);
  if (url.empty()) return;
  std::string& line = block.line();
  append_styled(Style::kLink, url, line);
  block.emit(indent);
}

FilterVerdict combined_verdict(const decode::Status& status,
                               const StatusContext& context) {
  FilterVerdict verdict =
      evaluate_filters(status.filtered, context.filter_context, context.now);
  if (!status.reblog) return verdict;

  FilterVerdict inner = evaluate_filters(status.reblog->filtered,
                                         context.filter_context, context.now);
  return inner.action > verdict.action ? inner : verdict;
}

}  // namespace

bool is_hidden(const decode::Status& status, const StatusContext& context) {
  return combined_verdict(status, context).action == FilterAction::kHide;
}

void append_status_header(const decode::Status& status, std::string_view kind,
                          std::string& out) {
  if (!status.created_at.empty()) {
    begin_style(Style::kMeta, out);
    append_local_time(status.created_at, out);
    end_style(out);
    out += "  ";
  }
  if (!kind.empty()) {
    append_styled_literal(Style::kKind, kind, out);
    out += "  ";
  }
  append_account(status.account, out);

  if (!status.visibility.empty() && status.visibility != "public") {
    append_meta_separator(out);
    append_styled(Style::kMeta, status.visibility, out);
  }
  if (!status.language.empty()) {
    append_meta_separator(out);
    append_styled(Style::kMeta, status.language, out);
  }
}

bool write_status(const decode::Status& status, const StatusContext& context,
                  BlockWriter& block, int indent) {
  FilterVerdict verdict = combined_verdict(status, context);
  if (verdict.action == FilterAction::kHide) return false;

  const decode::Status& shown = status.reblog ? *status.reblog : status;
  const decode::Status* boost = status.reblog ? &status : nullptr;
  bool has_cw = !shown.spoiler_text.empty();

  std::string& header = block.line();
  append_status_header(shown, context.kind, header);
  if (has_cw && context.cw == CwMode::kHide) {
    header += "  ";
    begin_style(Style::kWarning, header);
    header += "CW: ";
    append_sanitized_line(shown.spoiler_text, header);
    end_style(header);
    block.emit(indent);
    return true;
  }
  block.emit(indent);

  int context_indent = indent + kContextIndent;
  if (verdict.action == FilterAction::kWarn) {
    std::string& line = block.line();
    begin_style(Style::kWarning, line);
    line += "filtered: ";
    append_sanitized_line(verdict.titles, line);
    end_style(line);
    block.emit(indent);
    write_context(shown, boost, false, verdict, block, context_indent);
    return true;
  }

  if (has_cw) {
    std::string& line = block.line();
    begin_style(Style::kWarning, line);
    line += "CW: ";
    append_sanitized_line(shown.spoiler_text, line);
    end_style(line);
    block.emit(indent);
  }
  bool hide_body = has_cw && context.cw == CwMode::kWarn;
  if (hide_body) {
    write_hidden_note(shown, block, indent);
  } else {
    write_body(shown, block, indent);
  }
  write_context(shown, boost, !hide_body, verdict, block, context_indent);
  return true;
}

}  // namespace mastotail::render
