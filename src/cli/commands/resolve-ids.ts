import { resolve } from 'node:path';
import pino from 'pino';
import { configDirFrom, readEnv } from '../../config/env.js';
import { loadConfig } from '../../config/load-config.js';
import type { Org, Person } from '../../config/org-schema.js';
import { createLarkClient } from '../../lark/client.js';
import { LARK_DEADLINE_MS, withLark } from '../../lark/lark-failure.js';
import { resolveEmails } from '../../lark/resolve-emails.js';
import { parseArgs, stringFlag } from '../args.js';
import { type CliCommand, EXIT_FAILURE, EXIT_OK, UsageError } from '../command.js';

/**
 * `duban resolve-ids`: org.yaml may name people by email only; @-mentions in text messages and
 * permission checks need open_ids. This asks Lark for them and prints what to paste into org.yaml.
 * When Lark cannot be asked (credentials refused, host unreachable, no answer within
 * `deadlineMs`) it says so in one line and exits 1.
 */
export function createResolveIdsCommand(options: { deadlineMs?: number } = {}): CliCommand {
  const deadlineMs = options.deadlineMs ?? LARK_DEADLINE_MS;
  return {
    name: 'resolve-ids',
    usage: 'resolve-ids [--dir DIR]',
    summary: "look up the open_ids of org.yaml's people who have only an email (needs the Lark app)",
    async run(argv, io) {
      const args = parseArgs(argv, { valued: ['dir'] });
      if (args.positional.length > 0) throw new UsageError('usage: duban resolve-ids [--dir DIR]');
      const env = readEnv(io.env);
      if (!env.larkAppId || !env.larkAppSecret) {
        throw new UsageError(
          'needs the Lark app: set LARK_APP_ID and LARK_APP_SECRET (and LARK_DOMAIN for Lark)',
        );
      }
      const config = await loadConfig(resolve(io.cwd, stringFlag(args, 'dir') ?? configDirFrom(io.env)));
      const wanted = peopleWithoutOpenId(config.org);
      if (wanted.length === 0) {
        io.out('every person in org.yaml already has an open_id\n');
        return EXIT_OK;
      }
      const client = createLarkClient({
        appId: env.larkAppId,
        appSecret: env.larkAppSecret,
        domain: env.larkDomain,
        // The SDK logs every failed request as a JSON record; the failure line says it all, so its
        // log stays quiet unless LOG_LEVEL asks for it.
        logger: pino({ level: io.env.LOG_LEVEL ? env.logLevel : 'silent' }, pino.destination(2)),
      });
      const emails = [...new Set(wanted.map((w) => w.email))];
      const found = await withLark(env.larkDomain, () => resolveEmails(client, emails), deadlineMs);
      let missing = 0;
      io.out('# open_ids to add to org.yaml:\n');
      for (const { where, person, email } of wanted) {
        const openId = found.get(email);
        if (!openId) missing++;
        io.out(
          openId
            ? `${where}: { name: ${person.name}, open_id: ${openId}, email: ${email} }\n`
            : `${where}: ${person.name} <${email}> — Lark knows no user with this email (or the person is outside the app's 通讯录权限范围)\n`,
        );
      }
      return missing > 0 ? EXIT_FAILURE : EXIT_OK;
    },
  };
}

export const resolveIdsCommand = createResolveIdsCommand();

interface Wanted {
  /** YAML path, so the admin knows where to paste. */
  where: string;
  person: Person;
  email: string;
}

function peopleWithoutOpenId(org: Org): Wanted[] {
  const out: Wanted[] = [];
  const add = (where: string, person: Person | undefined) => {
    if (person && !person.open_id && person.email) out.push({ where, person, email: person.email });
  };
  org.sections.forEach((s, i) => {
    add(`sections[${i}].head`, s.head);
    s.deputies.forEach((d, j) => {
      add(`sections[${i}].deputies[${j}]`, d);
    });
    add(`sections[${i}].leader`, s.leader);
  });
  return out;
}
