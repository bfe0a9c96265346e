#include "render/raw.h"

namespace mastotail::render {
namespace {

class RawRenderer final : public Renderer {
 public:
  bool render(const EventContext& event, std::string& out) override {
    out.append(event.raw_message);
    out.push_back('\n');
    return true;
  }
};

}  // namespace

std::unique_ptr<Renderer> make_raw_renderer() {
  return std::make_unique<RawRenderer>();
}

}  // namespace mastotail::render
