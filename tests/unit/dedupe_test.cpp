#include "app/dedupe.h"

#include <doctest/doctest.h>

#include <string>

using mastotail::app::dedupe_key;
using mastotail::app::DedupeWindow;
using mastotail::decode::EventIds;
using mastotail::decode::Frame;
using mastotail::decode::PayloadType;

namespace {

Frame event(std::string_view name) {
  Frame frame;
  frame.type = mastotail::decode::FrameType::kEvent;
  frame.event = name;
  frame.payload_type = PayloadType::kJson;
  return frame;
}

}  // namespace

TEST_CASE("dedupe drops a repeated update") {
  DedupeWindow window(16);
  EventIds ids{"110", "", "2026-12-04T10:00:00.000Z", "", ""};
  CHECK(window.first_delivery(event("update"), ids));
  CHECK_FALSE(window.first_delivery(event("update"), ids));
}

TEST_CASE("dedupe keeps an edit apart from the original") {
  DedupeWindow window(16);
  EventIds original{"110", "", "", "", ""};
  EventIds edited{"110", "2026-12-04T11:00:00.000Z", "", "", ""};
  CHECK(window.first_delivery(event("update"), original));
  CHECK(window.first_delivery(event("status.update"), edited));
  CHECK_FALSE(window.first_delivery(event("status.update"), edited));
}

TEST_CASE("dedupe separates event kinds sharing an id") {
  DedupeWindow window(16);
  EventIds ids{"110", "", "", "", ""};
  Frame deletion = event("delete");
  deletion.payload_type = PayloadType::kString;
  deletion.payload = "110";
  CHECK(window.first_delivery(event("update"), ids));
  CHECK(window.first_delivery(event("notification"), ids));
  CHECK(window.first_delivery(deletion, {}));
  CHECK_FALSE(window.first_delivery(deletion, {}));
}

TEST_CASE("dedupe keys conversations by their last status") {
  DedupeWindow window(16);
  EventIds first{"7", "", "", "100", ""};
  EventIds second{"7", "", "", "101", ""};
  CHECK(window.first_delivery(event("conversation"), first));
  CHECK(window.first_delivery(event("conversation"), second));
  CHECK_FALSE(window.first_delivery(event("conversation"), second));
}

TEST_CASE("dedupe never drops events without keys") {
  DedupeWindow window(16);
  CHECK(window.first_delivery(event("announcement"), {}));
  CHECK(window.first_delivery(event("announcement"), {}));
  CHECK(window.first_delivery(event("update"), {}));
  CHECK(window.first_delivery(event("update"), {}));
}

TEST_CASE("dedupe window forgets the oldest keys") {
  DedupeWindow window(4);
  for (int i = 0; i < 4; ++i) {
    CHECK(window.first_time(dedupe_key('s', std::to_string(i))));
  }
  CHECK(window.first_time(dedupe_key('s', "4")));  // evicts "0"
  CHECK(window.first_time(dedupe_key('s', "0")));
  CHECK_FALSE(window.first_time(dedupe_key('s', "4")));
}

TEST_CASE("dedupe window stays correct over many keys") {
  DedupeWindow window(1024);
  for (int i = 0; i < 100000; ++i) {
    REQUIRE(window.first_time(dedupe_key('s', std::to_string(i))));
    if (i >= 1) {
      REQUIRE_FALSE(window.first_time(dedupe_key('s', std::to_string(i - 1))));
    }
  }
}
