#include "render/block.h"

#include "render/markup.h"
#include "util/sanitize.h"

namespace mastotail::render {

void append_handle(const decode::Account& account, std::string& out) {
  const std::string& acct =
      account.acct.empty() ? account.username : account.acct;
  if (acct.empty()) {
    append_styled_literal(Style::kHandle, "(unknown account)", out);
    return;
  }
  begin_style(Style::kHandle, out);
  out += '@';
  append_sanitized_line(acct, out);
  end_style(out);
}

void append_account(const decode::Account& account, std::string& out) {
  const std::string& name =
      account.display_name.empty() ? account.username : account.display_name;
  if (!name.empty()) {
    append_styled(Style::kName, name, out);
    out += ' ';
  }
  append_handle(account, out);
}

}  // namespace mastotail::render
