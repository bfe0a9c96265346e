// Lookup of dotted paths ("reblog.account.acct", "media_attachments.0.url")
// in a JSON document, for output templates.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "decode/entities.h"
#include "util/result.h"

namespace mastotail::decode {

struct ParsedJson;  // decode/json_validate.h

// The server-side filter results of a status and of the status it boosts.
struct StatusFilters {
  std::vector<FilterResult> filtered;         // the status's own
  std::vector<FilterResult> reblog_filtered;  // those of its "reblog"
};

enum class JsonKind {
  kMissing,
  kNull,
  kString,
  kNumber,
  kBool,
  kObject,
  kArray
};

// One parsed JSON document, reusing its parser and buffers from one load()
// to the next. Not thread-safe.
class JsonDocument {
 public:
  JsonDocument();
  ~JsonDocument();
  JsonDocument(const JsonDocument&) = delete;
  JsonDocument& operator=(const JsonDocument&) = delete;

  // Parses `json`, replacing the previous document. Fails with
  // ErrorKind::kProtocol when it is not well-formed JSON; the document is
  // then empty and every lookup returns kMissing.
  mastotail::Status load(std::string_view json);

  // Uses `parsed`, the DOM of `json` that the frame decoder built, when it
  // is not nullptr, and parses `json` otherwise. `parsed` must stay valid
  // as long as this document is used.
  mastotail::Status load(std::string_view json, const ParsedJson* parsed);

  // Appends the value at `path` to `out`: a string unescaped, a number or
  // boolean as its JSON text, an object or array as compact JSON, and
  // nothing for null or a missing value. Each path element is an object key
  // or, on an array, a decimal index. An empty path is the whole document.
  JsonKind append_value(const std::vector<std::string>& path,
                        std::string& out) const;

  // Reads the "filtered" arrays of a status and of its "reblog" into `out`,
  // with the same results as EntityDecoder::decode_status() gives for
  // Status::filtered. The status is the document itself when `member` is
  // empty, else the document's object member of that name (a
  // notification's "status"). Returns false, leaving `out` empty, when the
  // document or that member is not an object.
  bool read_status_filters(std::string_view member, StatusFilters& out) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Splits "a.b.0" into {"a", "b", "0"}.
std::vector<std::string> split_path(std::string_view dotted);

}  // namespace mastotail::decode
