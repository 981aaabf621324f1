// Bounded reads of CERT / KEY / --pfx / passphrase files and of stdin (`-`).
//
// At most MAX_INPUT + 1 bytes are ever read, whatever the file: a 100 MB file, /dev/zero or an
// endless pipe costs 1 MiB, and the core then answers `InputTooLarge` (it refuses any field over
// 1 MiB) in the provider's words, exactly as for a large paste in the browser.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { CliError } from "./output.js";

/** The core's limit per field (SPEC "Finding kinds": InputTooLarge, over 1 MiB). */
export const MAX_INPUT = 1024 * 1024;

const REASONS = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory, not a file",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "the name is too long",
  ENOTDIR: "a part of the path is not a directory",
  EIO: "input/output error",
  ENXIO: "no such device",
  EBADF: "it is closed",
  EAGAIN: "it would block",
};

/** "no such file", "permission denied", … for an fs error (never the raw message or a stack). */
export function reason(e) {
  return REASONS[e?.code] ?? (e?.code ? e.code : "cannot be read");
}

function readBounded(fd, limit) {
  const chunks = [];
  let total = 0;
  const buffer = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    let n;
    try {
      n = readSync(fd, buffer, 0, Math.min(buffer.length, limit - total), null);
    } catch (e) {
      if (e.code === "EAGAIN") {
        // A non-blocking pipe with nothing in it yet: wait a moment (Atomics.wait sleeps the thread).
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if (e.code === "EOF") break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, n)));
    total += n;
    if (total >= limit) break;
  }
  return Buffer.concat(chunks, total);
}

let stdinTaken = null;

/**
 * The bytes of `spec` (a path, or "-" for stdin), at most `limit` bytes (MAX_INPUT + 1 by default:
 * one byte over is how the core learns the input is too large). `what` names it in messages
 * ("CERT", "KEY", "--pfx", "--passphrase-file").
 */
export function readBytes(spec, what, limit = MAX_INPUT + 1) {
  if (spec === "-") {
    if (stdinTaken) throw new CliError(`${what} and ${stdinTaken} cannot both be - (stdin is read once)`);
    stdinTaken = what;
    let bytes;
    try {
      bytes = readBounded(0, limit);
    } catch (e) {
      throw new CliError(`cannot read ${what} from stdin: ${reason(e)}`);
    }
    if (bytes.length === 0) throw new CliError(`${what}: nothing on stdin (it is empty or closed)`);
    return bytes;
  }
  let fd;
  try {
    fd = openSync(spec, "r");
  } catch (e) {
    throw new CliError(`cannot read ${what} ${spec}: ${reason(e)}`);
  }
  try {
    if (fstatSync(fd).isDirectory()) throw new CliError(`cannot read ${what} ${spec}: ${REASONS.EISDIR}`);
    return readBounded(fd, limit);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot read ${what} ${spec}: ${reason(e)}`);
  } finally {
    closeSync(fd);
  }
}

/** The text of `spec` (see [readBytes]). */
export function readInput(spec, what, limit = MAX_INPUT + 1) {
  return readBytes(spec, what, limit).toString("utf8");
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A CERT or KEY file as the core takes it: its text when it is text (PEM, or bare base64), its
 * bytes when it is binary (a DER `.der`/`.cer` certificate, a DER key) — decoding those as UTF-8
 * would mangle them. Text = valid UTF-8 with no control character but tab, CR and LF.
 */
export function readCertOrKey(spec, what) {
  const bytes = readBytes(spec, what);
  let text;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return bytes;
  }
  return /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text) ? bytes : text;
}

/** A passphrase from a file (its first line, without the line end) — never from a flag value. */
export function readPassphraseFile(path) {
  const text = readInput(path, "--passphrase-file", 64 * 1024);
  return text.split(/\r?\n/)[0];
}
