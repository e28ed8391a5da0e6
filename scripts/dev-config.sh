#!/usr/bin/env bash
# trunk post_build step (scripts/post-build.sh), debug builds only (`make dev`): the demo's config.json,
# so that a person trying the app meets the warnings of CONTRACT 11.2 within a minute: the
# session ends after 60 s without activity, and both warnings show 30 s before an end (the
# culprit simulator's session_lifetime and rotate_refresh_tokens give the lifetime one);
# and a session that signing in again fixes ends under the dialog over the page (11.3).
# Demo recovery links, which the Session Ended box and the mail a logout sends both show.
# Release builds keep static/config.json as shipped.
set -euo pipefail
[ "${TRUNK_PROFILE:-}" = debug ] || exit 0
cd "$TRUNK_STAGING_DIR"
node -e '
const fs = require("fs");
const config = JSON.parse(fs.readFileSync("config.json", "utf8"));
Object.assign(config, {
  idle_timeout_s: 60, warning_s: 30, reauth_in_place: true,
  billing_url: "https://billing.example.com/renew", support_url: "https://support.example.com/",
});
fs.writeFileSync("config.json", JSON.stringify(config, null, 2) + "\n");
'
