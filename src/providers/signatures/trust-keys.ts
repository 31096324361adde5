import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import type { TrustedKeyType } from "../../domain/enums";
import { openpgp } from "./openpgp";

/**
 * Public keys a trust policy holds, read from what an admin pastes: an armored OpenPGP keyring
 * (one or more public keys) or a cosign public key (PEM, ECDSA P-256 or Ed25519). What is kept
 * of each key: its fingerprint (how it is listed), its algorithm, its OpenPGP key ids and user
 * ids, and the public key itself (used only to verify, never served).
 */

/** One public key as a trust policy keeps it. */
export interface ParsedKey {
  type: TrustedKeyType;
  /** OpenPGP: the primary key's fingerprint (lower-case hex); cosign: sha256 (hex) of the SPKI DER. */
  fingerprint: string;
  /** OpenPGP: key ids (lower-case hex) of the primary key and its subkeys. */
  keyIds: string[];
  /** `ecdsa-p256`, `ed25519`, or OpenPGP's name (`eddsaLegacy`, `rsaEncryptSign 3072`…). */
  algorithm: string;
  userIds: string[];
  /** The key alone: one armored OpenPGP public key, or the SPKI PEM. */
  publicKey: string;
}

/** Why a key was refused: a sentence for the admin who pasted it. */
export class KeyInputError extends Error {}

/** The keys of `text`, or a KeyInputError saying what is wrong with it. */
export async function parseTrustedKeys(type: TrustedKeyType, text: string): Promise<ParsedKey[]> {
  return type === "OPENPGP" ? parseOpenPgpKeys(text) : [parseCosignKey(text)];
}

async function parseOpenPgpKeys(text: string): Promise<ParsedKey[]> {
  if (/-----BEGIN PGP PRIVATE KEY BLOCK-----/.test(text)) {
    throw new KeyInputError("This is a private key: give the public key (keyring) only.");
  }
  // One armored block may hold several keys (`gpg --export --armor a b`); several pasted blocks
  // are read one by one (OpenPGP.js reads the first block of a text only).
  const blocks = text.match(
    /-----BEGIN PGP PUBLIC KEY BLOCK-----[\s\S]*?-----END PGP PUBLIC KEY BLOCK-----/g,
  ) ?? [text];
  let keys;
  try {
    keys = (
      await Promise.all(blocks.map((block) => openpgp.readKeys({ armoredKeys: block })))
    ).flat();
  } catch (error) {
    throw new KeyInputError(
      `Not an armored OpenPGP public keyring: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (keys.length === 0) throw new KeyInputError("The keyring holds no key.");
  return keys.map((key) => {
    if (key.isPrivate())
      throw new KeyInputError("This is a private key: give the public key only.");
    const info = key.getAlgorithmInfo();
    return {
      type: "OPENPGP" as const,
      fingerprint: key.getFingerprint().toLowerCase(),
      keyIds: key.getKeyIDs().map((id) => id.toHex().toLowerCase()),
      algorithm: [info.algorithm, info.bits ?? info.curve].filter(Boolean).join(" "),
      userIds: key.getUserIDs(),
      publicKey: key.armor(),
    };
  });
}

function parseCosignKey(text: string): ParsedKey {
  if (/PRIVATE KEY-----/.test(text)) {
    throw new KeyInputError("This is a private key: give the public key (cosign.pub) only.");
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: text.trim(), format: "pem" });
  } catch {
    throw new KeyInputError(
      "Not a PEM public key (as `cosign generate-key-pair` writes cosign.pub).",
    );
  }
  const algorithm = cosignAlgorithm(key);
  if (!algorithm) {
    throw new KeyInputError(
      "Only ECDSA P-256 and Ed25519 cosign keys are supported (this key is " +
        `${key.asymmetricKeyType ?? "unknown"}${key.asymmetricKeyDetails?.namedCurve ? ` ${key.asymmetricKeyDetails.namedCurve}` : ""}).`,
    );
  }
  const der = key.export({ type: "spki", format: "der" });
  return {
    type: "COSIGN",
    fingerprint: createHash("sha256").update(der).digest("hex"),
    keyIds: [],
    algorithm,
    userIds: [],
    publicKey: key.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** `ecdsa-p256` or `ed25519`; null for any other key. */
export function cosignAlgorithm(key: KeyObject): "ecdsa-p256" | "ed25519" | null {
  if (key.asymmetricKeyType === "ed25519") return "ed25519";
  if (key.asymmetricKeyType === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1")
    return "ecdsa-p256";
  return null;
}
