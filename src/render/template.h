// --format TEMPLATE: one line per event built from fields of the event.
//
// A template is text with fields in braces: {event}, {stream} (its elements
// joined with ':'), {text} (the content as plain text on one line), {id}
// (for a delete, the deleted id), or a dotted path into the payload such as
// {account.acct}, {reblog.account.acct} or {media_attachments.0.url}.
// "{{" and "}}" are literal braces. Strings are printed unescaped, objects
// and arrays as compact JSON, null and missing values as nothing; every
// value is sanitised and its line breaks become spaces.
//
// Server-side filters apply as in text output: a status a "hide" filter
// applies to is not printed, and under a "warn" filter {text} is
// "filtered: TITLE". Content warnings do not change the fields.
#pragma once

#include <memory>
#include <string_view>

#include "render/renderer.h"
#include "render/text_options.h"
#include "util/result.h"

namespace mastotail::render {

// Compiles `format` once. Fails with ErrorKind::kUsage, naming the column,
// on an unclosed '{', an unmatched '}' or an empty field.
Result<std::unique_ptr<Renderer>> make_template_renderer(
    std::string_view format, const TextOptions& options);

}  // namespace mastotail::render
