import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { type AuthConfig, loadConfig } from '../src/core/config/config';
import { signToken } from '../src/features/access/token-verifier';
import { StaffRole } from '../src/features/staff/staff-user.type';
import { reportStartupError } from './cli-errors';

const ROLES = Object.values(StaffRole);
const USAGE = `Usage: npm run token -- --role ${ROLES.join('|')} [--role …] [--user ID] [--login NAME] [--hours H]

Prints a bearer token for trying the API, signed with JWT_SECRET (or the built-in development
secret outside production). --user is the id of a staff User node (the demo data has user-0001 …);
need-to-know rules use it to find the accounts the user is assigned to. Default lifetime: 8 hours.
Not available when the service verifies tokens with JWT_JWKS_URL: the issuer signs those.
`;

interface TokenArguments {
  roles: StaffRole[];
  userId: string;
  login: string | undefined;
  hours: number;
}

function parse(argv: readonly string[]): TokenArguments | string {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      role: { type: 'string', multiple: true },
      user: { type: 'string' },
      login: { type: 'string' },
      hours: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help === true) return USAGE;
  const roles = values.role ?? [];
  const unknown = roles.filter((role) => !ROLES.includes(role as StaffRole));
  if (roles.length === 0 || unknown.length > 0) {
    return `${unknown.length > 0 ? `Unknown role ${unknown.join(', ')}\n` : ''}${USAGE}`;
  }
  const hours = Number(values.hours ?? '8');
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) {
    return `--hours must be a number of hours from 0 to 720\n${USAGE}`;
  }
  return {
    roles: roles as StaffRole[],
    userId: values.user ?? `dev-${roles[0]?.toLowerCase() ?? 'user'}`,
    login: values.login,
    hours,
  };
}

async function main(): Promise<void> {
  let parsed: TokenArguments | string;
  try {
    parsed = parse(process.argv.slice(2));
  } catch (error) {
    parsed = `${error instanceof Error ? error.message : String(error)}\n${USAGE}`;
  }
  if (typeof parsed === 'string') {
    process.stderr.write(parsed);
    process.exitCode = parsed === USAGE ? 0 : 2;
    return;
  }
  let auth: AuthConfig;
  try {
    auth = loadConfig().auth;
  } catch (error) {
    if (reportStartupError(error)) return;
    throw error;
  }
  if (auth.verification.kind !== 'secret') {
    process.stderr.write('JWT_JWKS_URL is set: ask the token issuer for a token instead.\n');
    process.exitCode = 2;
    return;
  }
  const token = await signToken(auth, {
    userId: parsed.userId,
    login: parsed.login,
    roles: parsed.roles,
    expiresInSeconds: Math.round(parsed.hours * 3600),
  });
  process.stdout.write(`${token}\n`);
  if (process.stderr.isTTY) {
    process.stderr.write(
      `\nUse it as a header: Authorization: Bearer <token> (${parsed.roles.join(', ')}, ` +
        `user ${parsed.userId}, valid ${parsed.hours} h)\n`,
    );
  }
}

void main();
