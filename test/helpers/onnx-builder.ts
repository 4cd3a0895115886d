/**
 * Builds valid ONNX models of a known weight size for planner tests, so no weights live
 * in the repo. The graph is a chain `Y_i = op(Y_{i-1}, W_i)` (MatMul or Add) where every
 * W_i is a float initializer of `width × width`; the initializers' bytes are the weights.
 * Protobuf encoding comes from src/onnx/model-writer.ts.
 */
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { encodeModel, type InitializerSpec, type NodeSpec } from '../../src/onnx/model-writer.js'

export interface ChainOptions {
  /** Target bytes of float32 weights; rounded up to whole `width × width` layers. */
  weightBytes: number
  /** Side of each square weight matrix (default 1024: 4 MiB per layer). */
  width?: number
  /** MatMul (the CPU provider pre-packs the weights) or Add (weights used as stored). Default MatMul. */
  op?: 'MatMul' | 'Add'
  /**
   * Store the weights in a side file of this name (ONNX external data, as every model over
   * protobuf's 2 GB limit must); offsets are 64 KiB-aligned so ONNX Runtime may map them.
   */
  externalData?: string
}

export interface BuiltModel {
  /** The serialized ModelProto. */
  bytes: Uint8Array
  /** Side file with the weights when `externalData` was given. */
  external?: { name: string; bytes: Uint8Array }
  /** Exact bytes of float32 initializers (the model's weights). */
  weightBytes: number
  layers: number
  width: number
}

const EXTERNAL_ALIGN = 64 * 1024

/**
 * Pseudo-random weights, different in every layer: ONNX Runtime shares identical
 * initializers, so repeating patterns make the loaded model smaller than its file (seen:
 * 17 distinct layers of 128 loaded as 68 MB instead of 512 MB).
 * xorshift32 (Marsaglia 2003); values in ±1/(2·width) keep the chain's outputs finite.
 */
function layerWeights(width: number, layer: number): Float32Array {
  const weights = new Float32Array(width * width)
  let state = (0x9e3779b9 ^ Math.imul(layer + 1, 0x85ebca6b)) >>> 0 || 1
  const scale = 1 / (2 * width * 0x80000000)
  for (let j = 0; j < weights.length; j++) {
    state ^= state << 13
    state >>>= 0
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    weights[j] = (state - 0x80000000) * scale
  }
  return weights
}

/** Build `input[1, width] → (MatMul|Add) × layers → output`. */
export function buildChain(options: ChainOptions): BuiltModel {
  const width = options.width ?? 1024
  const op = options.op ?? 'MatMul'
  const layerBytes = width * width * 4
  const layers = Math.max(1, Math.ceil(options.weightBytes / layerBytes))
  const stride = Math.ceil(layerBytes / EXTERNAL_ALIGN) * EXTERNAL_ALIGN
  const location = options.externalData
  const side = location ? new Uint8Array(stride * layers) : undefined
  const nodes: NodeSpec[] = []
  const initializers: InitializerSpec[] = []
  let previous = 'input'
  for (let i = 0; i < layers; i++) {
    const weights = layerWeights(width, i)
    const name = `W${i}`
    if (side && location) {
      side.set(new Uint8Array(weights.buffer), i * stride)
      initializers.push({
        name,
        dims: [width, width],
        external: { location, offset: i * stride, length: layerBytes },
      })
    } else {
      initializers.push({ name, dims: [width, width], data: weights })
    }
    const out = i === layers - 1 ? 'output' : `Y${i}`
    nodes.push({ op, inputs: [previous, name], outputs: [out], name: `${op.toLowerCase()}${i}` })
    previous = out
  }
  const bytes = encodeModel({
    name: `mynah-test-${op.toLowerCase()}-chain`,
    nodes,
    initializers,
    inputs: [{ name: 'input', dims: [1, width] }],
    outputs: [{ name: 'output', dims: [op === 'Add' ? width : 1, width] }],
  })
  return {
    bytes,
    ...(side && location ? { external: { name: location, bytes: side } } : {}),
    weightBytes: layers * layerBytes,
    layers,
    width,
  }
}

/** Build a chain and write it to `path` (and its external data beside it); returns what was written. */
export function writeChain(path: string, options: ChainOptions): BuiltModel {
  const built = buildChain(options)
  writeFileSync(path, built.bytes)
  if (built.external) writeFileSync(join(dirname(path), built.external.name), built.external.bytes)
  return built
}
