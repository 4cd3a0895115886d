import { describe, expect, it } from 'vitest'
import { identityModel } from '../../../src/onnx/model-writer.js'
import { listProviders } from '../../../src/onnx/providers.js'
import {
  createOnnxSession,
  createOnnxSessionFactory,
  loadOrt,
  type OrtModule,
} from '../../../src/onnx/session.js'

/** An onnxruntime-node stand-in whose sessions fail on every provider but the CPU. */
function fakeOrt(seen: unknown[]): () => Promise<OrtModule> {
  const fake = {
    InferenceSession: {
      create: async (_model: unknown, options: { executionProviders: string[] }) => {
        seen.push(options)
        if (options.executionProviders[0] !== 'cpu')
          throw new Error(`Failed to get a WebGPU adapter: No supported adapters\n at somewhere`)
        return {
          inputNames: ['input'],
          outputNames: ['output'],
          run: async () => ({}),
          release: async () => {},
        }
      },
    },
  }
  return async () => fake as unknown as OrtModule
}

describe('ONNX session factory', () => {
  it('runs a real model on the CPU and releases it once', async () => {
    const session = await createOnnxSession(identityModel(), { label: 'identity' })
    expect(session.device).toBe('cpu')
    expect(session.fallback).toBeUndefined()
    expect(session.inputNames).toEqual(['input'])
    const ort = await loadOrt()
    const input = new ort.Tensor('float32', Float32Array.from([1, 2, 3]), [3])
    const out = await session.run({ input })
    expect(Array.from(out.output!.data as Float32Array)).toEqual([1, 2, 3])
    await session.release()
    await session.release()
    expect(session.released).toBe(true)
    await expect(session.run({ input })).rejects.toMatchObject({ code: 'E_INTERNAL' })
  })

  it('falls back to the CPU when the preferred provider cannot start, and says why', async () => {
    const seen: unknown[] = []
    const factory = createOnnxSessionFactory({ loadOrt: fakeOrt(seen), rss: () => 0 })
    const session = await factory.create('model.onnx', {
      device: 'webgpu',
      prepack: false,
      intraOpThreads: 2,
    })
    expect(session.device).toBe('cpu')
    expect(session.fallback).toEqual({
      from: 'webgpu',
      reason: 'Failed to get a WebGPU adapter: No supported adapters',
    })
    expect(seen).toEqual([
      expect.objectContaining({ executionProviders: ['webgpu'] }),
      expect.objectContaining({
        executionProviders: ['cpu'],
        intraOpNumThreads: 2,
        interOpNumThreads: 1,
        extra: { session: { disable_prepacking: '1' } },
      }),
    ])
  })

  it('reports E_ENGINE_NOT_READY when fallback is off or the model is broken', async () => {
    const factory = createOnnxSessionFactory({ loadOrt: fakeOrt([]), rss: () => 0 })
    await expect(
      factory.create('m.onnx', { device: 'cuda', fallbackToCpu: false, label: 'x/gpt' }),
    ).rejects.toMatchObject({
      code: 'E_ENGINE_NOT_READY',
      details: { engine: 'x/gpt' },
    })
    await expect(createOnnxSession(new Uint8Array([1, 2, 3, 4]), { label: 'broken' })).rejects.toMatchObject({
      code: 'E_ENGINE_NOT_READY',
    })
  })

  it('lists the providers this onnxruntime-node install has', async () => {
    const providers = await listProviders()
    expect(providers.map((p) => p.device)).toEqual(['cpu', 'webgpu', 'cuda'])
    expect(providers[0]).toMatchObject({ device: 'cpu', installed: true })
  })
})
