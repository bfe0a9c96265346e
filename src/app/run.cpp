#include "app/run.h"

#include <unistd.h>

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "app/exit_code.h"
#include "app/filter_setup.h"
#include "app/pipeline.h"
#include "app/renderers.h"
#include "app/replay.h"
#include "app/session.h"
#include "app/state_store.h"
#include "app/subscriptions.h"
#include "app/token.h"
#include "net/loop.h"
#include "render/output.h"
#include "render/text.h"
#include "util/log.h"
#include "version.h"

namespace mastotail::app {
namespace {

volatile sig_atomic_t g_signal = 0;
volatile sig_atomic_t g_resized = 0;
net::Loop* g_loop = nullptr;

void on_signal(int number) {
  g_signal = number;
  if (g_loop != nullptr) g_loop->wake();
}

void on_resize(int) { g_resized = 1; }

void install_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);

  struct sigaction resize {};
  resize.sa_handler = on_resize;
  sigemptyset(&resize.sa_mask);
  resize.sa_flags = SA_RESTART;
  sigaction(SIGWINCH, &resize, nullptr);
  // A closed stdout must surface as EPIPE from write(), not kill us.
  std::signal(SIGPIPE, SIG_IGN);
}

int exit_code_after_signal() { return 128 + g_signal; }

// Loop counters for bench/run, printed at exit on stderr when the
// environment has MASTOTAIL_STATS=1. Not a user-facing feature.
struct LoopStats {
  uint64_t turns = 0;
  uint64_t turns_with_output = 0;
};

void report_stats(const LoopStats& stats, const render::Output& output,
                  const Pipeline& pipeline) {
  const char* enabled = std::getenv("MASTOTAIL_STATS");
  if (enabled == nullptr || std::string_view(enabled) != "1") return;
  std::fprintf(stderr,
               "stats: turns=%llu turns_with_output=%llu write_calls=%zu "
               "events=%llu\n",
               static_cast<unsigned long long>(stats.turns),
               static_cast<unsigned long long>(stats.turns_with_output),
               output.write_calls(),
               static_cast<unsigned long long>(pipeline.events_written()));
}

int fail(const Error& error) {
  log::error("{}", error.message);
  return exit_code_for(error.kind);
}

log::Verbosity verbosity_for(int level) {
  if (level <= 0) return log::Verbosity::kQuiet;
  if (level == 1) return log::Verbosity::kNormal;
  if (level == 2) return log::Verbosity::kVerbose;
  return log::Verbosity::kDebug;
}

// The end of a run: flush what is left and turn the outcome into a code.
int finish_run(render::Output& output, Pipeline& pipeline,
               const std::optional<Error>& error) {
  Status flushed = output.flush();
  pipeline.report_totals();
  if (g_signal != 0) return exit_code_after_signal();
  if (output.reader_closed()) return kExitOk;
  if (!flushed.ok()) return fail(flushed.error());
  if (error) return fail(*error);
  return kExitOk;
}

// Saves the state file: at most once a second while running, and at once
// when `now` is a default time point (at exit). A failed save is reported
// and the run goes on.
void save_state(StateStore& state, std::chrono::steady_clock::time_point now) {
  Status saved = now == std::chrono::steady_clock::time_point{}
                     ? state.save()
                     : state.save_if_due(now);
  if (!saved.ok()) log::error("{}", saved.error().message);
}

int run_replay(const cli::Options& options, render::Renderer& renderer,
               filter::EventFilter& filter) {
  SubscriptionSet no_subscriptions({});
  render::Output output(STDOUT_FILENO);
  output.stop_on(&g_signal);
  Pipeline pipeline(options, no_subscriptions, renderer, output);
  pipeline.set_filter(&filter);

  Status status = replay_file(options.replay, pipeline, output, g_signal);
  if (!status.ok() && status.error().kind == ErrorKind::kUsage) {
    return fail(status.error());
  }
  std::optional<Error> error;
  if (!status.ok()) error = status.error();
  return finish_run(output, pipeline, error);
}

int run_live(const cli::Options& options, render::Renderer& renderer,
             filter::EventFilter& filter) {
  Result<Credentials> credentials =
      resolve_credentials(token_settings(options));
  if (!credentials.ok()) return fail(credentials.error());
  if (!credentials->warning.empty()) {
    log::warning("{}", credentials->warning);
  }
  cli::Options run_options = options;
  run_options.instance = credentials->instance;

  net::LoopOptions loop_options;
  loop_options.cacert = options.cacert;
  loop_options.connect_timeout_s = options.connect_timeout_s;
  loop_options.user_agent = "mastotail/" MASTOTAIL_VERSION;
  loop_options.insecure = options.insecure;
  loop_options.proxies = net::read_proxy_environment();
  Result<std::unique_ptr<net::Loop>> loop = net::Loop::create(loop_options);
  if (!loop.ok()) return fail(loop.error());
  g_loop = loop->get();

  Cursors cursors;
  std::unique_ptr<StateStore> state;
  if (!options.state_path.empty()) {
    auto opened = StateStore::open(options.state_path, cursors);
    if (!opened.ok()) return fail(opened.error());
    state = std::move(*opened);
  }

  SubscriptionSet subscriptions(options.timelines);
  render::Output output(STDOUT_FILENO);
  output.stop_on(&g_signal);
  Pipeline pipeline(options, subscriptions, renderer, output);
  pipeline.set_filter(&filter);
  pipeline.track_cursors(cursors);
  Session session(**loop, run_options, std::move(credentials->token),
                  subscriptions, pipeline, cursors);
  session.start();

  LoopStats stats;
  while (!session.done()) {
    if (!(*loop)->run_turn()) break;
    ++stats.turns;

    if (g_resized != 0) {
      g_resized = 0;
      if (options.width == 0)
        render::set_text_width(renderer, text_width(options));
    }

    if (!output.buffer().empty()) ++stats.turns_with_output;
    Status flushed = output.flush();
    bool stop = g_signal != 0 || !flushed.ok() || output.reader_closed() ||
                pipeline.count_reached();
    if (stop) session.stop();
    if (state != nullptr && flushed.ok()) {
      save_state(*state, std::chrono::steady_clock::now());
    }
  }

  std::optional<Error> error = session.error();
  if (error && error->kind == ErrorKind::kAuth &&
      credentials->source == TokenSource::kAccount) {
    error->message += fmt::format(" (account {}); run mastotail login again",
                                  credentials->account);
  }
  int code = finish_run(output, pipeline, error);
  if (state != nullptr && output.buffer().empty()) save_state(*state, {});
  if (code == kExitOk && session.incomplete()) code = kExitGaps;
  report_stats(stats, output, pipeline);
  g_loop = nullptr;
  return code;
}

}  // namespace

int run(const cli::Options& options) {
  log::set_verbosity(verbosity_for(options.verbosity));
  install_signal_handlers();

  Result<std::unique_ptr<render::Renderer>> renderer = make_renderer(options);
  if (!renderer.ok()) return fail(renderer.error());

  Result<std::unique_ptr<filter::EventFilter>> filter = make_filter(options);
  if (!filter.ok()) return fail(filter.error());

  if (!options.replay.empty()) {
    return run_replay(options, **renderer, **filter);
  }
  return run_live(options, **renderer, **filter);
}

}  // namespace mastotail::app
