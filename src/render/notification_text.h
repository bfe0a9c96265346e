// Text blocks of the events other than statuses and deletes.
#pragma once

#include "decode/entities.h"
#include "render/block.h"
#include "render/status_text.h"

namespace mastotail::render {

// Appends a line naming who did what ("Eve @eve favourited your post"),
// any details of the type (report, moderation warning, severed
// relationships), then the status, if any, two columns in and filtered in
// the "notifications" context. Unknown types are shown by their name, with
// the account and status. Returns false, appending nothing, when a "hide"
// filter hides the status.
bool write_notification(const decode::Notification& notification,
                        const StatusContext& context, BlockWriter& block);

// Appends "conversation with ..." and the last status, filtered in the
// "thread" context. Returns false when a "hide" filter hides that status.
bool write_conversation(const decode::Conversation& conversation,
                        const StatusContext& context, BlockWriter& block);

void write_announcement(const decode::Announcement& announcement,
                        BlockWriter& block);

// An announcement.reaction event: `reaction.count` is the new total.
void write_reaction(const decode::Reaction& reaction, BlockWriter& block);

}  // namespace mastotail::render
