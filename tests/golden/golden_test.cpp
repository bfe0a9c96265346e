// Golden-file tests of the text and template output.
//
// Every tests/golden/corpus/NAME.ndjson (Mastodon streaming envelopes, one
// per line) is rendered in several variants and compared byte for byte with
// tests/golden/expected/NAME.VARIANT.txt. The recordings in the captures
// folder (MASTOTAIL_CAPTURES) are rendered too, into expected/captures/.
// Run with MASTOTAIL_UPDATE_GOLDEN=1 to rewrite the expected files, then
// read every changed file before accepting it.
//
// Times are shown in UTC (TZ is set here) and filter expiry is judged at a
// fixed time, so the output does not depend on the machine.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "decode/frame.h"
#include "decode/json_path.h"
#include "render/template.h"
#include "render/text.h"
#include "render/time_format.h"

namespace fs = std::filesystem;
using namespace mastotail;

namespace {

constexpr std::string_view kTemplate =
    "{event} [{stream}] {id} {account.acct} {reblog.account.acct} "
    "{media_attachments.0.url} | {text}";

// A frame and the storage its views point into.
struct OwnedFrame {
  std::string event;
  std::vector<std::string> stream;
  std::string payload;
  decode::Frame frame;
  std::string filter_context;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::string> read_lines(const fs::path& path) {
  std::vector<std::string> lines;
  std::istringstream in(read_file(path));
  std::string line;
  while (std::getline(in, line, '\n')) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
         (c >= 'A' && c <= 'F');
}

// Replaces escaped lone surrogates with \ufffd, as decode::FrameDecoder
// does for real frames (simdjson rejects them).
std::string replace_lone_surrogates(std::string json) {
  auto surrogate_at = [&](size_t i, char low, char high) {
    return i + 6 <= json.size() && json[i] == '\\' && json[i + 1] == 'u' &&
           (json[i + 2] == 'd' || json[i + 2] == 'D') &&
           std::tolower(json[i + 3]) >= low &&
           std::tolower(json[i + 3]) <= high && is_hex(json[i + 4]) &&
           is_hex(json[i + 5]);
  };
  for (size_t i = 0; i + 6 <= json.size(); ++i) {
    if (json[i] == '\\' && i + 1 < json.size() && json[i + 1] == '\\') {
      ++i;
      continue;
    }
    bool high = surrogate_at(i, '8', 'b');
    bool low = surrogate_at(i, 'c', 'f');
    if (high && surrogate_at(i + 6, 'c', 'f')) {
      i += 11;
      continue;
    }
    if (high || low) json.replace(i + 2, 4, "fffd");
  }
  return json;
}

// The server-side filter context of a stream, as the app derives it.
std::string filter_context_for(std::string_view stream) {
  if (stream == "user:notification") return "notifications";
  if (stream == "direct") return "thread";
  if (stream.substr(0, 6) == "public" || stream.substr(0, 7) == "hashtag") {
    return "public";
  }
  if (stream == "user" || stream == "list") return "home";
  return "";
}

void finish_frame(OwnedFrame& owned) {
  decode::Frame& frame = owned.frame;
  frame.type = decode::FrameType::kEvent;
  frame.event = owned.event;
  frame.has_stream = !owned.stream.empty();
  frame.stream_size = std::min(owned.stream.size(), decode::kMaxStreamElements);
  for (size_t i = 0; i < frame.stream_size; ++i) {
    frame.stream[i] = owned.stream[i];
  }
  frame.payload = owned.payload;
  if (!owned.stream.empty()) {
    owned.filter_context = filter_context_for(owned.stream[0]);
  }
}

// Parses one Mastodon envelope into `owned`; false for error frames.
bool parse_envelope(decode::JsonDocument& document, const std::string& line,
                    OwnedFrame& owned) {
  owned = OwnedFrame{};
  REQUIRE(document.load(line).ok());
  if (document.append_value({"event"}, owned.event) !=
      decode::JsonKind::kString) {
    return false;
  }
  for (size_t i = 0; i < decode::kMaxStreamElements; ++i) {
    std::string element;
    if (document.append_value({"stream", std::to_string(i)}, element) !=
        decode::JsonKind::kString) {
      break;
    }
    owned.stream.push_back(element);
  }

  std::string payload;
  decode::JsonKind kind = document.append_value({"payload"}, payload);
  decode::PayloadType type = decode::PayloadType::kString;
  if (kind == decode::JsonKind::kMissing) type = decode::PayloadType::kMissing;
  if (kind == decode::JsonKind::kNull) type = decode::PayloadType::kNull;
  if (kind == decode::JsonKind::kString && !payload.empty() &&
      (payload[0] == '{' || payload[0] == '[')) {
    type = decode::PayloadType::kJson;
    payload = replace_lone_surrogates(payload);
  }
  owned.payload = payload;
  owned.frame.payload_type = type;
  return true;
}

OwnedFrame entity_frame(std::string_view event, std::string_view stream,
                        const std::string& json) {
  OwnedFrame owned;
  owned.event = event;
  owned.stream = {std::string(stream)};
  owned.payload = replace_lone_surrogates(json);
  owned.frame.payload_type = decode::PayloadType::kJson;
  return owned;
}

struct Variant {
  std::string name;
  bool template_output = false;
  render::TextOptions options;
};

std::vector<Variant> variants_for(std::string_view corpus) {
  render::TextOptions base;
  std::time_t now = 0;
  REQUIRE(render::parse_timestamp("2026-06-01T00:00:00Z", now));
  base.now = now;

  std::vector<Variant> variants;
  variants.push_back({"w80", false, base});
  variants.back().options.width = 80;
  variants.push_back({"w40", false, base});
  variants.back().options.width = 40;
  variants.push_back({"color", false, base});
  variants.back().options.width = 80;
  variants.back().options.color = true;
  variants.push_back({"template", true, base});
  if (corpus == "content-warnings") {
    variants.push_back({"cw-show", false, base});
    variants.back().options.width = 80;
    variants.back().options.cw = render::CwMode::kShow;
    variants.push_back({"cw-hide", false, base});
    variants.back().options.width = 80;
    variants.back().options.cw = render::CwMode::kHide;
  }
  return variants;
}

std::string render_all(std::vector<OwnedFrame>& frames,
                       const Variant& variant) {
  auto renderer =
      variant.template_output
          ? render::make_template_renderer(kTemplate, variant.options)
          : render::make_text_renderer(variant.options);
  REQUIRE(renderer.ok());

  std::string out;
  for (OwnedFrame& owned : frames) {
    // Views in `frame` point into `owned`, so they are set only now that
    // the frames no longer move.
    finish_frame(owned);
    render::EventContext context;
    context.frame = &owned.frame;
    context.filter_context = owned.filter_context;
    (*renderer)->render(context, out);
  }
  return out;
}

// Compares `actual` with the expected file, or rewrites it in update mode.
void check_golden(const fs::path& expected_path, const std::string& actual) {
  const char* update = std::getenv("MASTOTAIL_UPDATE_GOLDEN");
  if (update != nullptr && std::string_view(update) == "1") {
    fs::create_directories(expected_path.parent_path());
    std::ofstream(expected_path, std::ios::binary) << actual;
    return;
  }

  INFO("expected file: ", expected_path.string());
  REQUIRE_MESSAGE(fs::exists(expected_path),
                  "missing; run with MASTOTAIL_UPDATE_GOLDEN=1 and read it");
  std::string expected = read_file(expected_path);
  if (expected == actual) return;

  std::istringstream want(expected), got(actual);
  std::string want_line, got_line;
  int line = 1;
  while (true) {
    bool more_want = static_cast<bool>(std::getline(want, want_line));
    bool more_got = static_cast<bool>(std::getline(got, got_line));
    if (!more_want && !more_got) break;
    if (want_line != got_line || more_want != more_got) break;
    ++line;
  }
  INFO("first difference at line ", line);
  CHECK(got_line == want_line);
  CHECK(actual == expected);
}

fs::path golden_dir() {
  const char* dir = std::getenv("MASTOTAIL_GOLDEN");
  REQUIRE_MESSAGE(dir != nullptr, "MASTOTAIL_GOLDEN is not set");
  return dir;
}

void use_utc() {
  setenv("TZ", "UTC", 1);
  tzset();
}

}  // namespace

TEST_CASE("golden corpus renders as expected") {
  use_utc();
  fs::path root = golden_dir();
  decode::JsonDocument document;

  std::vector<fs::path> corpus;
  for (const auto& entry : fs::directory_iterator(root / "corpus")) {
    if (entry.path().extension() == ".ndjson") corpus.push_back(entry.path());
  }
  std::sort(corpus.begin(), corpus.end());
  REQUIRE(!corpus.empty());

  for (const fs::path& path : corpus) {
    std::string name = path.stem().string();
    std::vector<OwnedFrame> frames;
    for (const std::string& line : read_lines(path)) {
      OwnedFrame owned;
      if (parse_envelope(document, line, owned)) {
        frames.push_back(std::move(owned));
      }
    }
    for (const Variant& variant : variants_for(name)) {
      SUBCASE((name + "." + variant.name).c_str()) {
        check_golden(root / "expected" / (name + "." + variant.name + ".txt"),
                     render_all(frames, variant));
      }
    }
  }
}

TEST_CASE("golden captures render as expected") {
  use_utc();
  const char* captures_env = std::getenv("MASTOTAIL_CAPTURES");
  fs::path captures = captures_env == nullptr ? fs::path() : captures_env;
  if (captures.empty() || !fs::exists(captures / "entities")) {
    MESSAGE("captures folder not found; set MASTOTAIL_CAPTURES to test it");
    return;
  }
  fs::path expected = golden_dir() / "expected" / "captures";

  struct Source {
    std::string file;
    std::string event;
    std::string stream;
  };
  const std::vector<Source> sources = {
      {"statuses.ndjson", "update", "user"},
      {"statuses-anonymous.ndjson", "update", "public"},
      {"notifications.ndjson", "notification", "user:notification"},
      {"conversations.ndjson", "conversation", "direct"},
  };

  decode::JsonDocument document;
  for (const Source& source : sources) {
    std::vector<OwnedFrame> frames;
    for (const std::string& line :
         read_lines(captures / "entities" / source.file)) {
      frames.push_back(entity_frame(source.event, source.stream, line));
    }
    std::string stem = fs::path(source.file).stem().string();
    for (const Variant& variant : variants_for(stem)) {
      if (variant.name == "w40") continue;
      SUBCASE((stem + "." + variant.name).c_str()) {
        check_golden(expected / (stem + "." + variant.name + ".txt"),
                     render_all(frames, variant));
      }
    }
  }

  std::vector<OwnedFrame> frames;
  for (const std::string& line : read_lines(captures / "ws-frames.txt")) {
    OwnedFrame owned;
    if (parse_envelope(document, line, owned)) {
      frames.push_back(std::move(owned));
    }
  }
  CHECK(frames.size() > 90);
  for (const Variant& variant : variants_for("ws-frames")) {
    if (variant.name == "w40") continue;
    SUBCASE(("ws-frames." + variant.name).c_str()) {
      check_golden(expected / ("ws-frames." + variant.name + ".txt"),
                   render_all(frames, variant));
    }
  }
}
