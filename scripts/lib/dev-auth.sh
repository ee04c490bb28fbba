# Local development auth, shared by run.sh and dev-token.sh: one random HS256 key per checkout,
# kept in .dev/signing-key (git-ignored), and the issuer / audience that go with it.

dev_auth_env() {
  local key_file="$repo_root/.dev/signing-key"
  if [ ! -f "$key_file" ]; then
    mkdir -p "$repo_root/.dev"
    node -e 'process.stdout.write(require("crypto").randomBytes(48).toString("base64"))' >"$key_file"
    chmod 600 "$key_file"
  fi
  export Auth__Issuer="onboarding-local-dev"
  export Auth__Audience="onboarding-api"
  Auth__SigningKey="base64:$(cat "$key_file")"
  export Auth__SigningKey
}
