#include "app/paste_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace mastotail::app {
namespace {

constexpr const char* kVhostName = "mastotail-paste";
constexpr const char* kProtocolName = "mastotail-paste";

}  // namespace

Status PasteReader::start(net::Loop& loop, int fd) {
  // Static, because lws may read the protocols until the context is gone.
  static const lws_protocols protocols[] = {
      {kProtocolName, &PasteReader::on_lws_callback, 0, 0, 0, nullptr, 0},
      {nullptr, nullptr, 0, 0, 0, nullptr, 0},
  };

  lws_context_creation_info info;
  std::memset(&info, 0, sizeof info);
  info.vhost_name = kVhostName;
  info.port = CONTEXT_PORT_NO_LISTEN_SERVER;
  info.protocols = protocols;
  info.user = this;
  lws_vhost* vhost = lws_create_vhost(loop.context(), &info);
  if (vhost == nullptr) {
    return Error{ErrorKind::kInternal, "cannot watch stdin for a pasted code"};
  }

  // lws closes the descriptor it watches, so it gets a duplicate. A closed
  // stdin cannot be duplicated and counts as closed.
  int duplicate = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
  if (duplicate < 0) {
    closed_ = true;
    return {};
  }

  lws_adopt_desc_t desc;
  std::memset(&desc, 0, sizeof desc);
  desc.vh = vhost;
  desc.type = LWS_ADOPT_RAW_FILE_DESC;
  desc.fd.filefd = duplicate;
  desc.vh_prot_name = kProtocolName;
  if (lws_adopt_descriptor_vhost_via_info(&desc) == nullptr) {
    // Nothing can be pasted then; the caller sees a closed reader.
    ::close(duplicate);
    closed_ = true;
  }
  return {};
}

bool PasteReader::take_line(std::string& line) {
  if (lines_.empty()) return false;
  line = std::move(lines_.front());
  lines_.pop_front();
  return true;
}

int PasteReader::on_lws_callback(lws* wsi, lws_callback_reasons reason,
                                 void* user, void* in, size_t len) {
  auto* reader = static_cast<PasteReader*>(
      wsi ? lws_get_vhost_user(lws_get_vhost(wsi)) : nullptr);
  if (reader == nullptr) {
    return lws_callback_http_dummy(wsi, reason, user, in, len);
  }

  switch (reason) {
    case LWS_CALLBACK_RAW_RX_FILE:
      if (reader->read_available(lws_get_socket_fd(wsi))) return 0;
      reader->finish();
      return -1;

    case LWS_CALLBACK_RAW_CLOSE_FILE:
      reader->finish();
      return 0;

    default:
      return 0;
  }
}

bool PasteReader::read_available(int fd) {
  char buffer[1024];
  ssize_t got = ::read(fd, buffer, sizeof buffer);
  if (got < 0 && (errno == EINTR || errno == EAGAIN)) return true;
  if (got <= 0) return false;

  for (ssize_t i = 0; i < got; ++i) {
    char c = buffer[i];
    if (c == '\n') {
      lines_.push_back(std::move(partial_));
      partial_.clear();
    } else if (partial_.size() < kMaxLine) {
      partial_ += c;
    }
  }
  return true;
}

void PasteReader::finish() {
  if (closed_) return;
  closed_ = true;
  if (!partial_.empty()) lines_.push_back(std::move(partial_));
  partial_.clear();
}

}  // namespace mastotail::app
