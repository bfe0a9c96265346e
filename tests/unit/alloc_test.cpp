// Heap allocations per event of the whole NDJSON path: app::Pipeline
// (decode, route, dedupe, render) and render::Output writing to /dev/null.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "app/pipeline.h"
#include "render/ndjson.h"
#include "render/output.h"

// AddressSanitizer replaces operator new itself and reports the
// replacement below as a mismatch, so allocations are counted without it.
#if defined(__SANITIZE_ADDRESS__)
#define MASTOTAIL_COUNT_ALLOCATIONS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MASTOTAIL_COUNT_ALLOCATIONS 0
#endif
#endif
#ifndef MASTOTAIL_COUNT_ALLOCATIONS
#define MASTOTAIL_COUNT_ALLOCATIONS 1
#endif

#if MASTOTAIL_COUNT_ALLOCATIONS
namespace {
std::atomic<bool> counting_allocations{false};
std::atomic<size_t> allocation_count{0};
}  // namespace

void* operator new(size_t size) {
  if (counting_allocations) ++allocation_count;
  if (void* block = std::malloc(size == 0 ? 1 : size)) return block;
  throw std::bad_alloc();
}

// GCC 12 reports free() of memory from operator new as a mismatch even
// though both are replaced here.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

void operator delete(void* block) noexcept { std::free(block); }

void operator delete(void* block, size_t) noexcept { ::operator delete(block); }

namespace {

using mastotail::app::Pipeline;
using mastotail::app::SubscriptionSet;
using mastotail::cli::Options;
using mastotail::cli::OutputFormat;

// A status payload the way Mastodon's streaming server encodes it: JSON
// text inside a JSON string, with HTML, media and a non-ASCII name.
std::string status_frame(const std::string& id) {
  return R"({"stream":["public"],"event":"update","payload":"{\"id\":\")" + id +
         R"(\",\"created_at\":\"2026-12-04T17:08:39.822Z\",)"
         R"(\"in_reply_to_id\":null,\"sensitive\":false,)"
         R"(\"spoiler_text\":\"\",\"visibility\":\"public\",)"
         R"(\"language\":\"en\",\"edited_at\":null,)"
         R"(\"content\":\"<p>caf\u00e9 <a href=\\\"https://x.example/\\\">)"
         R"(link</a> &amp; more</p>\",\"reblog\":null,)"
         R"(\"account\":{\"id\":\"1\",\"username\":\"émile\",)"
         R"(\"acct\":\"emile@x.example\",\"display_name\":\"Émile\"},)"
         R"(\"media_attachments\":[{\"id\":\"7\",\"type\":\"image\",)"
         R"(\"meta\":{\"original\":{\"width\":600,\"aspect\":1}},)"
         R"(\"description\":\"a cat\"}],\"poll\":null,\"filtered\":[]}"})";
}

std::string notification_frame(const std::string& id) {
  return R"({"stream":["user"],"event":"notification","payload":"{\"id\":\")" +
         id +
         R"(\",\"type\":\"follow\",\"created_at\":\"2026-12-04T17:08:40Z\",)"
         R"(\"account\":{\"id\":\"2\",\"username\":\"bob\"}}"})";
}

std::string delete_frame(const std::string& id) {
  return R"({"stream":["public"],"event":"delete","payload":")" + id + R"("})";
}

// Distinct events, as a live stream has: every id is new, so that dedupe
// passes each one.
std::vector<std::string> distinct_frames(size_t count) {
  std::vector<std::string> frames;
  frames.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    std::string id = std::to_string(110000000000000000ull + i);
    switch (i % 4) {
      case 0:
      case 1:
        frames.push_back(status_frame(id));
        break;
      case 2:
        frames.push_back(notification_frame(id));
        break;
      default:
        frames.push_back(delete_frame(id));
        break;
    }
  }
  return frames;
}

}  // namespace

TEST_CASE("NDJSON pipeline allocates nothing per event") {
  Options options;
  options.output = OutputFormat::kJson;
  SubscriptionSet subscriptions({{"public", "", "", false}});
  auto renderer = mastotail::render::make_ndjson_renderer();
  int null_fd = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  REQUIRE(null_fd >= 0);
  mastotail::render::Output output(null_fd);
  Pipeline pipeline(options, subscriptions, *renderer, output);

  constexpr size_t kWarmUp = 1000;
  constexpr size_t kMeasured = 10000;
  std::vector<std::string> frames = distinct_frames(kWarmUp + kMeasured);

  // The first events grow the reused buffers to their working size.
  for (size_t i = 0; i < kWarmUp; ++i) {
    pipeline.process(frames[i]);
    if (i % 16 == 0) REQUIRE(output.flush().ok());
  }
  REQUIRE(output.flush().ok());
  REQUIRE(pipeline.events_written() == kWarmUp);

  counting_allocations = true;
  std::string probe(100, 'x');
  counting_allocations = false;
  REQUIRE_MESSAGE(allocation_count == 1, "the allocation counter is broken");
  allocation_count = 0;

  // As in a live run: several events per loop turn, then one flush.
  counting_allocations = true;
  for (size_t i = kWarmUp; i < frames.size(); ++i) {
    pipeline.process(frames[i]);
    if (i % 16 == 0) (void)output.flush();
  }
  (void)output.flush();
  counting_allocations = false;

  CHECK(pipeline.events_written() == kWarmUp + kMeasured);
  CHECK(allocation_count == 0);
  ::close(null_fd);
}
#endif
