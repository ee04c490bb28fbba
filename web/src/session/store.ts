// The signed-in token, kept for this tab only (sessionStorage), and whoever listens to its changes.
import { sessionOf, type Session } from "./claims";

const key = "onboarding.token";
const listeners = new Set<(session: Session | undefined) => void>();

export function currentSession(): Session | undefined {
  const token = sessionStorage.getItem(key);
  if (!token) return undefined;
  const session = sessionOf(token);
  if (session.expiresAt !== undefined && session.expiresAt < Date.now()) {
    sessionStorage.removeItem(key);
    return undefined;
  }
  return session;
}

export function signIn(token: string): Session {
  const session = sessionOf(token);
  sessionStorage.setItem(key, token);
  listeners.forEach((listener) => listener(session));
  return session;
}

export function signOut(): void {
  sessionStorage.removeItem(key);
  listeners.forEach((listener) => listener(undefined));
}

export function onSessionChange(listener: (session: Session | undefined) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
