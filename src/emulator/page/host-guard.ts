import { isIP } from 'node:net';
import type { NextFunction, Request, Response } from 'express';

/** What every local-mode page answers to, whatever HOST says. */
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** HOST values meaning "every interface": the operator shares the page on purpose. */
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

/**
 * Refuses requests whose Host header names anything but this machine, with 403. The page lets
 * anyone speak as anyone, and DNS rebinding would let any web site a local user visits reach it:
 * the attacker's name resolves to 127.0.0.1, the browser treats the page as the attacker's own
 * origin, and only the Host header (the attacker's name) gives it away.
 *
 * Accepted: localhost, 127.0.0.1 and [::1]; `listenHost` when it is a specific name or address;
 * with a wildcard `listenHost` (0.0.0.0, ::) any IP address too, since rebinding needs a DNS name.
 * The port is not compared: the attacker's page must use the server's own port to reach it, and
 * a port forward (ssh -L 8080:…:3000, docker -p 8080:3000) legitimately changes it.
 */
export function hostGuard(listenHost?: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (isAllowedHost(req.headers.host, listenHost)) {
      next();
      return;
    }
    res
      .status(403)
      .type('text/plain; charset=utf-8')
      .send(
        '本地模拟页面只接受以 localhost、127.0.0.1 或 [::1] 访问（或 HOST 所设的地址）。\n' +
          'The local-mode page answers only to localhost, 127.0.0.1 or [::1] (or the address HOST sets): open it as http://localhost:PORT.\n',
      );
  };
}

export function isAllowedHost(hostHeader: string | undefined, listenHost?: string): boolean {
  const name = hostName(hostHeader);
  if (name === undefined) return false;
  if (LOOPBACK_NAMES.has(name)) return true;
  if (listenHost === undefined) return false;
  const listening = listenHost.toLowerCase();
  if (WILDCARDS.has(listening)) return isIP(name.replace(/^\[(.*)\]$/, '$1')) !== 0;
  return name === listening || name === `[${listening}]`;
}

/** `Host` without its port, lowercased: `[::1]:3000` → `[::1]`, `LocalHost:80` → `localhost`. */
function hostName(header: string | undefined): string | undefined {
  const host = header?.trim().toLowerCase();
  if (!host) return undefined;
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/.exec(host);
  return match?.[1];
}
