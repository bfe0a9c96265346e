#include "app/dedupe.h"

namespace mastotail::app {
namespace {

size_t round_up_to_power_of_two(size_t value) {
  size_t power = 1;
  while (power < value) power <<= 1;
  return power;
}

void mix(uint64_t& hash, std::string_view text) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  hash ^= 0xff;  // separator, so ("ab","c") and ("a","bc") differ
  hash *= 0x100000001b3ULL;
}

}  // namespace

uint64_t dedupe_key(char kind, std::string_view first,
                    std::string_view second) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  mix(hash, std::string_view(&kind, 1));
  mix(hash, first);
  mix(hash, second);
  return hash == 0 ? 1 : hash;
}

DedupeWindow::DedupeWindow(size_t capacity)
    : ring_(round_up_to_power_of_two(capacity), 0),
      table_(ring_.size() * 2, 0) {}

size_t DedupeWindow::slot_of(uint64_t key) const {
  size_t mask = table_.size() - 1;
  size_t slot = static_cast<size_t>(key) & mask;
  while (table_[slot] != 0 && table_[slot] != key) slot = (slot + 1) & mask;
  return slot;
}

void DedupeWindow::forget(uint64_t key) {
  size_t mask = table_.size() - 1;
  size_t hole = slot_of(key);
  if (table_[hole] == 0) return;
  table_[hole] = 0;

  // Backward-shift deletion: move later entries of the probe run into the
  // hole when their home slot allows it, so lookups never stop early.
  size_t slot = (hole + 1) & mask;
  while (table_[slot] != 0) {
    size_t home = static_cast<size_t>(table_[slot]) & mask;
    bool movable = ((slot - home) & mask) >= ((slot - hole) & mask);
    if (movable) {
      table_[hole] = table_[slot];
      table_[slot] = 0;
      hole = slot;
    }
    slot = (slot + 1) & mask;
  }
}

void DedupeWindow::remember(uint64_t key) {
  if (size_ == ring_.size()) {
    forget(ring_[next_]);
    --size_;
  }
  ring_[next_] = key;
  next_ = (next_ + 1) & (ring_.size() - 1);
  table_[slot_of(key)] = key;
  ++size_;
}

bool DedupeWindow::first_time(uint64_t key) {
  if (table_[slot_of(key)] == key) return false;
  remember(key);
  return true;
}

bool DedupeWindow::first_delivery(const decode::Frame& frame,
                                  const decode::EventIds& ids) {
  std::string_view event = frame.event;
  if (event == "update" || event == "status.update") {
    if (ids.id.empty()) return true;
    return first_time(dedupe_key('s', ids.id, ids.edited_at));
  }
  if (event == "notification") {
    if (ids.id.empty()) return true;
    return first_time(dedupe_key('n', ids.id));
  }
  if (event == "conversation") {
    if (ids.id.empty()) return true;
    return first_time(dedupe_key('c', ids.id, ids.last_status_id));
  }
  if (event == "delete" && frame.payload_type == decode::PayloadType::kString) {
    return first_time(dedupe_key('d', frame.payload));
  }
  return true;
}

}  // namespace mastotail::app
