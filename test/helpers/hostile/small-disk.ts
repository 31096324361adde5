import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A real file system of a few megabytes (tmpfs), for a store whose disk fills up. */
export interface SmallDisk {
  dir: string;
  /** Unmounts and removes the directory. */
  release(): void;
}

/**
 * Mounts a tmpfs of `megabytes` on a fresh directory. Needs root (the CI machine runs as root);
 * returns null when mounting is not permitted, so that the caller can say so.
 */
export function mountSmallDisk(megabytes: number): SmallDisk | null {
  const dir = mkdtempSync(path.join(tmpdir(), "small-disk-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${megabytes}M`, "tmpfs", dir], {
      stdio: "ignore",
    });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    release() {
      try {
        execFileSync("umount", [dir], { stdio: "ignore" });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Fills what is left of the file system under `dir` with one file; returns its path. */
export function fillDisk(dir: string): string {
  const file = path.join(dir, "filler");
  try {
    execFileSync("dd", ["if=/dev/zero", `of=${file}`, "bs=64k"], { stdio: "ignore" });
  } catch {
    // dd stops with "No space left on device": the disk is full, as wanted.
  }
  return file;
}
