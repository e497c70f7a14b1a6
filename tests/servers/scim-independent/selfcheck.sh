#!/usr/bin/env bash
# Smoke-test a running independent SCIM peer (started by start.sh) the way a SCIM client would:
# discovery, create users, filter by externalId eq, PATCH, a group with a member, member add/remove,
# delete. Exits non-zero at the first failure.
#   selfcheck.sh STATE_DIR
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 STATE_DIR" >&2
    exit 2
fi
state="$1"
base="$(cat "$state/scim.url")"
token="$(cat "$state/scim.token")"
run="sc$(date +%s)$RANDOM"   # unique names, so the check also passes on a peer that is not empty
body="$(mktemp)"
trap 'rm -f "$body"' EXIT

checks=0
fail() {
    echo "selfcheck: FAIL: $*" >&2
    echo "selfcheck: last response body: $(head -c 2000 "$body")" >&2
    exit 1
}
ok() { checks=$((checks + 1)); echo "ok $checks - $*"; }

# req METHOD PATH [JSON] -> sets $code, response body in $body
req() {
    local args=(-sS -o "$body" -w '%{http_code}' -X "$1" --max-time 10
                -H "Authorization: Bearer $token" -H "Accept: application/scim+json")
    if [[ $# -ge 3 ]]; then
        args+=(-H "Content-Type: application/scim+json" --data-binary "$3")
    fi
    code="$(curl "${args[@]}" "$base$2")" || fail "$1 $2: curl failed"
}
expect() {   # expect CODE WHAT
    [[ "$code" == "$1" ]] || fail "$2: HTTP $code, expected $1"
}
# get EXPR: evaluate a JavaScript expression over the parsed body `b`, print the result
get() {
    node -e '
        const b = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        const v = (0, eval)("(b) => (" + process.argv[2] + ")")(b);
        process.stdout.write(v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));
    ' "$body" "$1"
}
enc() { node -e 'process.stdout.write(encodeURIComponent(process.argv[1]))' "$1"; }

U='"urn:ietf:params:scim:schemas:core:2.0:User"'
EXT='urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
PATCHOP='"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]'

# --- discovery and auth --------------------------------------------------------------------
req GET /ServiceProviderConfig
expect 200 "ServiceProviderConfig"
[[ "$(get 'b.patch.supported')" == "true" ]] || fail "ServiceProviderConfig: patch not supported"
[[ "$(get 'b.authenticationSchemes[0].type')" == "oauthbearertoken" ]] || fail "ServiceProviderConfig: no bearer scheme"
ok "ServiceProviderConfig: patch supported, bearer auth"

req GET /ResourceTypes
expect 200 "ResourceTypes"
[[ "$(get 'b.Resources.map(r => r.endpoint).sort().join(",")')" == "/Groups,/Users" ]] || fail "ResourceTypes: endpoints"
ok "ResourceTypes lists /Users and /Groups"

code="$(curl -sS -o "$body" -w '%{http_code}' -H "Authorization: Bearer wrong-$token" "$base/Users")"
expect 401 "GET /Users with a wrong token"
ok "wrong bearer token -> 401"

# --- users -----------------------------------------------------------------------------------
req POST /Users '{"schemas":['"$U"',"'"$EXT"'"],"userName":"'"$run"'-mgr@example.test","externalId":"'"$run"'-mgr",
  "name":{"givenName":"Mia","familyName":"Manager"},"emails":[{"value":"'"$run"'-mgr@example.test","type":"work","primary":true}],
  "active":true}'
expect 201 "POST /Users (manager)"
mgr="$(get 'b.id')"
[[ -n "$mgr" ]] || fail "POST /Users: no id"
ok "create user (manager) id=$mgr"

req POST /Users '{"schemas":['"$U"',"'"$EXT"'"],"userName":"'"$run"'-amy@example.test","externalId":"'"$run"'-amy",
  "name":{"givenName":"Amy","familyName":"Adams"},"emails":[{"value":"'"$run"'-amy@example.test","type":"work","primary":true}],
  "active":true,"title":"Engineer",
  "'"$EXT"'":{"employeeNumber":"E-1","department":"R&D","manager":{"value":"'"$mgr"'"}}}'
expect 201 "POST /Users (amy)"
amy="$(get 'b.id')"
[[ "$(get 'b["'"$EXT"'"].manager.value')" == "$mgr" ]] || fail "POST /Users: manager.value not stored"
[[ "$(get 'b["'"$EXT"'"].employeeNumber')" == "E-1" ]] || fail "POST /Users: employeeNumber not stored"
ok "create user with enterprise extension id=$amy"

req POST /Users '{"schemas":['"$U"'],"userName":"'"$run"'-amy@example.test","emails":[{"value":"'"$run"'-other@example.test"}]}'
expect 409 "POST /Users duplicate userName"
[[ "$(get 'b.scimType')" == "uniqueness" ]] || fail "duplicate userName: scimType"
ok "duplicate userName -> 409 uniqueness"

req GET "/Users?filter=$(enc "externalId eq \"$run-amy\"")"
expect 200 "GET /Users?filter=externalId eq"
[[ "$(get 'b.totalResults')" == "1" && "$(get 'b.Resources[0].id')" == "$amy" ]] || fail "filter externalId eq: wrong result"
ok "filter externalId eq finds the user"

req GET "/Users?filter=$(enc "externalId eq \"$run-nobody\"")"
expect 200 "GET /Users?filter=externalId eq (no match)"
[[ "$(get 'b.totalResults')" == "0" ]] || fail "filter externalId eq (no match): totalResults"
ok "filter with no match -> totalResults 0"

req PATCH "/Users/$amy" '{'"$PATCHOP"',"Operations":[{"op":"replace","path":"title","value":"Lead Engineer"},
  {"op":"replace","path":"'"$EXT"':department","value":"Platform"}]}'
expect 200 "PATCH /Users replace title"
[[ "$(get 'b.title')" == "Lead Engineer" ]] || fail "PATCH: title not replaced"
[[ "$(get 'b["'"$EXT"'"].department')" == "Platform" ]] || fail "PATCH: department not replaced"
req GET "/Users/$amy"
expect 200 "GET /Users/id after PATCH"
[[ "$(get 'b.title')" == "Lead Engineer" ]] || fail "GET after PATCH: title"
ok "PATCH replace title and enterprise department"

req PATCH "/Users/$amy" '{'"$PATCHOP"',"Operations":[{"op":"replace","path":"active","value":false}]}'
expect 200 "PATCH /Users active=false"
[[ "$(get 'b.active')" == "false" ]] || fail "PATCH: active not false"
ok "PATCH active=false"

# --- groups ----------------------------------------------------------------------------------
req POST /Groups '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"'"$run"'-team",
  "externalId":"'"$run"'-team","members":[{"value":"'"$amy"'"}]}'
expect 201 "POST /Groups"
grp="$(get 'b.id')"
[[ "$(get 'b.members.map(m => m.value).join(",")')" == "$amy" ]] || fail "POST /Groups: members"
ok "create group with a member id=$grp"

req PATCH "/Groups/$grp" '{'"$PATCHOP"',"Operations":[{"op":"add","path":"members","value":[{"value":"'"$mgr"'"}]}]}'
expect 200 "PATCH /Groups add member"
[[ "$(get 'b.members.map(m => m.value).sort().join(",")')" == "$(printf '%s\n' "$amy" "$mgr" | sort | paste -sd,)" ]] \
    || fail "PATCH add member: members"
ok "PATCH add member"

req PATCH "/Groups/$grp" '{'"$PATCHOP"',"Operations":[{"op":"remove","path":"members[value eq \"'"$amy"'\"]"}]}'
expect 200 "PATCH /Groups remove member"
req GET "/Groups/$grp"
expect 200 "GET /Groups/id"
[[ "$(get 'b.members.map(m => m.value).join(",")')" == "$mgr" ]] || fail "PATCH remove member: members"
ok "PATCH remove member (members[value eq \"id\"])"

req GET "/Groups?filter=$(enc "displayName eq \"$run-team\"")"
expect 200 "GET /Groups?filter=displayName eq"
[[ "$(get 'b.totalResults')" == "1" ]] || fail "filter displayName eq: totalResults"
ok "filter group displayName eq"

# --- delete ------------------------------------------------------------------------------------
req DELETE "/Users/$mgr"
expect 204 "DELETE /Users (manager)"
req GET "/Users/$mgr"
expect 404 "GET deleted user"
req GET "/Groups/$grp"
expect 200 "GET group after member deleted"
[[ "$(get 'b.members.length')" == "0" ]] || fail "deleted user still a group member"
ok "DELETE user -> 404, membership dropped"

req DELETE "/Groups/$grp"
expect 204 "DELETE /Groups"
req GET "/Groups/$grp"
expect 404 "GET deleted group"
req DELETE "/Users/$amy"
expect 204 "DELETE /Users (amy)"
ok "DELETE group and remaining user"

echo "selfcheck: $checks passed, 0 failed against $base"
