#include "render/ndjson.h"

#include "render/json_writer.h"

namespace mastotail::render {
namespace {

using decode::Frame;
using decode::FrameType;
using decode::PayloadType;

void append_payload(const Frame& frame, std::string& out) {
  switch (frame.payload_type) {
    case PayloadType::kJson:
      out.append(frame.payload);
      return;
    case PayloadType::kString:
      out.append(frame.payload_json);
      return;
    case PayloadType::kMissing:
    case PayloadType::kNull:
      out.append("null");
      return;
  }
}

class NdjsonRenderer final : public Renderer {
 public:
  bool render(const EventContext& event, std::string& out) override {
    const Frame* frame = event.frame;
    if (frame == nullptr || frame->type != FrameType::kEvent) return false;

    out.append("{\"event\":");
    append_json_string(frame->event, out);

    out.append(",\"stream\":");
    out.append(event.stream_json.empty() ? "null" : event.stream_json);

    out.append(",\"payload\":");
    append_payload(*frame, out);

    if (event.backfill) out.append(",\"backfill\":true");
    out.append("}\n");
    return true;
  }
};

}  // namespace

std::unique_ptr<Renderer> make_ndjson_renderer() {
  return std::make_unique<NdjsonRenderer>();
}

}  // namespace mastotail::render
