// A bounded first-in, first-out set of ids, for printing repeated boosts of
// one status once.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace mastotail::filter {

class RecentIds {
 public:
  // Keeps at most `capacity` ids; 0 keeps none.
  explicit RecentIds(size_t capacity);
  RecentIds(const RecentIds&) = delete;
  RecentIds& operator=(const RecentIds&) = delete;

  // Adds `id` and returns true, or returns false when `id` is among the
  // last `capacity` ids added. When full, drops the oldest id first.
  bool insert(std::string_view id);

 private:
  size_t capacity_;
  size_t next_ = 0;  // slot of ids_ that the next id overwrites when full
  // Reserved up front, so the views in index_ never move.
  std::vector<std::string> ids_;
  std::unordered_set<std::string_view> index_;
};

}  // namespace mastotail::filter
