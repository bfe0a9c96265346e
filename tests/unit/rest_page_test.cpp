#include "decode/rest_page.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "decode/event_ids.h"

using mastotail::decode::compare_ids;
using mastotail::decode::EventIdReader;
using mastotail::decode::find_link;
using mastotail::decode::for_each_page_element;

TEST_CASE("page elements come out verbatim and in order") {
  std::vector<std::string> elements;
  auto status = for_each_page_element(
      R"([{"id":"2","a":[1,{"b":null}]}, {"id":"1"}])",
      [&](std::string_view text) { elements.emplace_back(text); });
  REQUIRE(status.ok());
  REQUIRE(elements.size() == 2);
  CHECK(elements[0] == R"({"id":"2","a":[1,{"b":null}]})");
  CHECK(elements[1] == R"({"id":"1"})");
}

TEST_CASE("a page that is not an array of objects fails") {
  auto ignore = [](std::string_view) {};
  CHECK_FALSE(for_each_page_element(R"({"error":"x"})", ignore).ok());
  CHECK_FALSE(for_each_page_element("<html>", ignore).ok());
  CHECK_FALSE(for_each_page_element("[1,2]", ignore).ok());
  CHECK(for_each_page_element("[]", ignore).ok());
}

TEST_CASE("link header relations are found") {
  std::string_view link =
      "<https://x.social/api/v1/timelines/public?local=true&max_id=1>; "
      "rel=\"next\", "
      "<https://x.social/api/v1/timelines/public?local=true&min_id=9>; "
      "rel=\"prev\"";
  CHECK(find_link(link, "next") ==
        "https://x.social/api/v1/timelines/public?local=true&max_id=1");
  CHECK(find_link(link, "prev") ==
        "https://x.social/api/v1/timelines/public?local=true&min_id=9");
  CHECK(find_link(link, "last").empty());
  CHECK(find_link("", "next").empty());
  CHECK(find_link("<a,b>; rel=next", "next") == "a,b");
}

TEST_CASE("ids compare by length then bytes") {
  CHECK(compare_ids("99", "100") < 0);
  CHECK(compare_ids("110988741790818968", "110988741790818967") > 0);
  CHECK(compare_ids("01FC3TZ5CFG6H65GCKCJRKA669",
                    "01FC3TZ5CFG6H65GCKCJRKA669") == 0);
}

TEST_CASE("event ids are read from the top level only") {
  EventIdReader reader;
  auto ids = reader.read(R"({"account":{"id":"9"},"id":"5","edited_at":null,)"
                         R"("created_at":"2026-12-04T10:00:00.000Z",)"
                         R"("last_status":{"id":"8","created_at":"t8"}})");
  CHECK(ids.id == "5");
  CHECK(ids.edited_at.empty());
  CHECK(ids.created_at == "2026-12-04T10:00:00.000Z");
  CHECK(ids.last_status_id == "8");
  CHECK(ids.last_status_created_at == "t8");
  CHECK(reader.read("[1]").id.empty());
  CHECK(reader.read("{bad").id.empty());
}
