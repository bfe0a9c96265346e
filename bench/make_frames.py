#!/usr/bin/env python3
"""Write a deterministic set of Mastodon streaming frames for the load server.

Each output line is "OFFSETS<TAB>FRAME". FRAME is one WebSocket text message
as Mastodon 4.x sends it: {"stream":[...],"event":"...","payload":"..."}
with the payload JSON encoded inside a string, non-ASCII unescaped. OFFSETS
lists the byte offsets (comma-separated) of the 18-digit ids in FRAME that
identify the event for deduplication: the status id of update and
status.update, the notification id, the deleted id. The load server writes a
fresh number there on every send, so a cycled corpus never repeats an event.

The mix is statuses (1 to 10 KiB per frame) with HTML (paragraphs, links,
mentions, hashtags, entities, non-ASCII), media attachments, polls, content
warnings and boosts, on public, hashtag and home streams. Edits, deletes and
notifications (mention, favourite, reblog, follow) complete it.

Usage: make_frames.py OUTPUT [--count N] [--seed S]
"""

import argparse
import json
import random

ID_PLACEHOLDER = "1" + "0" * 17  # 18 digits, overwritten by the server
WORDS = (
    "the a federated timeline post today coffee café 日本語 emoji 🎉 "
    "weather release notes rust python open source community garden "
    "music photo walk train station library conference talk slides "
    "Straße naïve résumé über mañana Ελληνικά русский текст"
).split()
TAGS = ["rust", "python", "photography", "Café", "日本語", "fediverse"]
HOSTS = ["mastodon.example", "social.example.org", "toot.example.net"]


def snowflake(rng):
    return str(rng.randrange(10**17, 10**18))


def sentence(rng, words):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text.capitalize() + rng.choice([".", "!", "?", " &amp; more."])


def link_html(rng):
    host = rng.choice(HOSTS)
    path = "/".join(rng.choice(WORDS[:20]) for _ in range(3))
    return (
        f'<a href="https://{host}/{path}" target="_blank" '
        f'rel="nofollow noopener noreferrer" translate="no">'
        f'<span class="invisible">https://</span>'
        f'<span class="ellipsis">{host}/{path[:20]}</span>'
        f'<span class="invisible">{path[20:]}</span></a>'
    )


def mention_html(rng, account):
    return (
        f'<span class="h-card" translate="no"><a href="{account["url"]}" '
        f'class="u-url mention">@<span>{account["username"]}</span></a>'
        f"</span>"
    )


def hashtag_html(rng, tag):
    host = rng.choice(HOSTS)
    return (
        f'<a href="https://{host}/tags/{tag}" class="mention hashtag" '
        f'rel="tag">#<span>{tag}</span></a>'
    )


def content_html(rng, target_bytes, mentioned, tags):
    paragraphs = []
    size = 0
    while size < target_bytes:
        parts = [sentence(rng, rng.randint(5, 25))]
        if mentioned and rng.random() < 0.4:
            parts.insert(0, mention_html(rng, rng.choice(mentioned)))
        if rng.random() < 0.3:
            parts.append(link_html(rng))
        if tags and rng.random() < 0.5:
            parts.append(" ".join(hashtag_html(rng, t) for t in tags))
        if rng.random() < 0.2:
            parts.append("<br />" + sentence(rng, rng.randint(3, 12)))
        paragraph = "<p>" + " ".join(parts) + "</p>"
        paragraphs.append(paragraph)
        size += len(paragraph.encode())
    return "".join(paragraphs)


def account(rng, lean=False):
    host = rng.choice(HOSTS)
    username = rng.choice(["alice", "bob", "carol", "dana", "émile", "yuki"])
    username += str(rng.randint(1, 999))
    acct = {
        "id": snowflake(rng),
        "username": username,
        "acct": f"{username}@{host}",
        "display_name": f"{username.capitalize()} :blobcat:",
        "locked": False,
        "bot": rng.random() < 0.05,
        "discoverable": True,
        "group": False,
        "created_at": "2023-04-01T00:00:00.000Z",
        "note": "" if lean else "<p>" + sentence(rng, 12) + "</p>",
        "url": f"https://{host}/@{username}",
        "uri": f"https://{host}/users/{username}",
        "avatar": f"https://{host}/system/accounts/avatars/{username}.png",
        "avatar_static": f"https://{host}/system/accounts/avatars/{username}.png",
        "header": f"https://{host}/system/accounts/headers/{username}.png",
        "header_static": f"https://{host}/system/accounts/headers/{username}.png",
        "followers_count": rng.randint(0, 5000),
        "following_count": rng.randint(0, 900),
        "statuses_count": rng.randint(1, 40000),
        "last_status_at": "2026-12-04",
        "emojis": [],
        "fields": [],
    }
    if not lean:
        acct["emojis"] = [
            {
                "shortcode": "blobcat",
                "url": f"https://{host}/emoji/blobcat.png",
                "static_url": f"https://{host}/emoji/blobcat_static.png",
                "visible_in_picker": True,
            }
        ]
        acct["fields"] = [
            {"name": "Web", "value": link_html(rng), "verified_at": None}
        ]
    else:
        # The smallest account servers send: the fields a client needs.
        keep = ("id", "username", "acct", "display_name", "url", "avatar",
                "bot", "emojis")
        acct = {key: acct[key] for key in keep}
    return acct


def media(rng, host):
    media_id = snowflake(rng)
    kind = rng.choice(["image", "image", "image", "video", "gifv"])
    base = f"https://{host}/system/media_attachments/files/{media_id}"
    return {
        "id": media_id,
        "type": kind,
        "url": f"{base}/original/a1b2c3d4.jpg",
        "preview_url": f"{base}/small/a1b2c3d4.jpg",
        "remote_url": None,
        "preview_remote_url": None,
        "text_url": None,
        "meta": {
            "original": {"width": 1600, "height": 1200, "size": "1600x1200",
                         "aspect": 1.3333333333333333},
            "small": {"width": 640, "height": 480, "size": "640x480",
                      "aspect": 1.3333333333333333},
            "focus": {"x": 0, "y": 0},
        },
        "description": sentence(rng, rng.randint(4, 30))
        if rng.random() < 0.8
        else None,
        "blurhash": "UGC~-#M{0JfkNFofR%M{IURj%Mt7E0oM%MR*",
    }


def poll(rng):
    options = [
        {"title": sentence(rng, rng.randint(1, 4)), "votes_count": rng.randint(0, 90)}
        for _ in range(rng.randint(2, 4))
    ]
    votes = sum(o["votes_count"] for o in options)
    return {
        "id": str(rng.randint(1, 99999)),
        "expires_at": "2026-12-05T13:58:07.715Z",
        "expired": False,
        "multiple": rng.random() < 0.3,
        "votes_count": votes,
        "voters_count": votes,
        "voted": False,
        "own_votes": [],
        "options": options,
        "emojis": [],
    }


def status(rng, target_bytes, with_media=False, with_poll=False, edited=False):
    author = account(rng, lean=target_bytes < 160)
    host = author["acct"].split("@")[1]
    tags = rng.sample(TAGS, rng.randint(0, 3))
    mentioned = [account(rng, lean=True) for _ in range(rng.randint(0, 2))]
    status_id = ID_PLACEHOLDER
    spoiler = sentence(rng, 4) if rng.random() < 0.1 else ""
    return {
        "id": status_id,
        "created_at": "2026-12-04T17:08:39.822Z",
        "in_reply_to_id": snowflake(rng) if rng.random() < 0.2 else None,
        "in_reply_to_account_id": None,
        "sensitive": bool(spoiler),
        "spoiler_text": spoiler,
        "visibility": "public",
        "language": rng.choice(["en", "de", "ja", "fr"]),
        "uri": f"https://{host}/users/{author['username']}/statuses/x",
        "url": f"https://{host}/@{author['username']}/x",
        "replies_count": rng.randint(0, 20),
        "reblogs_count": rng.randint(0, 50),
        "favourites_count": rng.randint(0, 200),
        "edited_at": "2026-12-04T17:10:00.000Z" if edited else None,
        "content": content_html(rng, max(40, target_bytes), mentioned, tags),
        "reblog": None,
        "application": {"name": "Web", "website": None},
        "account": author,
        "media_attachments": [media(rng, host) for _ in range(rng.randint(1, 4))]
        if with_media
        else [],
        "mentions": [
            {"id": m["id"], "username": m["username"], "url": m["url"],
             "acct": m["acct"]}
            for m in mentioned
        ],
        "tags": [{"name": t, "url": f"https://{host}/tags/{t}"} for t in tags],
        "emojis": [],
        "card": None,
        "poll": poll(rng) if with_poll else None,
        "filtered": [],
    }


def envelope(stream, event, payload_text):
    frame = json.dumps(
        {"stream": stream, "event": event, "payload": payload_text},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return frame


def encode(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def id_offsets(frame, count):
    """Byte offsets of the first `count` placeholder ids in the UTF-8 frame."""
    data = frame.encode()
    offsets = []
    start = 0
    for _ in range(count):
        at = data.index(ID_PLACEHOLDER.encode(), start)
        offsets.append(at)
        start = at + len(ID_PLACEHOLDER)
    return offsets


def content_target(rng):
    # Bytes of HTML content: mostly short posts and a long tail of long ones.
    return int(min(3200, rng.paretovariate(1.1) * 100))


def one_frame(rng):
    roll = rng.random()
    stream = rng.choice([["public"], ["public"], ["hashtag", "rust"], ["user"]])
    if roll < 0.62:
        s = status(rng, content_target(rng), with_media=rng.random() < 0.25,
                   with_poll=rng.random() < 0.08)
        if rng.random() < 0.15:
            inner = s
            inner["id"] = snowflake(rng)
            s = status(rng, 0)
            s["content"] = ""
            s["reblog"] = inner
        frame = envelope(stream, "update", encode(s))
        return frame, id_offsets(frame, 1)
    if roll < 0.67:
        s = status(rng, content_target(rng), edited=True)
        frame = envelope(stream, "status.update", encode(s))
        return frame, id_offsets(frame, 1)
    if roll < 0.82:
        frame = envelope(stream, "delete", ID_PLACEHOLDER)
        return frame, id_offsets(frame, 1)
    kind = rng.choice(["mention", "favourite", "reblog", "follow"])
    notification = {
        "id": ID_PLACEHOLDER,
        "type": kind,
        "created_at": "2026-12-04T17:08:40.000Z",
        "group_key": f"ungrouped-{rng.randint(1, 10**9)}",
        "account": account(rng),
    }
    if kind != "follow":
        inner = status(rng, content_target(rng))
        inner["id"] = snowflake(rng)
        notification["status"] = inner
    frame = envelope(["user:notification"], "notification", encode(notification))
    return frame, id_offsets(frame, 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261204)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    with open(args.output, "w", encoding="utf-8", newline="\n") as out:
        for _ in range(args.count):
            frame, offsets = one_frame(rng)
            out.write(",".join(map(str, offsets)) + "\t" + frame + "\n")


if __name__ == "__main__":
    main()
