// Mints a bearer token the app accepts in development: HS256 with the per-checkout key that
// scripts/lib/dev-auth.sh exports (Auth__SigningKey, "base64:" + key), and the claims
// tools/Onboarding.DevTokens writes (sub, org_id, roles, iat/nbf/exp, issuer, audience).
import { createHmac } from 'node:crypto';

const base64Url = (value) => Buffer.from(value).toString('base64url');

function signingKey(setting) {
  if (!setting) {
    throw new Error('Auth__SigningKey is not set; source scripts/lib/dev-auth.sh and call dev_auth_env.');
  }
  return setting.startsWith('base64:') ? Buffer.from(setting.slice('base64:'.length), 'base64') : Buffer.from(setting, 'utf8');
}

export function mintDevToken({ organizationId, roles = ['org_admin'], subject = 'browser-test', minutes = 15, env = process.env }) {
  const now = Math.floor(Date.now() / 1000);
  const header = base64Url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64Url(JSON.stringify({
    iss: env.Auth__Issuer,
    aud: env.Auth__Audience,
    sub: subject,
    org_id: organizationId,
    roles,
    iat: now,
    nbf: now,
    exp: now + minutes * 60,
  }));
  const signature = createHmac('sha256', signingKey(env.Auth__SigningKey)).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
