#include "app/renderers.h"

#include "render/ndjson.h"
#include "render/raw.h"

namespace mastotail::app {

Result<std::unique_ptr<render::Renderer>> make_renderer(
    const cli::Options& options) {
  switch (options.output) {
    case cli::OutputFormat::kJson:
      return render::make_ndjson_renderer();
    case cli::OutputFormat::kRaw:
      return render::make_raw_renderer();
    case cli::OutputFormat::kText:
      break;
  }
  // TODO: text renderer
  return render::make_ndjson_renderer();
}

}  // namespace mastotail::app
