import { describe, expect, it } from 'vitest'
import { INDEXTTS2_MODEL } from '../../../src/engines/indextts2/manifest.js'
import { approxModelBytes, findModel } from '../../../src/runtime/store/catalogue.js'
import { hubEnv, resolveUrl, statusHint, treeUrl } from '../../../src/runtime/store/hf.js'
import { safeRelative } from '../../../src/runtime/store/resolve.js'
import { diskHeadroom } from '../../../src/runtime/store/store.js'

describe('hub addresses and environment', () => {
  it('defaults to huggingface.co, honours HF_ENDPOINT and HF_TOKEN', () => {
    expect(hubEnv({})).toEqual({ endpoint: 'https://huggingface.co' })
    expect(hubEnv({ HF_ENDPOINT: 'https://hf-mirror.com/', HF_TOKEN: ' hf_x ' })).toEqual({
      endpoint: 'https://hf-mirror.com',
      token: 'hf_x',
    })
    expect(() => hubEnv({ HF_ENDPOINT: 'ftp://mirror' })).toThrow(/HF_ENDPOINT/)
  })

  it('builds resolve and tree URLs with encoded segments', () => {
    const hub = { endpoint: 'https://hf-mirror.com' }
    expect(resolveUrl(hub, 'IndexTeam/IndexTTS-2', 'main', 'qwen0.6bemo4-merge/model.safetensors')).toBe(
      'https://hf-mirror.com/IndexTeam/IndexTTS-2/resolve/main/qwen0.6bemo4-merge/model.safetensors',
    )
    expect(resolveUrl(hub, 'a/b', 'refs/pr/1', 'dir with space/x#y.bin')).toBe(
      'https://hf-mirror.com/a/b/resolve/refs%2Fpr%2F1/dir%20with%20space/x%23y.bin',
    )
    expect(treeUrl(hub, 'a/b', 'main')).toBe('https://hf-mirror.com/api/models/a/b/tree/main?recursive=true')
    expect(statusHint(401)).toContain('HF_TOKEN')
    expect(statusHint(404)).toContain('404')
  })

  it('refuses paths that would leave the model folder', () => {
    expect(safeRelative('hf_cache/bigvgan/config.json', 'x')).toBe('hf_cache/bigvgan/config.json')
    expect(() => safeRelative('../../.bashrc', 'x')).toThrow(/unsafe path/)
    expect(() => safeRelative('/etc/passwd', 'x')).toThrow(/unsafe path/)
    expect(() => safeRelative('a/../../b', 'x')).toThrow(/unsafe path/)
  })

  it('knows IndexTTS2 and sizes it', () => {
    expect(findModel('indextts2')).toBe(INDEXTTS2_MODEL)
    expect(() => findModel('nope')).toThrow(/Unknown model nope; available: indextts2/)
    const all = approxModelBytes(INDEXTTS2_MODEL)
    expect(all).toBeGreaterThan(8e9)
    expect(approxModelBytes(INDEXTTS2_MODEL, false)).toBe(all - 1_210_000_000)
    expect(diskHeadroom(1e9)).toBe(256 * 1024 ** 2)
    expect(diskHeadroom(100e9)).toBe(2e9)
  })
})
