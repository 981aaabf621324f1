// Everything the command line prints goes through here: the colour decision, the secret filter and
// the handling of a closed stdout (`cert-preflight scan … | head`).
import { writeSync } from "node:fs";
import { isatty } from "node:tty";
//
// Colour (reference/AUTOMATION.md, clig.dev): off with --no-color; else forced by FORCE_COLOR (any
// value but "" / "0" / "false", and it wins over NO_COLOR); else off with a non-empty NO_COLOR;
// else on when the stream is a TTY (and TERM is not "dumb").

/** A failure of the command line itself: a one-line message and the exit code (2 unless said). */
export class CliError extends Error {
  constructor(message, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** Whether to colour what goes to file descriptor `fd` (1 stdout, 2 stderr). */
export function colorEnabled(fd, noColorFlag = false, env = process.env) {
  if (noColorFlag) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "") return !(force === "0" || force === "false");
  if (env.NO_COLOR) return false;
  return isTTY(fd) && env.TERM !== "dumb";
}

export function isTTY(fd) {
  return isatty(fd);
}

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] };

/** `paint.red("x")` etc.; identity functions when colour is off. */
export function painter(on) {
  const paint = {};
  for (const [name, [open, close]] of Object.entries(CODES)) {
    paint[name] = on ? (s) => `\x1b[${open}m${s}\x1b[${close}m` : (s) => String(s);
  }
  return paint;
}

// ---- The secret filter ------------------------------------------------------------------------
// Every secret the process learns (credentials, passphrases, the private key's text) is registered
// here, and every byte written to stdout or stderr is passed through `clean`: a bug elsewhere can
// garble a line, but not print a secret. PEM and percent-encoded private-key blocks are cut as well.

const secrets = new Set();

/** Registers a value that must never be printed (ignored when shorter than 6 characters). */
export function registerSecret(value) {
  if (typeof value !== "string" || value.length < 6) return;
  secrets.add(value);
  secrets.add(encodeURIComponent(value));
  // PEM text: every base64 line on its own, too (a key converted or re-wrapped keeps most of them).
  if (value.includes("-----BEGIN")) {
    for (const line of value.split(/\r?\n/)) if (line.length >= 16 && !line.startsWith("-----")) secrets.add(line.trim());
  }
}

const PEM_KEY = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
const PEM_KEY_ENCODED = /-----BEGIN(%20|\+)([A-Z0-9]+(%20|\+))*PRIVATE(%20|\+)KEY-----[\s\S]*?(-----END(%20|\+)([A-Z0-9]+(%20|\+))*PRIVATE(%20|\+)KEY-----|$)/g;

export function clean(text) {
  let s = String(text);
  if (s.includes("PRIVATE")) {
    s = s.replace(PEM_KEY, "[private key redacted]").replace(PEM_KEY_ENCODED, "[private key redacted]");
  }
  for (const secret of secrets) if (s.includes(secret)) s = s.split(secret).join("[redacted]");
  return s;
}

// ---- Writing --------------------------------------------------------------------------------
// Straight to the file descriptors with writeSync (process.stdout is never created): a closed pipe
// is an EPIPE thrown right at the write, so `scan … | head -1` stops at once instead of judging
// every remaining pair, and nothing is left in a buffer at exit.

let closedExit = null;

/** Marks the command as finished with `code` (the exit code, also after a later closed pipe). */
export function finished(code) {
  closedExit = code;
  process.exitCode = code;
}

function writeAll(fd, text) {
  const bytes = Buffer.from(clean(text), "utf8");
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (e) {
      if (e.code === "EAGAIN") {
        // A non-blocking pipe that is full: wait for the reader.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
        continue;
      }
      // The reader is gone (`| head`): end quietly — with the command's own code if it had finished,
      // else 2 (its output was cut short). No message: the reader wanted no more.
      if (e.code === "EPIPE") process.exit(closedExit ?? 2);
      throw e;
    }
  }
}

export function out(text) {
  writeAll(1, text);
}

export function err(text) {
  try {
    writeAll(2, text);
  } catch {
    // stderr itself is gone: nothing left to tell.
  }
}
