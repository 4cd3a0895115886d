/** Reading a clip the user named on the command line, with clear errors instead of ENOENT stacks. */
import { readFile, stat } from 'node:fs/promises'
import { MynahError } from '../core/errors.js'

export async function readClip(path: string, flag: string, maxBytes: number): Promise<Uint8Array> {
  let size: number
  try {
    const info = await stat(path)
    if (!info.isFile())
      throw new MynahError('E_INVALID_ARGUMENT', { detail: `${flag} ${path} is not a file` })
    size = info.size
  } catch (error) {
    if (error instanceof MynahError) throw error
    throw new MynahError('E_NOT_FOUND', { what: `${flag} file ${path}` }, { cause: error })
  }
  // Refuse before reading a huge file into memory.
  if (size > maxBytes) throw new MynahError('E_PAYLOAD_TOO_LARGE', { bytes: size, limit: maxBytes })
  return new Uint8Array(await readFile(path))
}
