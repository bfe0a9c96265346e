// The pre-encoded frames the load server sends, read from the file that
// bench/make_frames.py writes.
#pragma once

#include <libwebsockets.h>

#include <cstdint>
#include <string>
#include <vector>

namespace bench {

// One WebSocket text message with LWS_PRE bytes of headroom before it, so
// that lws_write() can put the frame header in front without a copy.
struct EncodedFrame {
  std::vector<unsigned char> bytes;  // LWS_PRE headroom, then the message
  std::vector<size_t> id_offsets;    // of 18-digit ids, from the message
  size_t size() const { return bytes.size() - LWS_PRE; }
  unsigned char* message() { return bytes.data() + LWS_PRE; }
};

// Reads "OFFSETS<TAB>FRAME" lines. Returns an empty vector and writes the
// reason to stderr when the file is missing or a line is malformed.
std::vector<EncodedFrame> read_frames(const std::string& path);

// Overwrites each id of `frame` with `sequence` as 18 decimal digits, so
// that every send carries ids that no earlier send had.
void stamp_ids(EncodedFrame& frame, uint64_t sequence);

}  // namespace bench
