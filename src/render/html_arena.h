// A bump allocator for gumbo's parse tree, reused from one document to the
// next. gumbo 0.10.1 allocates every node, attribute and text buffer with
// malloc and frees each one in gumbo_destroy_output(). The arena turns
// that into pointer bumps and one reset per document.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <memory>
#include <vector>

namespace mastotail::render {

class HtmlArena {
 public:
  HtmlArena() = default;
  HtmlArena(const HtmlArena&) = delete;
  HtmlArena& operator=(const HtmlArena&) = delete;

  // Sets the allocator, deallocator and userdata of `options` to this
  // arena. A tree parsed with them lives until the next reset(), and must
  // not be passed to gumbo_destroy_output().
  void attach(GumboOptions& options);

  // Releases every block handed out since the last reset. Keeps one chunk
  // of kChunkSize bytes for the next document and frees the rest, so that a
  // large document does not pin its memory.
  void reset();

  // Returns `size` bytes aligned for any type. Throws std::bad_alloc when
  // memory is exhausted, so it never returns null. Through attach(),
  // gumbo's allocations end the program instead.
  void* allocate(size_t size);

  // Bytes handed out since the last reset, for tests.
  size_t used() const { return used_; }

  static constexpr size_t kChunkSize = 64 * 1024;

 private:
  static void* allocate_for_gumbo(void* arena, size_t size);
  static void deallocate_for_gumbo(void* arena, void* block);

  std::vector<std::unique_ptr<std::byte[]>> chunks_;  // kChunkSize each
  std::vector<std::unique_ptr<std::byte[]>> large_;   // one block each
  std::byte* next_ = nullptr;  // the first unused byte of the last chunk
  size_t free_ = 0;            // unused bytes from next_ to the chunk end
  size_t used_ = 0;
};

}  // namespace mastotail::render
