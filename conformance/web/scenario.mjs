// What the Node scripts share: key=value arguments, one line per step on stdout, and a bound on the
// whole run so that a client that hears nothing ends instead of hanging the build.

const DEFAULT_TIMEOUT_MS = 60_000;

export function parseArgs(argv) {
  const args = {};
  for (const arg of argv) {
    const eq = arg.indexOf("=");
    if (eq <= 0) fail(`argument must be key=value: ${arg}`);
    args[arg.slice(0, eq)] = arg.slice(eq + 1);
  }
  const timeout = Number(args.timeout_ms ?? DEFAULT_TIMEOUT_MS);
  setTimeout(() => fail(`no end after ${timeout} ms`), timeout);
  return args;
}

export function report(line) {
  process.stdout.write(`${line}\n`);
}

export function fail(reason) {
  report(`ERROR ${String(reason).replace(/\s+/g, " ")}`);
  process.exit(1);
}
