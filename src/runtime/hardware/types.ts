/** What the planner knows about a machine, probed or simulated. Every size is in bytes. */

export interface GpuInfo {
  /** Marketing name as the driver reports it ("NVIDIA GeForce RTX 3060"). */
  readonly name: string
  /** Total device memory. */
  readonly totalBytes: number
  /** Device memory free when probed (equals totalBytes on a simulated machine). */
  readonly freeBytes: number
  /** Driver version, when known. */
  readonly driver?: string
  /** How the GPU was found: nvidia-smi, or given on the command line. */
  readonly source: 'nvidia-smi' | 'simulated'
}

export interface WebGpuInfo {
  /** True when a WebGPU adapter started through onnxruntime-node. */
  readonly available: boolean
  /** Why not (or which adapter), in one line; "not probed" when the probe was skipped. */
  readonly detail: string
}

export interface DiskInfo {
  /** Directory measured (the model store, or its nearest existing parent). */
  readonly path: string
  /** Bytes an unprivileged process can still write. */
  readonly freeBytes: number
  readonly totalBytes: number
}

export interface MachineInfo {
  /** 'probe' = measured on this machine; 'simulated' = what-if values from flags. */
  readonly source: 'probe' | 'simulated'
  /** Physical memory. */
  readonly ramTotalBytes: number
  /** Memory a new allocation can get without swapping (Linux MemAvailable). */
  readonly ramAvailableBytes: number
  readonly swapTotalBytes: number
  readonly swapFreeBytes: number
  readonly cpu: {
    /** Logical cores. */
    readonly cores: number
    readonly model: string
    /** SIMD features relevant to ONNX Runtime kernels: avx2, avx512f, fma, f16c, neon... */
    readonly features: readonly string[]
  }
  /** CUDA-capable GPUs (empty when none was found). */
  readonly gpus: readonly GpuInfo[]
  readonly webgpu: WebGpuInfo
  /** Free space where the model store lives; absent when not measured. */
  readonly disk?: DiskInfo
  /** Problems met while probing (a tool timed out, a file was unreadable); never fatal. */
  readonly notes: readonly string[]
}
