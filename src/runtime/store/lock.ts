/**
 * A lock file so two pulls of one model never write the same files: created with O_EXCL
 * (atomic on local filesystems), holding the owner's pid, host and start time. A lock whose
 * process is gone (same host, `kill(pid, 0)` fails with ESRCH) is stale and is taken over;
 * a lock from another host is trusted until `staleAfterMs`. A live lock either makes the
 * caller wait (polling) or fail at once with E_LOCKED.
 */
import { open, readFile, rm } from 'node:fs/promises'
import { hostname } from 'node:os'
import { MynahError, throwIfAborted } from '../../core/errors.js'

export interface LockOwner {
  pid: number
  host: string
  /** ISO time the lock was taken. */
  since: string
}

export interface LockOptions {
  /** What is locked, for messages ("model indextts2"). */
  resource: string
  /** 'wait' polls until the lock is free; 'fail' throws E_LOCKED at once. */
  onLocked: 'wait' | 'fail'
  pollMs?: number
  /** A lock older than this is stale even when its owner cannot be checked (default 24 h). */
  staleAfterMs?: number
  signal?: AbortSignal
  /** Called once when the caller starts waiting for another owner. */
  onWait?: (owner: LockOwner) => void
  /** Seam: is a process of this host alive? */
  isAlive?: (pid: number) => boolean
  now?: () => number
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as LockOwner
    return typeof parsed.pid === 'number' ? parsed : undefined
  } catch {
    return undefined
  }
}

function isStale(owner: LockOwner | undefined, o: LockOptions): boolean {
  if (!owner) return true // unreadable or half-written by a crashed owner
  const age = (o.now ?? Date.now)() - Date.parse(owner.since)
  if (Number.isFinite(age) && age > (o.staleAfterMs ?? 24 * 3600_000)) return true
  if (owner.host !== hostname()) return false
  return !(o.isAlive ?? processAlive)(owner.pid)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Take the lock at `path`; resolves with a function that releases it. */
export async function acquireLock(path: string, o: LockOptions): Promise<() => Promise<void>> {
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    since: new Date((o.now ?? Date.now)()).toISOString(),
  }
  let waited = false
  for (;;) {
    throwIfAborted(o.signal)
    try {
      const handle = await open(path, 'wx')
      try {
        await handle.writeFile(`${JSON.stringify(me)}\n`)
      } finally {
        await handle.close()
      }
      let released = false
      return async () => {
        if (released) return
        released = true
        const owner = await readOwner(path)
        if (owner && owner.pid === me.pid && owner.since === me.since) await rm(path, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const owner = await readOwner(path)
    if (isStale(owner, o)) {
      // Give a writer that just created the file a moment to fill it before calling it stale.
      if (!owner) await sleep(50)
      if (isStale(await readOwner(path), o)) {
        await rm(path, { force: true })
        continue
      }
    }
    if (o.onLocked === 'fail' && owner)
      throw new MynahError('E_LOCKED', { resource: o.resource, pid: owner.pid })
    if (owner && !waited) {
      waited = true
      o.onWait?.(owner)
    }
    await sleep(o.pollMs ?? 250)
  }
}
