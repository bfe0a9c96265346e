#include "app/renderers.h"

#include <unistd.h>

#include "render/color.h"
#include "render/ndjson.h"
#include "render/raw.h"
#include "render/template.h"
#include "render/text.h"

namespace mastotail::app {
namespace {

render::ColorChoice color_choice(cli::ColorMode mode) {
  switch (mode) {
    case cli::ColorMode::kAlways:
      return render::ColorChoice::kAlways;
    case cli::ColorMode::kNever:
      return render::ColorChoice::kNever;
    case cli::ColorMode::kAuto:
      break;
  }
  return render::ColorChoice::kAuto;
}

render::CwMode cw_mode(cli::CwMode mode) {
  switch (mode) {
    case cli::CwMode::kShow:
      return render::CwMode::kShow;
    case cli::CwMode::kHide:
      return render::CwMode::kHide;
    case cli::CwMode::kWarn:
      break;
  }
  return render::CwMode::kWarn;
}

}  // namespace

int text_width(const cli::Options& options) {
  if (options.width > 0) return options.width;
  return render::terminal_width(STDOUT_FILENO);
}

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

  render::TextOptions text;
  text.color =
      render::should_use_color(color_choice(options.color), STDOUT_FILENO);
  text.width = text_width(options);
  text.cw = cw_mode(options.cw);
  if (!options.format.empty()) {
    return render::make_template_renderer(options.format, text);
  }
  return render::make_text_renderer(text);
}

}  // namespace mastotail::app
