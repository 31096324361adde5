import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, type Config } from "../config/config";
import { type Logger } from "../observability/logger";

/** Prefix of a sealed value: `enc:v1:<key id>:<base64 of iv | ciphertext | tag>`. */
const SEALED_PREFIX = "enc:v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A stored secret that cannot be opened: its key is gone, or the value was tampered with. */
export class SecretUnavailableError extends Error {
  override readonly name = "SecretUnavailableError";
}

/** What a sealed value belongs to; bound into the ciphertext, so it cannot be moved elsewhere. */
export interface SecretSlot {
  registryId: string;
  column: string;
}

/**
 * Encrypts registry secrets at rest with AES-256-GCM. Each value gets a fresh 96-bit IV and is
 * bound (as additional authenticated data) to its registry and column. The key id in a sealed
 * value names the key that sealed it, so earlier keys can still open values during a rotation.
 * Nothing here logs or returns a secret in a message.
 */
export class SecretBox {
  private readonly currentId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    this.currentId = keyId(current);
    this.keys.set(this.currentId, current);
    for (const key of previous) if (!this.keys.has(keyId(key))) this.keys.set(keyId(key), key);
  }

  /**
   * The box of the configured key: ENCRYPTION_KEY, or the key file, which is created with mode
   * 0600 (and its directory with 0700) when it does not exist yet.
   */
  static fromConfig(encryption: Config["encryption"], logger: Logger): SecretBox {
    const key = encryption.key ?? readOrCreateKeyFile(encryption.keyFile, logger);
    return new SecretBox(key, encryption.previousKeys);
  }

  /** True for a value this box's format sealed (with any key). */
  static isSealed(value: string): boolean {
    return value.startsWith(SEALED_PREFIX);
  }

  /** Whether a sealed value was sealed with the current key (false: needs re-sealing). */
  isCurrent(value: string): boolean {
    return value.startsWith(`${SEALED_PREFIX}${this.currentId}:`);
  }

  /**
   * The key check value of the current key: an HMAC of a fixed label under the key. Stored, it
   * tells a later start whether it has the same key (see secret-key-check.ts); it reveals
   * nothing of the key.
   */
  keyCheck(): string {
    return keyCheck(this.keys.get(this.currentId)!);
  }

  /** Which of this box's keys a stored key check value is of: the current one, an earlier one, none. */
  keyOfCheck(check: string): "current" | "previous" | null {
    if (check === this.keyCheck()) return "current";
    for (const key of this.keys.values()) if (keyCheck(key) === check) return "previous";
    return null;
  }

  /** Whether a sealed value names a key this box has (plaintext: true). */
  hasKeyOf(stored: string): boolean {
    if (!SecretBox.isSealed(stored)) return true;
    return this.keys.has(stored.slice(SEALED_PREFIX.length).split(":")[0] ?? "");
  }

  /** Encrypts `plaintext` for `slot` with the current key. */
  seal(plaintext: string, slot: SecretSlot): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.keys.get(this.currentId)!, iv);
    cipher.setAAD(aad(slot));
    const body = Buffer.concat([
      cipher.update(plaintext, "utf8"),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return `${SEALED_PREFIX}${this.currentId}:${Buffer.concat([iv, body]).toString("base64")}`;
  }

  /**
   * Decrypts a sealed value. A value without the sealed prefix is a secret stored before
   * encryption existed and is returned as it is (start-up re-seals those).
   */
  open(stored: string, slot: SecretSlot): string {
    if (!SecretBox.isSealed(stored)) return stored;
    const [id, data] = stored.slice(SEALED_PREFIX.length).split(":");
    const key = id === undefined ? undefined : this.keys.get(id);
    if (!key || data === undefined) {
      throw new SecretUnavailableError(
        `The stored ${slot.column} of registry ${slot.registryId} was encrypted with a key this gateway does not have (key id ${id ?? "?"}): set ENCRYPTION_PREVIOUS_KEYS or enter the credentials again.`,
      );
    }
    const raw = Buffer.from(data, "base64");
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(aad(slot));
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      const plain = decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES));
      return Buffer.concat([plain, decipher.final()]).toString("utf8");
    } catch (error) {
      throw new SecretUnavailableError(
        `The stored ${slot.column} of registry ${slot.registryId} does not decrypt (altered or moved); enter the credentials again.`,
        { cause: error },
      );
    }
  }
}

/** First 8 hex digits of the key's SHA-256: names a key without revealing it. */
function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

function keyCheck(key: Buffer): string {
  return createHmac("sha256", key).update("registry-catalog-gateway key check v1").digest("hex");
}

function aad(slot: SecretSlot): Buffer {
  return Buffer.from(`registry-secret:${slot.registryId}:${slot.column}`, "utf8");
}

/** Writes a new random key; when another process won the race, its key is read instead. */
function createKeyFile(file: string, logger: Logger): string {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const text = randomBytes(32).toString("base64");
  try {
    writeFileSync(file, `${text}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return readFileSync(file, "utf8");
    throw new ConfigError(
      `ENCRYPTION_KEY_FILE: cannot create ${file}: ${(error as Error).message}`,
    );
  }
  chmodSync(file, 0o600);
  logger.warn(
    { keyFile: file },
    "created a new encryption key for registry secrets; back it up: without it stored credentials cannot be read",
  );
  return text;
}

function readOrCreateKeyFile(file: string, logger: Logger): Buffer {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new ConfigError(
        `ENCRYPTION_KEY_FILE: cannot read ${file}: ${(error as Error).message}`,
      );
    }
    text = createKeyFile(file, logger);
  }
  if ((statSync(file).mode & 0o077) !== 0) {
    logger.warn(
      { keyFile: file },
      "the encryption key file is readable by other users; chmod 600 it",
    );
  }
  const key = Buffer.from(text.trim(), "base64");
  if (key.length !== 32) {
    throw new ConfigError(`ENCRYPTION_KEY_FILE: ${file} must hold 32 bytes in base64`);
  }
  return key;
}
