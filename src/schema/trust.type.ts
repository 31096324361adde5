import { MaxLength } from "class-validator";
import { GraphQLDateTimeISO } from "graphql-scalars";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { RegistryScope, SignatureMethod, TrustedKeyType, VerificationStatus } from "./enums";

@ObjectType({
  simpleResolvers: true,
  description:
    "A version's signature check, judged by the viewer's trust policy (its tenant's keys and the system's). " +
    "Helm provenance files are read on first request and cosign signatures during sync; both are cached by digest.",
})
export class Verification {
  @Field(() => VerificationStatus, { description: "What the check found." })
  status!: VerificationStatus;

  @Field(() => SignatureMethod, {
    nullable: true,
    description: "How the version is signed (or would be): null when it cannot be checked at all.",
  })
  method!: SignatureMethod | null;

  @Field(() => String, {
    nullable: true,
    description:
      "VERIFIED: who signed (the OpenPGP key's user id, or the name the policy gives a cosign key).",
  })
  signer!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "VERIFIED: the fingerprint of the trusted key that verifies the signature.",
  })
  keyFingerprint!: string | null;

  @Field(() => GraphQLDateTimeISO, {
    nullable: true,
    description: "When the signatures were read; null when they have not been.",
  })
  checkedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "Why: for every status but VERIFIED, a sentence for a person.",
  })
  message!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "A public key of a trust policy, listed by fingerprint (the key itself is never returned).",
})
export class TrustedKey {
  @Field(() => ID, { description: "The key's id in its policy (for `removeTrustedKey`)." })
  id!: string;

  @Field(() => RegistryScope, {
    description: "TENANT (the viewer's tenant's policy) or SYSTEM (trusted by every tenant).",
  })
  scope!: RegistryScope;

  @Field(() => TrustedKeyType, { description: "OPENPGP (Helm provenance) or COSIGN (OCI)." })
  type!: TrustedKeyType;

  @Field(() => String, {
    description:
      "OpenPGP: the primary key's fingerprint (hex); cosign: the sha256 (hex) of the public key's SubjectPublicKeyInfo (DER).",
  })
  fingerprint!: string;

  @Field(() => String, {
    description: "`ecdsa-p256` or `ed25519` (cosign); the OpenPGP algorithm and size or curve.",
  })
  algorithm!: string;

  @Field(() => [String], { description: "OpenPGP: the key's user ids; empty for cosign keys." })
  userIds!: string[];

  @Field(() => [String], {
    description: "OpenPGP: the key ids (hex) of the primary key and its subkeys.",
  })
  keyIds!: string[];

  @Field(() => String, { nullable: true, description: "The name given when the key was added." })
  name!: string | null;

  @Field(() => GraphQLDateTimeISO, { description: "When the key was added." })
  createdAt!: Date;
}

@InputType({ description: "Public keys to add to a trust policy." })
export class AddTrustedKeysInput {
  @Field(() => RegistryScope, {
    nullable: true,
    description:
      "TENANT (the default): the caller's tenant's policy (tenant admins); SYSTEM: the policy every tenant trusts (system admins).",
  })
  scope?: RegistryScope | null;

  @Field(() => TrustedKeyType, { description: "What `publicKey` holds." })
  type!: TrustedKeyType;

  @Field(() => String, {
    description:
      "OPENPGP: an ASCII-armored public keyring (`gpg --export --armor`; each key in it is added). COSIGN: a PEM " +
      "public key (`cosign.pub`), ECDSA P-256 or Ed25519. Private keys are refused. At most 262144 characters.",
  })
  @MaxLength(262144)
  publicKey!: string;

  @Field(() => String, {
    nullable: true,
    description: "A name for the key(s), shown in lists and as the signer of cosign signatures.",
  })
  @MaxLength(256)
  name?: string | null;
}
