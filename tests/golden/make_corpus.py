#!/usr/bin/env python3
"""Writes the golden corpus, tests/golden/corpus/*.ndjson.

Each line is a Mastodon streaming envelope, {"stream":[...],"event":...,
"payload":"<JSON text as a string>"}, as the server sends it. The content is
invented to cover every case of the text output; edit this script and run
it, then run the golden test with MASTOTAIL_UPDATE_GOLDEN=1 and read every
changed file under expected/ before accepting it.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
HOSTILE_NAME = "\u001b]0;owned\u0007Eve\u202e"
HOSTILE_TEXT = "clear\u001b[2J red\u009b31m end"


def account(username, display_name=None, domain=None, id_=None):
    acct = username if domain is None else f"{username}@{domain}"
    host = domain or "example.social"
    return {
        "id": id_ or username,
        "username": username,
        "acct": acct,
        "display_name": display_name if display_name is not None else username.title(),
        "url": f"https://{host}/@{username}",
        "bot": False,
        "emojis": [],
    }


ALICE = account("alice", "Alice Example", id_="100")
BOB = account("bob", "Bob :blobcat:", "remote.example", id_="200")
CAROL = account("carol", "", id_="300")  # empty display name


def status(id_, content, acct=ALICE, **extra):
    data = {
        "id": id_,
        "created_at": "2026-08-01T13:55:31.396Z",
        "in_reply_to_id": None,
        "in_reply_to_account_id": None,
        "sensitive": False,
        "spoiler_text": "",
        "visibility": "public",
        "language": "en",
        "uri": f"https://example.social/users/{acct['username']}/statuses/{id_}",
        "url": f"https://example.social/@{acct['username']}/{id_}",
        "edited_at": None,
        "content": content,
        "reblog": None,
        "account": acct,
        "media_attachments": [],
        "mentions": [],
        "tags": [],
        "emojis": [],
        "card": None,
        "poll": None,
    }
    data.update(extra)
    return data


def media(type_, description, id_="m1", url=None, remote_url=None):
    return {
        "id": id_,
        "type": type_,
        "url": url if url is not None else f"https://files.example.social/{id_}.bin",
        "preview_url": None,
        "remote_url": remote_url,
        "description": description,
        "blurhash": None,
    }


def filter_result(title, action, context=("home", "public"), expires_at=None):
    f = {"id": "9", "title": title, "context": list(context),
         "expires_at": expires_at, "keywords": []}
    if action is not None:
        f["filter_action"] = action
    return {"filter": f, "keyword_matches": ["spoiler"], "status_matches": None}


def envelope(stream, event, payload):
    env = {"stream": stream, "event": event}
    if payload is not None:
        env["payload"] = payload if isinstance(payload, str) else json.dumps(
            payload, ensure_ascii=False)
    return json.dumps(env, ensure_ascii=False)


def write(name, lines):
    with open(os.path.join(HERE, "corpus", name + ".ndjson"), "w",
              encoding="utf-8") as out:
        for line in lines:
            out.write(line + "\n")


def statuses():
    home = ["user"]
    mention = ('<span class="h-card" translate="no"><a href="https://remote.example/@bob" '
               'class="u-url mention">@<span>bob</span></a></span>')
    hashtag = ('<a href="https://example.social/tags/rust" class="mention hashtag" '
               'rel="tag">#<span>rust</span></a>')
    link = ('<a href="https://example.org/a/very/long/path/to/an/article" target="_blank" '
            'rel="nofollow noopener" translate="no"><span class="invisible">https://</span>'
            '<span class="ellipsis">example.org/a/very/long/pa</span><span class="invisible">'
            'th/to/an/article</span></a>')
    yield envelope(home, "update", status(
        "1001",
        f"<p>Hello {mention}, look at {hashtag} :blobcat: &amp; friends &#39;quoted&#39; "
        f"&quot;double&quot; &#x1F600; &hellip; &lt;tag&gt;</p><p>Second paragraph with "
        f"{link}<br>and a line break.</p>",
        mentions=[{"id": "200", "username": "bob", "acct": "bob@remote.example",
                   "url": "https://remote.example/@bob"}]))
    yield envelope(["public"], "update", status(
        "1002", "<p>Kein Rückblick, nur Vorschau.</p>", acct=CAROL,
        visibility="unlisted", language="de"))
    yield envelope(home, "update", status(
        "1003", f"<p>{mention} I agree.</p>", in_reply_to_id="900",
        in_reply_to_account_id="200",
        mentions=[{"id": "200", "username": "bob", "acct": "bob@remote.example",
                   "url": "https://remote.example/@bob"}]))
    yield envelope(home, "update", status(
        "1004", "<p>Continuing my own thread.</p>", in_reply_to_id="1001",
        in_reply_to_account_id="100"))
    yield envelope(home, "update", status(
        "1005", "<p>Reply to someone not mentioned.</p>", in_reply_to_id="777",
        in_reply_to_account_id="555", visibility="private", language=None))
    original = status("1006", "<p>The boosted post.</p>", acct=BOB,
                      created_at="2026-08-01T10:00:00.000Z")
    yield envelope(home, "update", status(
        "1007", "", acct=CAROL, reblog=original,
        created_at="2026-08-01T14:00:00.000Z", url=None, uri="https://example.social/users/carol/statuses/1007/activity"))
    yield envelope(home, "update", status(
        "1008", "<p>Fixed a typo.</p>", edited_at="2026-08-01T14:30:00.000Z"))
    yield envelope(home, "update", status(
        "1009", "<p>Holiday pictures</p>", sensitive=True,
        media_attachments=[
            media("image", "A beach at sunset, with two dogs running.", "m1"),
            media("video", None, "m2"),
            media("gifv", "", "m3"),
            media("audio", "Birdsong", "m4", url=None,
                  remote_url="https://remote.example/birdsong.mp3"),
        ]))
    yield envelope(home, "update", status(
        "1010", "<p>Which one?</p>",
        poll={"id": "p1", "expires_at": "2026-08-02T10:00:00.000Z", "expired": False,
              "multiple": False, "votes_count": 3, "voters_count": 3,
              "options": [{"title": "Tea", "votes_count": 2},
                          {"title": "Coffee with a long name", "votes_count": 1},
                          {"title": "Neither", "votes_count": 0}],
              "emojis": []}))
    yield envelope(home, "update", status(
        "1011", "<p>Pick all that apply</p>",
        poll={"id": "p2", "expires_at": None, "expired": True, "multiple": True,
              "votes_count": 5, "voters_count": 3,
              "options": [{"title": "Red", "votes_count": 3},
                          {"title": "Blue", "votes_count": 2}],
              "emojis": []}))
    yield envelope(home, "update", status(
        "1012", "<p>Results hidden until the end</p>",
        poll={"id": "p3", "expires_at": "2026-08-03T00:00:00.000Z", "expired": False,
              "multiple": False, "votes_count": None, "voters_count": None,
              "options": [{"title": "Yes", "votes_count": None},
                          {"title": "No", "votes_count": None}],
              "emojis": []}))
    yield envelope(home, "update", status(
        "1013", "<p>Nobody voted yet</p>",
        poll={"id": "p4", "expires_at": "2026-08-03T00:00:00.000Z", "expired": False,
              "multiple": True, "votes_count": 0, "voters_count": 0,
              "options": [{"title": "A", "votes_count": 0},
                          {"title": "B", "votes_count": 0}],
              "emojis": []}))
    yield envelope(home, "update", status(
        "1014", '<p><a href="https://example.org/">https://example.org/</a></p>',
        card={"url": "https://example.org/", "title": "Example Domain",
              "description": "", "type": "link", "provider_name": ""}))
    yield envelope(home, "update", status(
        "1015", "<p>Untitled card</p>",
        card={"url": "https://example.org/untitled", "title": "",
              "description": "", "type": "link"}))
    yield envelope(["hashtag", "日本語"], "update", status(
        "1016",
        "<p>日本語のテキストはスペースなしで長く続くので、端末の幅で正しく折り返されなければなりません。"
        "絵文字🎉も二桁です。</p><p>Mixed 中文 text and emoji 👍🏽 here.</p>",
        language="ja"))
    yield envelope(home, "update", status(
        "1017",
        "<p>Lists:</p><ul><li>first item that is long enough to wrap at forty columns</li>"
        "<li>second<ul><li>nested</li></ul></li></ul>"
        '<ol start="3"><li>three</li><li>four</li></ol>'
        "<blockquote><p>A quoted paragraph that is also long enough to wrap.</p>"
        "<p>Second quoted paragraph.</p></blockquote>"
        "<pre><code>int main() {\n  return 0;\n}</code></pre>"
        "<p>Inline <code>code</code>, <strong>bold</strong>, <em>em</em>, <del>gone</del>.</p>"))
    yield envelope(home, "update", status(
        "1018", '<p>See <a href="https://example.net/page">this page</a> and '
        '<a href="https://example.net/x"></a></p>', visibility="direct"))
    quoted = status("1019", "<p>Original words.</p>", acct=BOB)
    yield envelope(home, "update", status(
        "1020", "<p>Quoting this.</p>",
        quote={"state": "accepted", "quoted_status": quoted}))
    yield envelope(home, "update", status(
        "1021", "<p>Shallow quote.</p>",
        quote={"state": "accepted", "quoted_status_id": "1019"}))
    yield envelope(home, "update", status(
        "1022", "", media_attachments=[media("image", "Only a picture", "m5")]))


def content_warnings():
    home = ["user"]
    yield envelope(home, "update", status(
        "2001", "<p>The butler did it.</p>", spoiler_text="Film spoilers",
        sensitive=True,
        media_attachments=[media("image", "The butler", "m6")],
        poll={"id": "p5", "expires_at": None, "expired": True, "multiple": False,
              "votes_count": 1, "voters_count": 1,
              "options": [{"title": "Shocked", "votes_count": 1}], "emojis": []}))
    yield envelope(home, "update", status(
        "2002", "", acct=CAROL, created_at="2026-08-01T15:00:00.000Z",
        reblog=status("2003", "<p>Boosted spoiler body.</p>", acct=BOB,
                      spoiler_text="Boosted CW")))
    yield envelope(home, "update", status(
        "2004", "<p>No warning, but sensitive media.</p>", sensitive=True,
        media_attachments=[media("image", "Something graphic", "m7")]))


def filters():
    home = ["user"]
    public = ["public"]
    yield envelope(home, "update", status(
        "3001", "<p>hidden by a hide filter</p>",
        filtered=[filter_result("Hidden words", "hide")]))
    yield envelope(home, "update", status(
        "3002", "<p>collapsed behind a warning</p>",
        media_attachments=[media("image", "should not show", "m8")],
        filtered=[filter_result("Spoilers", "warn")]))
    yield envelope(home, "update", status(
        "3003", "<p>media blurred</p>",
        media_attachments=[media("image", "blurred picture", "m9")],
        filtered=[filter_result("No pictures of food", "blur")]))
    yield envelope(home, "update", status(
        "3004", "<p>expired hide filter, shown</p>",
        filtered=[filter_result("Old filter", "hide",
                                expires_at="2026-01-01T00:00:00.000Z")]))
    yield envelope(home, "update", status(
        "3005", "<p>hide filter for notifications only, shown on home</p>",
        filtered=[filter_result("Notifications only", "hide",
                                context=("notifications",))]))
    yield envelope(public, "update", status(
        "3006", "<p>public stream, action missing counts as warn</p>",
        filtered=[filter_result("No action", None)]))
    yield envelope(public, "update", status(
        "3007", "<p>unknown action counts as warn</p>",
        filtered=[filter_result("Future action", "mute")]))
    yield envelope(home, "update", status(
        "3008", "", acct=CAROL,
        reblog=status("3009", "<p>boosted and hidden</p>", acct=BOB,
                      filtered=[filter_result("Hide boosts", "hide")])))
    yield envelope(public, "update", status(
        "3010", "<p>public, empty filtered array</p>", filtered=[]))
    yield envelope(home, "update", status(
        "3011", "<p>warn and blur: warn wins</p>",
        filtered=[filter_result("Blur", "blur"),
                  filter_result("Warn A", "warn"),
                  filter_result("Warn B", "warn")]))
    yield envelope(public, "update", status(
        "3012", "<p>hide filter for the home context, but on a public stream</p>",
        filtered=[filter_result("Home only", "hide", context=("home",))]))


def notification(id_, type_, acct=BOB, **extra):
    data = {"id": id_, "type": type_, "created_at": "2026-08-01T16:00:00.000Z",
            "group_key": f"ungrouped-{id_}", "account": acct}
    data.update(extra)
    return data


def notifications():
    stream = ["user:notification"]
    mine = status("4000", "<p>My post.</p>")
    mentioning = status("4001", '<p><span class="h-card"><a href="https://example.social/@alice" '
                        'class="u-url mention">@<span>alice</span></a></span> hi!</p>',
                        acct=BOB)
    yield envelope(stream, "notification", notification("1", "mention", status=mentioning))
    yield envelope(stream, "notification", notification("2", "status", status=status("4002", "<p>New post.</p>", acct=BOB)))
    yield envelope(stream, "notification", notification("3", "reblog", status=mine))
    yield envelope(stream, "notification", notification("4", "favourite", status=mine))
    yield envelope(stream, "notification", notification("5", "follow"))
    yield envelope(stream, "notification", notification("6", "follow_request", acct=CAROL))
    yield envelope(stream, "notification", notification(
        "7", "poll", acct=ALICE, status=status("4003", "<p>Poll over</p>", poll={
            "id": "p6", "expires_at": "2026-08-01T15:00:00.000Z", "expired": True,
            "multiple": False, "votes_count": 4, "voters_count": 4,
            "options": [{"title": "Yes", "votes_count": 3}, {"title": "No", "votes_count": 1}],
            "emojis": []})))
    yield envelope(stream, "notification", notification(
        "8", "update", status=status("4004", "<p>Edited post.</p>", acct=BOB,
                                     edited_at="2026-08-01T15:59:00.000Z")))
    yield envelope(stream, "notification", notification("9", "admin.sign_up", acct=CAROL))
    yield envelope(stream, "notification", notification(
        "10", "admin.report",
        report={"id": "r1", "category": "spam", "comment": "Selling things",
                "forwarded": False, "created_at": "2026-08-01T15:00:00.000Z",
                "status_ids": ["4005"], "rule_ids": None, "target_account": CAROL}))
    yield envelope(stream, "notification", notification(
        "11", "severed_relationships", acct=ALICE,
        event={"id": "e1", "type": "domain_block", "purged": False,
               "target_name": "bad.example", "followers_count": 2,
               "following_count": 5, "created_at": "2026-08-01T15:00:00.000Z"}))
    yield envelope(stream, "notification", notification(
        "12", "moderation_warning", acct=ALICE,
        moderation_warning={"id": "w1", "action": "sensitive",
                            "text": "Please mark media as sensitive.",
                            "status_ids": None, "target_account": ALICE,
                            "appeal": None}))
    yield envelope(stream, "notification", notification(
        "13", "quote", status=status("4006", "<p>Quoting you.</p>", acct=BOB,
                                     quote={"state": "accepted", "quoted_status": mine})))
    yield envelope(stream, "notification", notification(
        "14", "quoted_update", status=status("4007", "<p>Edited quote.</p>", acct=BOB)))
    yield envelope(stream, "notification", notification(
        "15", "pleroma:emoji_reaction", status=mine, emoji="🔥"))
    yield envelope(stream, "notification", notification(
        "16", "favourite", status=status(
            "4008", "<p>hidden in notifications</p>",
            filtered=[filter_result("No notifications", "hide",
                                    context=("notifications",))])))
    yield envelope(stream, "notification", notification("17", "follow", acct=CAROL, created_at=None))


def events():
    yield envelope(["user"], "status.update", status(
        "5001", "<p>Now with more words.</p>", edited_at="2026-08-01T17:00:00.000Z"))
    yield envelope(["user"], "delete", "5002")
    yield envelope(["public:local"], "delete", "109876543210987654")
    yield envelope(["direct"], "conversation", {
        "id": "c1", "unread": True, "accounts": [BOB, CAROL],
        "last_status": status("5003", "<p>Secret plans.</p>", acct=BOB,
                              visibility="direct")})
    yield envelope(["direct"], "conversation", {
        "id": "c2", "unread": False, "accounts": [], "last_status": None})
    yield envelope(["user"], "announcement", {
        "id": "a1", "content": "<p>Maintenance on <strong>Saturday</strong>.</p>",
        "starts_at": "2026-08-08T08:00:00.000Z", "ends_at": "2026-08-08T10:00:00.000Z",
        "all_day": False, "published_at": "2026-08-01T12:00:00.000Z",
        "updated_at": "2026-08-01T12:30:00.000Z", "mentions": [], "statuses": [],
        "tags": [], "emojis": [],
        "reactions": [{"name": "👍", "count": 3}, {"name": "blobcat", "count": 1,
                                                   "url": "https://x/e.png"}]})
    yield envelope(["user"], "announcement.reaction",
                   {"name": "🤔", "count": 1, "announcement_id": "a1"})
    yield envelope(["user"], "announcement.reaction",
                   {"name": "🤔", "count": 0, "announcement_id": "a1"})
    yield envelope(["user"], "announcement.delete", "a1")
    yield envelope(["user"], "filters_changed", None)
    yield envelope(["user:notification"], "notifications_merged", "1")
    yield envelope(["user"], "pleroma:chat_update", {"id": "x"})
    yield envelope(["user"], "encrypted_message", {"id": "y"})
    yield envelope(["user"], "update", "not json at all")
    yield envelope(["user"], "update", {"id": 6001, "content": 5, "account": None,
                                        "media_attachments": {"wrong": "type"},
                                        "poll": "nope", "created_at": 12})


def hostile():
    home = ["user"]
    evil = account("eve", HOSTILE_NAME, "evil.example\u001b[31m", id_="666")
    yield envelope(home, "update", status(
        "6001", f"<p>{HOSTILE_TEXT}</p><p>bidi \u202eesrever\u202c and \u2066isolate\u2069</p>",
        acct=evil, spoiler_text="", language="en\u001b[5m",
        visibility="unlisted\u0007",
        url="https://evil.example/@eve/6001\u001b]8;;https://phish.example\u0007",
        media_attachments=[media("image\u001b[1m", "alt \u001b[2J text\u009b31m", "m10",
                                 url="https://evil.example/m.png\u001b[0m")],
        poll={"id": "p7", "expires_at": None, "expired": True, "multiple": False,
              "votes_count": 1, "voters_count": 1,
              "options": [{"title": "opt\u001b[2J\u202e", "votes_count": 1}],
              "emojis": []},
        card={"url": "https://evil.example/card", "title": "card\u001b]0;title\u0007",
              "description": "", "type": "link"}))
    yield envelope(home, "update", status(
        "6002", "<p>warned</p>", acct=evil,
        spoiler_text="cw\u001b[2J\u009b31m\u202e"))
    yield envelope(home, "update", status(
        "6003", "<p>filtered</p>", acct=evil,
        filtered=[filter_result("title\u001b[2J\u202e", "warn")]))
    yield envelope(["user:notification"], "notification", notification(
        "60", "pleroma:evil\u001b[2J", acct=evil))
    yield envelope(["user"], "delete", "6004\u001b[2J\u202e")
    yield envelope(["user"], "announcement", {
        "id": "a2", "content": "<p>ann\u001b[2J</p>", "published_at": "2026-08-01T12:00:00.000Z",
        "updated_at": "2026-08-01T12:00:00.000Z", "all_day": False,
        "reactions": [{"name": "x\u001b[2J", "count": 1}]})
    nested = "<div>" * 100 + "deep" + "</div>" * 100
    yield envelope(home, "update", status("6005", "<p>before</p>" + nested, acct=ALICE))
    yield envelope(home, "update", status(
        "6006", "<p>unclosed <b>bold <i>italic <a href='https://x.example/'>link", acct=ALICE))
    yield envelope(home, "update", status(
        "6007", "<script>alert(1)</script><style>p{}</style><p>after script\u0000</p>"
        "<img src='x' alt=':custom_emoji:'> <img src='y'>", acct=ALICE))


def main():
    os.makedirs(os.path.join(HERE, "corpus"), exist_ok=True)
    write("statuses", statuses())
    write("content-warnings", content_warnings())
    write("filters", filters())
    write("notifications", notifications())
    write("events", events())
    write("hostile", hostile())


if __name__ == "__main__":
    main()
