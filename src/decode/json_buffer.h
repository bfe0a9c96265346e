// A reusable input buffer with the zero-filled tail simdjson reads past the
// end of a document.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>

#include <simdjson.h>

namespace mastotail::decode {

class PaddedBuffer {
 public:
  // Copies `text` into the buffer, growing it only when `text` is longer
  // than any text before, and returns a view of the copy.
  std::string_view assign(std::string_view text) {
    reserve(text.size());
    std::memcpy(data_.get(), text.data(), text.size());
    std::memset(data_.get() + text.size(), 0, simdjson::SIMDJSON_PADDING);
    size_ = text.size();
    return {data_.get(), size_};
  }

  char* data() { return data_.get(); }
  size_t size() const { return size_; }

  // Bytes allocated, at least size() + SIMDJSON_PADDING after assign().
  size_t capacity() const { return capacity_; }

 private:
  void reserve(size_t size) {
    size_t needed = size + simdjson::SIMDJSON_PADDING;
    if (needed <= capacity_) return;

    size_t grown = capacity_ * 2 > needed ? capacity_ * 2 : needed;
    data_ = std::make_unique_for_overwrite<char[]>(grown);
    capacity_ = grown;
  }

  std::unique_ptr<char[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace mastotail::decode
