import { describe, expect, it } from 'vitest'
import { parseCpuinfo, parseMeminfo, parseNvidiaSmi } from '../../../src/runtime/hardware/parse.js'
import {
  describeGpus,
  NVIDIA_SMI_ARGS,
  type ProbeSeams,
  probeMachine,
} from '../../../src/runtime/hardware/probe.js'
import { simulateMachine } from '../../../src/runtime/hardware/simulate.js'
import { formatBytes, parseSize } from '../../../src/runtime/hardware/units.js'
import { summarizeWebGpuError } from '../../../src/runtime/hardware/webgpu.js'

const MEMINFO = `MemTotal:       16309412 kB
MemFree:         1203400 kB
MemAvailable:    9876544 kB
Buffers:          102400 kB
Cached:          6000000 kB
SwapTotal:       2097148 kB
SwapFree:        1048576 kB
HugePages_Total:       0
`

const CPUINFO_X86 = `processor	: 0
vendor_id	: GenuineIntel
model name	: Intel(R) Core(TM) i7-10700 CPU @ 2.90GHz
flags		: fpu vme sse4_2 avx f16c fma avx2 avx512f avx512bw avx512_vnni
processor	: 1
model name	: Intel(R) Core(TM) i7-10700 CPU @ 2.90GHz
`

const CPUINFO_ARM = `processor	: 0
BogoMIPS	: 48.00
Features	: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp
CPU implementer	: 0x41
`

/** A fake machine: every probe seam answers from these values. */
function fakeMachine(over: Partial<ProbeSeams> & { smi?: string | Error } = {}): ProbeSeams {
  const { smi, ...rest } = over
  return {
    platform: 'linux',
    readTextFile: async (path) => {
      if (path === '/proc/meminfo') return MEMINFO
      if (path === '/proc/cpuinfo') return CPUINFO_X86
      throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' })
    },
    totalmem: () => 1,
    freemem: () => 1,
    cpuCount: () => 8,
    cpuModel: () => 'fallback model',
    runCommand: async () => {
      if (smi instanceof Error) throw smi
      if (smi === undefined) throw Object.assign(new Error('spawn nvidia-smi ENOENT'), { code: 'ENOENT' })
      return smi
    },
    statfs: async () => ({ bavail: 1000, bsize: 4096, blocks: 5000 }),
    probeWebGpu: async () => ({ available: false, detail: 'No supported adapters' }),
    ...rest,
  }
}

describe('parsers', () => {
  it('reads MemAvailable and swap from /proc/meminfo (kB = KiB)', () => {
    expect(parseMeminfo(MEMINFO)).toEqual({
      totalBytes: 16309412 * 1024,
      availableBytes: 9876544 * 1024,
      swapTotalBytes: 2097148 * 1024,
      swapFreeBytes: 1048576 * 1024,
    })
  })

  it('estimates available memory on kernels without MemAvailable', () => {
    const old = MEMINFO.replace(/MemAvailable.*\n/, '')
    expect(parseMeminfo(old)?.availableBytes).toBe((1203400 + 102400 + 6000000) * 1024)
    expect(parseMeminfo('garbage')).toBeUndefined()
  })

  it('finds the CPU model and the SIMD flags ONNX Runtime uses', () => {
    expect(parseCpuinfo(CPUINFO_X86)).toEqual({
      model: 'Intel(R) Core(TM) i7-10700 CPU @ 2.90GHz',
      features: ['avx', 'avx2', 'fma', 'f16c', 'avx512f', 'avx512bw', 'avx512_vnni', 'sse4_2'],
    })
    expect(parseCpuinfo(CPUINFO_ARM).features).toEqual(['neon', 'fp16'])
  })

  it('parses nvidia-smi CSV in MiB and skips lines it cannot read', () => {
    const { gpus, skipped } = parseNvidiaSmi(
      'NVIDIA GeForce RTX 3060, 12288, 11874, 550.54.14\nNVIDIA A100-SXM4-40GB, 40960, 40000, 535.1\nGRID vGPU, [N/A], [N/A], 1\n\n',
    )
    expect(gpus).toEqual([
      {
        name: 'NVIDIA GeForce RTX 3060',
        totalBytes: 12288 * 1024 ** 2,
        freeBytes: 11874 * 1024 ** 2,
        driver: '550.54.14',
        source: 'nvidia-smi',
      },
      {
        name: 'NVIDIA A100-SXM4-40GB',
        totalBytes: 40960 * 1024 ** 2,
        freeBytes: 40000 * 1024 ** 2,
        driver: '535.1',
        source: 'nvidia-smi',
      },
    ])
    expect(skipped).toEqual(['GRID vGPU, [N/A], [N/A], 1'])
  })

  it('parses and prints sizes', () => {
    expect(parseSize('8G')).toBe(8 * 1024 ** 3)
    expect(parseSize('512M')).toBe(512 * 1024 ** 2)
    expect(parseSize('1.5GiB')).toBe(1.5 * 1024 ** 3)
    expect(parseSize('4096')).toBe(4096)
    expect(() => parseSize('eight gigs')).toThrow(/not a size/)
    expect(formatBytes(3.25 * 1024 ** 3)).toBe('3.3 GiB')
    expect(formatBytes(300 * 1024 ** 2)).toBe('300 MiB')
  })
})

describe('probeMachine on fake machines', () => {
  it('reports RAM, swap, CPU, disk and says "no GPU" without nvidia-smi', async () => {
    const calls: string[][] = []
    const m = await probeMachine(
      { storePath: '/home/u/.mynah/models' },
      fakeMachine({
        runCommand: async (cmd, args) => {
          calls.push([cmd, ...args])
          throw Object.assign(new Error('spawn nvidia-smi ENOENT'), { code: 'ENOENT' })
        },
      }),
    )
    expect(calls).toEqual([['nvidia-smi', ...NVIDIA_SMI_ARGS]])
    expect(m.ramTotalBytes).toBe(16309412 * 1024)
    expect(m.ramAvailableBytes).toBe(9876544 * 1024)
    expect(m.swapFreeBytes).toBe(1048576 * 1024)
    expect(m.cpu).toEqual({
      cores: 8,
      model: 'Intel(R) Core(TM) i7-10700 CPU @ 2.90GHz',
      features: ['avx', 'avx2', 'fma', 'f16c', 'avx512f', 'avx512bw', 'avx512_vnni', 'sse4_2'],
    })
    expect(m.gpus).toEqual([])
    expect(describeGpus(m)).toBe('no GPU')
    expect(m.disk).toEqual({ path: '/home/u/.mynah/models', freeBytes: 4096000, totalBytes: 20480000 })
    expect(m.webgpu.detail).toBe('not probed')
    expect(m.notes).toEqual([])
  })

  it('lists GPUs from nvidia-smi and survives a hung or broken one', async () => {
    const ok = await probeMachine(
      {},
      fakeMachine({ smi: 'NVIDIA GeForce RTX 4060 Laptop GPU, 8188, 7800, 560.1\n' }),
    )
    expect(describeGpus(ok)).toBe('NVIDIA GeForce RTX 4060 Laptop GPU (8188 MiB)')
    const hung = await probeMachine(
      { timeoutMs: 10 },
      fakeMachine({ smi: Object.assign(new Error('timeout'), { killed: true }) }),
    )
    expect(hung.gpus).toEqual([])
    expect(hung.notes).toEqual(['nvidia-smi gave no answer within 0.01 s'])
    const broken = await probeMachine(
      {},
      fakeMachine({
        smi: new Error('NVIDIA-SMI has failed because it could not communicate with the driver'),
      }),
    )
    expect(broken.gpus).toEqual([])
    expect(broken.notes[0]).toMatch(/nvidia-smi failed: NVIDIA-SMI has failed/)
  })

  it('falls back to os memory figures off Linux and measures disk at the nearest existing parent', async () => {
    const seen: string[] = []
    const m = await probeMachine(
      { storePath: '/data/new/models', webgpu: true },
      fakeMachine({
        platform: 'darwin',
        totalmem: () => 8 * 1024 ** 3,
        freemem: () => 3 * 1024 ** 3,
        statfs: async (path) => {
          seen.push(path)
          if (path !== '/data') throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' })
          return { bavail: 10, bsize: 1024, blocks: 20 }
        },
      }),
    )
    expect(m.ramTotalBytes).toBe(8 * 1024 ** 3)
    expect(m.ramAvailableBytes).toBe(3 * 1024 ** 3)
    expect(m.swapTotalBytes).toBe(0)
    expect(m.cpu.model).toBe('fallback model')
    expect(seen).toEqual(['/data/new/models', '/data/new', '/data'])
    expect(m.disk?.path).toBe('/data')
    expect(m.webgpu).toEqual({ available: false, detail: 'No supported adapters' })
    expect(m.notes).toContain('swap size is not probed on this platform')
  })

  it('simulates what-if machines over the probed one', async () => {
    const probed = await probeMachine({}, fakeMachine({ smi: 'RTX, 24576, 24000, 1\n' }))
    const sim = simulateMachine({ ramBytes: 8 * 1024 ** 3, vramBytes: 4 * 1024 ** 3 }, probed)
    expect(sim.source).toBe('simulated')
    expect(sim.ramAvailableBytes).toBe(8 * 1024 ** 3)
    expect(sim.gpus).toEqual([
      { name: 'simulated GPU', totalBytes: 4 * 1024 ** 3, freeBytes: 4 * 1024 ** 3, source: 'simulated' },
    ])
    expect(sim.cpu.cores).toBe(8)
    expect(simulateMachine({ vramBytes: 0 }, probed).gpus).toEqual([])
  })
})

describe('WebGPU probe messages', () => {
  it('keeps the sentence about the adapter from an ONNX Runtime error', () => {
    const raw =
      '/onnxruntime_src/onnxruntime/core/providers/webgpu/webgpu_context.cc:136 onnxruntime::webgpu::WebGpuContext::Initialize(const onnxruntime::webgpu::WebGpuContextConfig&)::<lambda()> adapter_result.status == wgpu::RequestAdapterStatus::Success was false. Failed to get a WebGPU adapter: No supported adapters\n'
    expect(summarizeWebGpuError(raw)).toBe('Failed to get a WebGPU adapter: No supported adapters')
    expect(summarizeWebGpuError('something else broke')).toBe('something else broke')
  })
})
