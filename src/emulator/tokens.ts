import { randomBytes } from 'node:crypto';

/** Tenant access tokens the stand-in issued, with their expiry on the stand-in's clock. */
export class TokenBook {
  private readonly tokens = new Map<string, { expiresAt: number; revoked: boolean }>();

  constructor(
    private readonly now: () => number,
    private readonly ttlSeconds: number,
  ) {}

  issue(): { token: string; expireSeconds: number } {
    const token = `t-${randomBytes(20).toString('hex')}`;
    this.tokens.set(token, { expiresAt: this.now() + this.ttlSeconds * 1000, revoked: false });
    return { token, expireSeconds: this.ttlSeconds };
  }

  isValid(token: string): boolean {
    const entry = this.tokens.get(token);
    return entry !== undefined && !entry.revoked && entry.expiresAt > this.now();
  }

  /** Every token issued so far, so tests can assert none of them reached a log. */
  issued(): string[] {
    return [...this.tokens.keys()];
  }

  revokeAll(): void {
    for (const entry of this.tokens.values()) entry.revoked = true;
  }
}
