#include "app/pipeline.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "render/ndjson.h"

using mastotail::app::Pipeline;
using mastotail::app::SubscriptionSet;
using mastotail::cli::Options;
using mastotail::cli::OutputFormat;
using mastotail::cli::Timeline;

namespace {

// Runs messages through a pipeline with NDJSON output and returns stdout.
struct PipelineRun {
  Options options;
  SubscriptionSet subscriptions;
  std::unique_ptr<mastotail::render::Renderer> renderer =
      mastotail::render::make_ndjson_renderer();
  mastotail::render::Output output{-1};
  Pipeline pipeline{options, subscriptions, *renderer, output};

  PipelineRun(std::vector<Timeline> timelines, uint64_t count = 0)
      : options(make_options(count)), subscriptions(timelines) {}

  static Options make_options(uint64_t count) {
    Options options;
    options.output = OutputFormat::kJson;
    options.count = count;
    return options;
  }

  std::string text() { return output.buffer(); }
};

}  // namespace

TEST_CASE("pipeline writes events and skips errors") {
  PipelineRun run({{"public", "", "", false}});
  run.pipeline.process(R"({"stream":["public"],"event":"delete",)"
                       R"("payload":"110988741790818968"})");
  run.pipeline.process(R"({"error":"Unknown stream type","status":400})");
  run.pipeline.process("not json");
  CHECK(run.text() ==
        "{\"event\":\"delete\",\"stream\":[\"public\"],"
        "\"payload\":\"110988741790818968\"}\n");
  CHECK(run.pipeline.events_written() == 1);
}

TEST_CASE("pipeline fills a missing stream from the subscription") {
  PipelineRun run({{"public", "", "", false}});
  run.pipeline.process(R"({"event":"delete","payload":"9223372036854775807"})");
  CHECK(run.text() ==
        "{\"event\":\"delete\",\"stream\":[\"public\"],"
        "\"payload\":\"9223372036854775807\"}\n");
}

TEST_CASE("pipeline stops at the count") {
  PipelineRun run({{"public", "", "", false}}, 2);
  for (int i = 0; i < 5; ++i) {
    run.pipeline.process(R"({"stream":["public"],"event":"delete",)"
                         R"("payload":")" +
                         std::to_string(i) + "\"}");
  }
  CHECK(run.pipeline.events_written() == 2);
  CHECK(run.pipeline.count_reached());
}

TEST_CASE("pipeline prints a repeated delivery once") {
  PipelineRun run({{"public", "", "", false}});
  std::string update =
      R"({"stream":["public"],"event":"update","payload":"{\"id\":\"5\"}"})";
  run.pipeline.process(update);
  run.pipeline.process(update);
  CHECK(run.pipeline.events_written() == 1);
}

TEST_CASE("pipeline ends when no subscription is left") {
  PipelineRun run({{"list", "list", "7", false}});
  run.pipeline.process(
      R"({"error":"Not authorized to stream this list","status":401})");
  REQUIRE(run.pipeline.fatal_error().has_value());
  CHECK(run.pipeline.fatal_error()->kind == mastotail::ErrorKind::kNotFound);
}

TEST_CASE("pipeline applies the client media filter") {
  PipelineRun run({{"user", "", "", true}});
  std::string with_media =
      R"({"stream":["user"],"event":"update","payload":"{\"id\":\"1\",)"
      R"(\"media_attachments\":[{\"id\":\"9\"}]}"})";
  std::string without_media =
      R"({"stream":["user"],"event":"update","payload":"{\"id\":\"2\",)"
      R"(\"media_attachments\":[]}"})";
  std::string boost_with_media =
      R"({"stream":["user"],"event":"update","payload":"{\"id\":\"3\",)"
      R"(\"media_attachments\":[],\"reblog\":{\"media_attachments\":[{}]}}"})";
  run.pipeline.process(with_media);
  run.pipeline.process(without_media);
  run.pipeline.process(boost_with_media);
  CHECK(run.pipeline.events_written() == 2);
  CHECK(run.text().find("\"id\":\"2\"") == std::string::npos);
}
