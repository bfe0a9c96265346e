// Strict validation of JSON text with simdjson.
//
// On-Demand parses lazily and skips what is not read, so a document is only
// known to be valid after every value in it has been visited. These helpers
// visit every value and check what stage 1 leaves open: string escapes,
// number syntax, literals, commas and colons, nesting depth and trailing
// content.
#pragma once

#include <cstddef>
#include <string_view>

#include <simdjson.h>

#include "decode/event_ids.h"
#include "decode/json_buffer.h"

namespace mastotail::decode {

// Maximum nesting depth accepted, counted as jq 1.6 counts it: an array
// adds one level and an object two, because jq also stacks the key of the
// member it is reading. jq rejects deeper input ("Exceeds depth limit for
// parsing"), and NDJSON output is meant for jq. So 256 nested arrays pass,
// and 128 nested objects.
inline constexpr size_t kMaxJsonDepth = 256;

// Visits `value` and everything inside it. `depth` is jq's depth at `value`
// (see kMaxJsonDepth): 1 for a document root, one more for an array
// element, two more for an object member. Returns SUCCESS or the first
// error, with DEPTH_ERROR for an object or array deeper than
// kMaxJsonDepth.
simdjson::error_code validate_json_value(simdjson::ondemand::value value,
                                         size_t depth);

// A validated JSON text as parsed by simdjson's DOM parser, for readers
// that would otherwise parse it again (text output, templates).
struct ParsedJson {
  simdjson::dom::element root;
};

// Result of JsonTextValidator::validate().
struct ValidatedJson {
  // The repaired text with surrounding whitespace removed; empty when
  // invalid. Valid until the next validate() call.
  std::string_view text;
  simdjson::error_code error = simdjson::SUCCESS;
  // For an object: its "id", "edited_at", "created_at" and last_status
  // fields, read during the same walk, so that dedupe and gap filling need
  // no second parse. Valid until the next validate() call.
  EventIds ids;
  // The parsed text, or nullptr when the DOM parser rejected it (numbers
  // out of its range, or more than 127 nested containers) and On-Demand
  // accepted it. Valid until the next validate() call.
  const ParsedJson* parsed = nullptr;
};

// Validates standalone JSON texts whose root is an object or an array, with
// its own parsers and buffer (no allocation once they have grown to the
// largest text seen).
class JsonTextValidator {
 public:
  JsonTextValidator();

  // Copies `text`, replaces its escaped lone surrogates with \ufffd, and
  // checks that the copy is exactly one object or array, at most
  // kMaxJsonDepth deep, with nothing but whitespace around it.
  ValidatedJson validate(std::string_view text);

 private:
  // Validates `text`, stores the ids in `ids` and sets `parsed` to
  // &parsed_ when the DOM parser accepted it.
  simdjson::error_code validate_document(std::string_view text, EventIds& ids,
                                         const ParsedJson*& parsed);
  simdjson::error_code walk_document(std::string_view text, EventIds& ids);

  // The DOM parser validates in the kernel that the simdjson library
  // selects at run time (AVX2 or AVX-512 where the CPU has them). It also
  // rejects valid numbers that do not fit a double, so a text it rejects
  // is walked again with On-Demand, which checks the number grammar only.
  simdjson::dom::parser dom_parser_;
  bool dom_ready_ = false;  // dom_parser_ has its depth limit
  ParsedJson parsed_;
  simdjson::ondemand::parser parser_;
  PaddedBuffer buffer_;
};

// Returns `text` without leading and trailing JSON whitespace.
std::string_view trim_json_whitespace(std::string_view text);

}  // namespace mastotail::decode
