// Remembers the most recent events so that an event delivered twice (on two
// streams, by a gap fill and live, or by user and user:notification) is
// printed once. Memory is fixed: the window holds the last `capacity`
// events and forgets older ones.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "decode/event_ids.h"
#include "decode/frame.h"

namespace mastotail::app {

class DedupeWindow {
 public:
  // `capacity` events are remembered; it is rounded up to a power of two.
  explicit DedupeWindow(size_t capacity = kDefaultCapacity);

  static constexpr size_t kDefaultCapacity = 16384;

  // Returns true the first time an event is seen within the window, false
  // for a repeat. Events are keyed by kind: update and status.update by
  // status id and edited_at, notification by id, delete by the deleted id,
  // conversation by id and last_status.id. Other events always return
  // true. `ids` are the ids read from the payload.
  bool first_delivery(const decode::Frame& frame, const decode::EventIds& ids);

  // Same, for a key made by the caller.
  bool first_time(uint64_t key);

 private:
  void remember(uint64_t key);
  void forget(uint64_t key);
  size_t slot_of(uint64_t key) const;

  std::vector<uint64_t> ring_;   // keys in arrival order
  std::vector<uint64_t> table_;  // open addressing; 0 marks an empty slot
  size_t next_ = 0;              // ring position to overwrite next
  size_t size_ = 0;
};

// Returns the 64-bit key of `parts` (FNV-1a over each part and a separator).
// Never returns 0.
uint64_t dedupe_key(char kind, std::string_view first,
                    std::string_view second = {});

}  // namespace mastotail::app
