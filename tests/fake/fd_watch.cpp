#include "fd_watch.h"

namespace fake {

namespace {

constexpr const char* kProtocolName = "fake-fd-watch";

int fd_watch_callback(lws* wsi, lws_callback_reasons reason, void*, void*,
                      size_t) {
  auto* watcher = static_cast<FdWatcher*>(lws_get_opaque_user_data(wsi));
  if (watcher == nullptr) return 0;

  switch (reason) {
    case LWS_CALLBACK_RAW_RX_FILE:
      return watcher->on_readable() ? 0 : -1;

    case LWS_CALLBACK_RAW_CLOSE_FILE:
      lws_set_opaque_user_data(wsi, nullptr);
      watcher->on_closed();
      return 0;

    default:
      return 0;
  }
}

}  // namespace

const lws_protocols kFdWatchProtocol = {
    kProtocolName, fd_watch_callback, 0, 0, 0, nullptr, 0};

bool watch_fd(lws_vhost* vhost, int fd, FdWatcher* watcher) {
  lws_adopt_desc_t desc{};
  desc.vh = vhost;
  desc.type = LWS_ADOPT_RAW_FILE_DESC;
  desc.fd.filefd = fd;
  desc.vh_prot_name = kProtocolName;
  desc.opaque = watcher;
  return lws_adopt_descriptor_vhost_via_info(&desc) != nullptr;
}

}  // namespace fake
