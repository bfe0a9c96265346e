#include "filter/recent_ids.h"

namespace mastotail::filter {

RecentIds::RecentIds(size_t capacity) : capacity_(capacity) {
  ids_.reserve(capacity);
  index_.reserve(capacity);
}

bool RecentIds::insert(std::string_view id) {
  if (capacity_ == 0) return true;
  if (index_.count(id) != 0) return false;

  if (ids_.size() < capacity_) {
    ids_.emplace_back(id);
    index_.insert(ids_.back());
    return true;
  }

  std::string& slot = ids_[next_];
  index_.erase(slot);
  slot.assign(id);
  index_.insert(slot);
  next_ = (next_ + 1) % capacity_;
  return true;
}

}  // namespace mastotail::filter
