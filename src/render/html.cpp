#include "render/html.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include "render/html_arena.h"
#include "render/markup.h"
#include "util/sanitize.h"

namespace mastotail::render {
namespace {

// Elements that never contain others, or that close an open sibling of the
// same kind, so they add no nesting depth.
bool adds_no_depth(std::string_view name) {
  static constexpr std::array<std::string_view, 29> kNames = {
      "area", "base",  "br",     "col",    "embed",   "hr",  "img", "input",
      "link", "meta",  "param",  "source", "track",   "wbr", "p",   "li",
      "dt",   "dd",    "option", "tr",     "td",      "th",  "rb",  "rt",
      "rp",   "thead", "tbody",  "tfoot",  "colgroup"};
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

// The white space that text() collapses ('\r' and '\f' are gone after
// sanitising).
bool is_html_space(char c) { return c == ' ' || c == '\n' || c == '\t'; }

bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_ascii_alnum(char c) {
  return is_ascii_alpha(c) || (c >= '0' && c <= '9');
}

// Reads the lower-cased tag name at `html[i]` (at most 16 characters).
std::string_view read_tag_name(std::string_view html, size_t i,
                               std::array<char, 16>& buffer) {
  size_t n = 0;
  while (i < html.size() && is_ascii_alnum(html[i]) && n < buffer.size()) {
    char c = html[i++];
    buffer[n++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  return std::string_view(buffer.data(), n);
}

bool has_class(const GumboElement& element, std::string_view name) {
  const GumboAttribute* attribute =
      gumbo_get_attribute(&element.attributes, "class");
  if (attribute == nullptr) return false;
  std::string_view classes = attribute->value;
  size_t start = 0;
  while (start < classes.size()) {
    size_t end = classes.find_first_of(" \t\n\r\f", start);
    if (end == std::string_view::npos) end = classes.size();
    if (classes.substr(start, end - start) == name) return true;
    start = end + 1;
  }
  return false;
}

std::string_view attribute_value(const GumboElement& element,
                                 const char* name) {
  const GumboAttribute* attribute =
      gumbo_get_attribute(&element.attributes, name);
  return attribute == nullptr ? std::string_view() : attribute->value;
}

// Strips "scheme://" and "www." so that link text can be compared with the
// address it shows.
std::string_view without_scheme(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme != std::string_view::npos && scheme < 12) {
    url.remove_prefix(scheme + 3);
  }
  if (url.substr(0, 4) == "www.") url.remove_prefix(4);
  return url;
}

// True when `text` (a link's visible text) already shows `href`, as
// Mastodon's shortened links ("example.org/long/pa…") do.
bool text_shows_address(std::string_view text, std::string_view href) {
  constexpr std::string_view kEllipsis = "\xE2\x80\xA6";
  if (text.size() >= kEllipsis.size() &&
      text.substr(text.size() - kEllipsis.size()) == kEllipsis) {
    text.remove_suffix(kEllipsis.size());
  }
  text = without_scheme(text);
  href = without_scheme(href);
  while (!text.empty() && text.back() == '/') text.remove_suffix(1);
  if (text.empty()) return href.empty();
  return href.substr(0, text.size()) == text;
}

struct Prefix {
  std::string first;  // for the first line of the block
  std::string rest;   // for its other lines
  bool first_used = false;
  unsigned id = 0;  // distinguishes blocks with equal prefixes
};

struct ListState {
  bool ordered = false;
  bool reversed = false;
  long next = 1;
};

class Converter {
 public:
  Converter(std::string& out, int max_depth)
      : out_(out), max_depth_(max_depth) {}

  void walk(const GumboNode& node, int depth);
  void note(std::string_view text);

 private:
  void walk_children(const GumboElement& element, int depth);
  void walk_element(const GumboElement& element, int depth);
  void walk_link(const GumboElement& element, int depth);
  void walk_list_item(const GumboElement& element, int depth);
  void walk_list(const GumboElement& element, int depth);
  void walk_block(const GumboElement& element, int depth, bool quote);

  void text(std::string_view raw);
  void put_bytes(std::string_view bytes);
  void start_line();
  void request_break(int newlines);
  void begin(Style style);
  void end(Style style);

  std::string& out_;
  int max_depth_;
  std::string scratch_;
  std::vector<Prefix> prefixes_;
  std::vector<ListState> lists_;
  bool has_output_ = false;
  bool at_line_start_ = true;
  bool pending_space_ = false;
  int pending_newlines_ = 0;
  std::vector<unsigned> last_line_ids_;  // prefix ids of the last text line
  unsigned next_id_ = 0;
  int pre_depth_ = 0;
  bool styled_ = false;
};

void Converter::request_break(int newlines) {
  if (has_output_) pending_newlines_ = std::max(pending_newlines_, newlines);
  pending_space_ = false;
}

void Converter::begin(Style style) {
  if (styled_) return;
  // A pending space goes before the marker, so that it is not styled.
  if (pending_space_ && !at_line_start_ && pending_newlines_ == 0) {
    out_ += ' ';
    pending_space_ = false;
  }
  styled_ = true;
  begin_style(style, out_);
}

void Converter::end(Style) {
  if (!styled_) return;
  styled_ = false;
  end_style(out_);
}

// Writes owed line breaks, then the block prefixes of the new line. A blank
// line keeps only the prefixes shared by the lines around it.
void Converter::start_line() {
  if (pending_newlines_ > 0) {
    size_t shared = 0;
    while (shared < prefixes_.size() && shared < last_line_ids_.size() &&
           prefixes_[shared].id == last_line_ids_[shared]) {
      ++shared;
    }
    for (int i = 1; i < pending_newlines_; ++i) {
      out_ += '\n';
      size_t start = out_.size();
      for (size_t p = 0; p < shared; ++p) out_ += prefixes_[p].rest;
      while (out_.size() > start && out_.back() == ' ') out_.pop_back();
      if (shared > 0) out_ += kPrefixEnd;
    }
    out_ += '\n';
    pending_newlines_ = 0;
    at_line_start_ = true;
  }
  if (!at_line_start_) return;

  for (Prefix& prefix : prefixes_) {
    out_ += prefix.first_used ? prefix.rest : prefix.first;
    prefix.first_used = true;
  }
  if (!prefixes_.empty()) out_ += kPrefixEnd;
  at_line_start_ = false;
  pending_space_ = false;
  last_line_ids_.clear();
  for (const Prefix& prefix : prefixes_) last_line_ids_.push_back(prefix.id);
}

void Converter::put_bytes(std::string_view bytes) {
  start_line();
  if (pending_space_) out_ += ' ';
  pending_space_ = false;
  out_ += bytes;
  has_output_ = true;
}

void Converter::text(std::string_view raw) {
  scratch_.clear();
  append_sanitized(raw, scratch_);

  size_t i = 0;
  while (i < scratch_.size()) {
    size_t word_end = i;
    while (word_end < scratch_.size() && !is_html_space(scratch_[word_end])) {
      ++word_end;
    }
    if (word_end > i) {
      put_bytes(std::string_view(scratch_).substr(i, word_end - i));
      i = word_end;
      continue;
    }

    char c = scratch_[i++];
    if (pre_depth_ > 0 && c == '\n') {
      if (has_output_) ++pending_newlines_;
    } else if (pre_depth_ > 0) {
      put_bytes(c == '\t' ? "    " : " ");
    } else if (has_output_ && !at_line_start_ && pending_newlines_ == 0) {
      pending_space_ = true;
    }
  }
}

void Converter::note(std::string_view message) {
  request_break(2);
  start_line();
  append_styled_literal(Style::kWarning, message, out_);
  has_output_ = true;
}

void Converter::walk(const GumboNode& node, int depth) {
  switch (node.type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_WHITESPACE:
    case GUMBO_NODE_CDATA:
      text(node.v.text.text);
      return;
    case GUMBO_NODE_DOCUMENT:
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
      break;
    default:
      return;
  }
  if (node.type == GUMBO_NODE_DOCUMENT) {
    const GumboVector& children = node.v.document.children;
    for (unsigned i = 0; i < children.length; ++i) {
      walk(*static_cast<const GumboNode*>(children.data[i]), depth + 1);
    }
    return;
  }
  // bound_html() keeps the input shallow; gumbo can still add a few levels
  // while it repairs markup, and deeper ones are dropped here.
  if (depth > max_depth_ + 16) return;
  walk_element(node.v.element, depth);
}

void Converter::walk_children(const GumboElement& element, int depth) {
  for (unsigned i = 0; i < element.children.length; ++i) {
    walk(*static_cast<const GumboNode*>(element.children.data[i]), depth + 1);
  }
}

void Converter::walk_link(const GumboElement& element, int depth) {
  bool hashtag = has_class(element, "hashtag");
  bool mention = !hashtag && has_class(element, "mention");
  Style style = Style::kLink;
  if (hashtag) style = Style::kTag;
  if (mention) style = Style::kHandle;

  bool was_styled = styled_;
  begin(style);
  size_t text_start = out_.size();
  walk_children(element, depth);
  if (!was_styled) end(style);
  if (hashtag || mention) return;

  std::string_view href = attribute_value(element, "href");
  std::string shown;
  strip_markup(std::string_view(out_).substr(text_start), shown);
  if (href.empty() || text_shows_address(shown, href)) return;

  // Shows the address: alone for an empty link, else in brackets.
  put_bytes(shown.empty() ? "" : " (");
  if (!was_styled) begin(Style::kLink);
  append_sanitized_line(href, out_);
  if (!was_styled) end(Style::kLink);
  if (!shown.empty()) put_bytes(")");
}

void Converter::walk_list_item(const GumboElement& element, int depth) {
  std::string marker = "- ";
  if (!lists_.empty() && lists_.back().ordered) {
    ListState& list = lists_.back();
    std::string_view value = attribute_value(element, "value");
    if (!value.empty()) list.next = std::atol(std::string(value).c_str());
    marker = std::to_string(list.next) + ". ";
    list.next += list.reversed ? -1 : 1;
  }

  request_break(1);
  prefixes_.push_back(
      {marker, std::string(marker.size(), ' '), false, ++next_id_});
  walk_children(element, depth);
  prefixes_.pop_back();
  request_break(1);
}

void Converter::walk_list(const GumboElement& element, int depth) {
  ListState list;
  list.ordered = element.tag == GUMBO_TAG_OL;
  list.reversed =
      gumbo_get_attribute(&element.attributes, "reversed") != nullptr;
  std::string_view start = attribute_value(element, "start");
  if (!start.empty()) list.next = std::atol(std::string(start).c_str());

  request_break(lists_.empty() ? 2 : 1);
  lists_.push_back(list);
  walk_children(element, depth);
  lists_.pop_back();
  request_break(lists_.empty() ? 2 : 1);
}

void Converter::walk_block(const GumboElement& element, int depth, bool quote) {
  request_break(2);
  if (quote) prefixes_.push_back({"> ", "> ", false, ++next_id_});
  if (element.tag == GUMBO_TAG_PRE) ++pre_depth_;
  walk_children(element, depth);
  if (element.tag == GUMBO_TAG_PRE) --pre_depth_;
  if (quote) prefixes_.pop_back();
  request_break(2);
}

void Converter::walk_element(const GumboElement& element, int depth) {
  switch (element.tag) {
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_TITLE:
      return;
    case GUMBO_TAG_BR:
      if (has_output_) ++pending_newlines_;
      pending_space_ = false;
      return;
    case GUMBO_TAG_IMG:
      text(attribute_value(element, "alt"));
      return;
    case GUMBO_TAG_HR:
      request_break(2);
      put_bytes("---");
      request_break(2);
      return;
    case GUMBO_TAG_A:
      walk_link(element, depth);
      return;
    case GUMBO_TAG_LI:
      walk_list_item(element, depth);
      return;
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
      walk_list(element, depth);
      return;
    case GUMBO_TAG_BLOCKQUOTE:
      walk_block(element, depth, true);
      return;
    case GUMBO_TAG_P:
      // Mastodon 4.5+ repeats a quoted post's link in p.quote-inline for
      // clients that do not show quotes; the quote has a line of its own.
      if (has_class(element, "quote-inline")) return;
      walk_block(element, depth, false);
      return;
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_DL:
      walk_block(element, depth, false);
      return;
    case GUMBO_TAG_TR:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
      request_break(1);
      walk_children(element, depth);
      request_break(1);
      return;
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
      pending_space_ = has_output_;
      walk_children(element, depth);
      pending_space_ = true;
      return;
    case GUMBO_TAG_SPAN:
      if (has_class(element, "invisible")) return;
      walk_children(element, depth);
      if (has_class(element, "ellipsis")) put_bytes("\xE2\x80\xA6");
      return;
    default:
      walk_children(element, depth);
      return;
  }
}

// Buffers that html_to_text() reuses from one call to the next, one set
// per thread.
struct ParseBuffers {
  HtmlArena arena;
  std::string safe;  // the sanitised input
};

ParseBuffers& parse_buffers() {
  thread_local ParseBuffers buffers;
  return buffers;
}

}  // namespace

size_t bound_html(std::string_view html, const HtmlLimits& limits,
                  std::string& reason) {
  size_t limit = std::min(html.size(), limits.max_bytes);
  int depth = 0;
  size_t tags = 0;
  std::array<char, 16> buffer{};

  size_t i = 0;
  while ((i = html.find('<', i)) < limit) {
    if (html.compare(i, 4, "<!--") == 0) {
      size_t end = html.find("-->", i + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    size_t j = i + 1;
    bool closing = j < html.size() && html[j] == '/';
    if (closing) ++j;
    if (j >= html.size() || !is_ascii_alpha(html[j])) {
      ++i;
      continue;
    }

    std::string_view name = read_tag_name(html, j, buffer);
    size_t gt = html.find('>', j);
    bool self_closing = gt != std::string_view::npos && html[gt - 1] == '/';
    bool nests = !adds_no_depth(name) && !self_closing;
    if (closing) {
      if (nests && depth > 0) --depth;
    } else {
      ++tags;
      if (nests) ++depth;
      if (tags > limits.max_tags) {
        reason = "[content cut: more than " + std::to_string(limits.max_tags) +
                 " HTML tags]";
        return i;
      }
      if (depth > limits.max_depth) {
        reason = "[content cut: HTML nested deeper than " +
                 std::to_string(limits.max_depth) + " elements]";
        return i;
      }
    }
    if (gt == std::string_view::npos) break;
    i = gt + 1;
  }

  if (html.size() <= limits.max_bytes) return html.size();
  size_t cut = limits.max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(html[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  reason = "[content cut: longer than " +
           std::to_string(limits.max_bytes / 1024) + " KiB]";
  return cut;
}

void html_to_text(std::string_view html, std::string& out,
                  const HtmlLimits& limits) {
  std::string reason;
  size_t length = bound_html(html, limits, reason);
  if (length == 0 && reason.empty()) return;

  // Sanitising first removes control characters, which gumbo would turn
  // into U+FFFD; character references are sanitised after parsing.
  ParseBuffers& buffers = parse_buffers();
  std::string& safe = buffers.safe;
  safe.clear();
  append_sanitized(html.substr(0, length), safe);

  // The tree lives in the arena, so gumbo_destroy_output() is not called.
  buffers.arena.reset();
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // errors are not reported, so do not record them
  buffers.arena.attach(options);
  GumboOutput* output =
      gumbo_parse_with_options(&options, safe.data(), safe.size());

  Converter converter(out, limits.max_depth);
  converter.walk(*output->document, 0);
  if (!reason.empty()) converter.note(reason);
  buffers.arena.reset();  // frees the extra chunks of a large document
}

}  // namespace mastotail::render
