#include "http_request.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>

namespace fake {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() &&
         (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX escapes and '+' as a space, as in form-encoded queries.
std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
      continue;
    }
    if (c == '%' && i + 2 < text.size()) {
      int high = hex_value(text[i + 1]);
      int low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += c;
  }
  return out;
}

bool contains_token(std::string_view value, std::string_view token) {
  return lowercase(value).find(token) != std::string::npos;
}

}  // namespace

std::optional<std::string_view> HttpRequest::header(
    std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::string_view HttpRequest::path() const {
  std::string_view view = target;
  return view.substr(0, view.find('?'));
}

std::optional<std::string> HttpRequest::query_param(
    std::string_view name) const {
  auto mark = target.find('?');
  if (mark == std::string::npos) return std::nullopt;

  std::string_view query = std::string_view(target).substr(mark + 1);
  while (!query.empty()) {
    auto end = query.find('&');
    std::string_view pair = query.substr(0, end);
    auto equals = pair.find('=');
    if (percent_decode(pair.substr(0, equals)) == name) {
      if (equals == std::string_view::npos) return std::string();
      return percent_decode(pair.substr(equals + 1));
    }
    if (end == std::string_view::npos) break;
    query.remove_prefix(end + 1);
  }
  return std::nullopt;
}

bool HttpRequest::is_websocket_upgrade() const {
  auto upgrade = header("upgrade");
  return method == "GET" && upgrade && contains_token(*upgrade, "websocket");
}

HttpRequestReader::Status HttpRequestReader::read_from(int fd, int timeout_ms) {
  using Clock = std::chrono::steady_clock;
  auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);

  for (;;) {
    char buffer[16384];
    ssize_t received = recv(fd, buffer, sizeof(buffer), MSG_DONTWAIT);
    if (received > 0) {
      Status status = feed({buffer, static_cast<std::size_t>(received)});
      if (status != Status::kIncomplete) return status;
      continue;
    }
    if (received == 0) return Status::kIncomplete;
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
      return Status::kIncomplete;
    }

    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - Clock::now());
    if (left.count() <= 0) return Status::kIncomplete;
    pollfd waiter{fd, POLLIN, 0};
    poll(&waiter, 1, static_cast<int>(left.count()));
  }
}

HttpRequestReader::Status HttpRequestReader::feed(std::string_view bytes) {
  buffer_.append(bytes);

  if (head_size_ == 0) {
    auto end = buffer_.find("\r\n\r\n");
    if (end == std::string::npos) {
      if (buffer_.size() > kMaxHeadBytes) return Status::kTooLarge;
      return Status::kIncomplete;
    }
    head_size_ = end + 4;
    if (head_size_ > kMaxHeadBytes) return Status::kTooLarge;

    Status status = parse_head();
    if (status != Status::kComplete) return status;
  }

  if (buffer_.size() - head_size_ < content_length_) {
    return Status::kIncomplete;
  }
  request_.body = buffer_.substr(head_size_, content_length_);
  return Status::kComplete;
}

std::string_view HttpRequestReader::head_bytes() const {
  return std::string_view(buffer_).substr(0, head_size_);
}

HttpRequestReader::Status HttpRequestReader::parse_head() {
  std::string_view head = std::string_view(buffer_).substr(0, head_size_ - 4);
  auto line_end = head.find("\r\n");
  std::string_view request_line = head.substr(0, line_end);

  auto first_space = request_line.find(' ');
  auto last_space = request_line.rfind(' ');
  if (first_space == std::string_view::npos || first_space == last_space) {
    return Status::kInvalid;
  }
  request_.method = request_line.substr(0, first_space);
  request_.target =
      request_line.substr(first_space + 1, last_space - first_space - 1);

  while (line_end != std::string_view::npos) {
    head.remove_prefix(line_end + 2);
    line_end = head.find("\r\n");
    std::string_view line = head.substr(0, line_end);
    auto colon = line.find(':');
    if (colon == std::string_view::npos) return Status::kInvalid;
    request_.headers.emplace_back(lowercase(trim(line.substr(0, colon))),
                                  std::string(trim(line.substr(colon + 1))));
  }

  if (auto length = request_.header("content-length")) {
    auto [end, error] = std::from_chars(
        length->data(), length->data() + length->size(), content_length_);
    if (error != std::errc() || end != length->data() + length->size()) {
      return Status::kInvalid;
    }
    if (content_length_ > kMaxBodyBytes) return Status::kTooLarge;
  }
  return Status::kComplete;
}

}  // namespace fake
