#include "render/html_arena.h"

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <new>

namespace mastotail::render {
namespace {

constexpr size_t kAlignment = alignof(std::max_align_t);

// Blocks larger than this get a chunk of their own, so that a big text
// buffer does not waste the rest of a regular chunk.
constexpr size_t kLargeBlock = HtmlArena::kChunkSize / 4;

size_t round_up(size_t size) {
  if (size == 0) size = 1;
  return (size + kAlignment - 1) & ~(kAlignment - 1);
}

}  // namespace

void HtmlArena::attach(GumboOptions& options) {
  options.allocator = &HtmlArena::allocate_for_gumbo;
  options.deallocator = &HtmlArena::deallocate_for_gumbo;
  options.userdata = this;
}

void HtmlArena::reset() {
  if (chunks_.size() > 1) chunks_.resize(1);
  large_.clear();
  next_ = chunks_.empty() ? nullptr : chunks_.front().get();
  free_ = chunks_.empty() ? 0 : kChunkSize;
  used_ = 0;
}

void* HtmlArena::allocate(size_t size) {
  size = round_up(size);
  used_ += size;
  if (size > kLargeBlock) {
    large_.push_back(std::make_unique_for_overwrite<std::byte[]>(size));
    return large_.back().get();
  }
  if (size > free_) {
    chunks_.push_back(std::make_unique_for_overwrite<std::byte[]>(kChunkSize));
    next_ = chunks_.back().get();
    free_ = kChunkSize;
  }
  void* block = next_;
  next_ += size;
  free_ -= size;
  return block;
}

void* HtmlArena::allocate_for_gumbo(void* arena, size_t size) {
  // An exception must not unwind through gumbo's C frames, and gumbo does
  // not check for a null block either.
  try {
    return static_cast<HtmlArena*>(arena)->allocate(size);
  } catch (const std::bad_alloc&) {
    std::fputs("mastotail: error: out of memory while parsing HTML\n", stderr);
    std::abort();
  }
}

// Blocks are released together by reset().
void HtmlArena::deallocate_for_gumbo(void*, void*) {}

}  // namespace mastotail::render
