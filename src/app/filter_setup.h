// Builds the client-side event filter of a run from its options.
#pragma once

#include <memory>

#include "cli/options.h"
#include "filter/event_filter.h"
#include "filter/filter_spec.h"
#include "util/result.h"

namespace mastotail::app {

// Returns the filter spec of the options. The local domain is the host of
// --instance, or empty without one. Repeated boosts are collapsed in text
// and template output only, since every NDJSON and raw line is an event.
filter::FilterSpec make_filter_spec(const cli::Options& options);

// Compiles the filter of the options. Fails with kUsage when a --match or
// --exclude pattern is invalid.
Result<std::unique_ptr<filter::EventFilter>> make_filter(
    const cli::Options& options);

}  // namespace mastotail::app
