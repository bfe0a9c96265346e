#include "frames.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace bench {
namespace {

constexpr size_t kIdDigits = 18;

bool parse_offsets(const std::string& text, std::vector<size_t>& out) {
  std::istringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    if (item.empty()) continue;
    try {
      out.push_back(std::stoull(item));
    } catch (const std::exception&) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::vector<EncodedFrame> read_frames(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    std::fprintf(stderr, "load_server: cannot open %s\n", path.c_str());
    return {};
  }

  std::vector<EncodedFrame> frames;
  std::string line;
  while (std::getline(file, line)) {
    size_t tab = line.find('\t');
    EncodedFrame frame;
    if (tab == std::string::npos ||
        !parse_offsets(line.substr(0, tab), frame.id_offsets)) {
      std::fprintf(stderr, "load_server: %s:%zu: expected OFFSETS<TAB>FRAME\n",
                   path.c_str(), frames.size() + 1);
      return {};
    }
    std::string_view message(line.data() + tab + 1, line.size() - tab - 1);
    for (size_t offset : frame.id_offsets) {
      if (offset + kIdDigits > message.size()) {
        std::fprintf(stderr, "load_server: %s:%zu: id offset out of range\n",
                     path.c_str(), frames.size() + 1);
        return {};
      }
    }
    frame.bytes.assign(LWS_PRE, 0);
    frame.bytes.insert(frame.bytes.end(), message.begin(), message.end());
    frames.push_back(std::move(frame));
  }
  return frames;
}

void stamp_ids(EncodedFrame& frame, uint64_t sequence) {
  char digits[kIdDigits + 1];
  // 10^17 + sequence keeps 18 digits for any sequence below 9 * 10^17.
  std::snprintf(
      digits, sizeof digits, "%018llu",
      static_cast<unsigned long long>(100000000000000000ull + sequence));
  for (size_t offset : frame.id_offsets) {
    std::copy(digits, digits + kIdDigits, frame.message() + offset);
  }
}

}  // namespace bench
