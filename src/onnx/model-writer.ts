/**
 * A minimal ONNX model writer: enough protobuf to build tiny graphs without a protobuf
 * dependency. Used by the device probe (a one-node model to see whether an execution
 * provider starts) and by tests that need models of a known weight size.
 *
 * Wire format: protobuf encoding (https://protobuf.dev/programming-guides/encoding/).
 * Field numbers: onnx/onnx.proto — ModelProto (ir_version 1, producer_name 2, graph 7,
 * opset_import 8), GraphProto (node 1, name 2, initializer 5, input 11, output 12),
 * NodeProto (input 1, output 2, name 3, op_type 4), TensorProto (dims 1, data_type 2,
 * name 8, raw_data 9, external_data 13, data_location 14), ValueInfoProto (name 1, type 2),
 * TypeProto (tensor_type 1), TypeProto.Tensor (elem_type 1, shape 2), TensorShapeProto
 * (dim 1), Dimension (dim_value 1, dim_param 2), OperatorSetIdProto (domain 1, version 2),
 * StringStringEntryProto (key 1, value 2).
 */
import { concatBytes } from '../core/arrays.js'

type Part = Uint8Array

function varint(value: number | bigint): number[] {
  let v = BigInt(value)
  const out: number[] = []
  while (v >= 0x80n) {
    out.push(Number((v & 0x7fn) | 0x80n))
    v >>= 7n
  }
  out.push(Number(v))
  return out
}

/** Field with wire type 0 (varint). */
function fieldVarint(field: number, value: number | bigint): Part {
  return Uint8Array.from([...varint(field << 3), ...varint(value)])
}

/** Field with wire type 2 (length-delimited): strings, bytes, embedded messages. */
function fieldBytes(field: number, payload: Uint8Array | string): Part {
  const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload
  return concatBytes([Uint8Array.from([...varint((field << 3) | 2), ...varint(bytes.length)]), bytes])
}

/** TensorProto.DataType.FLOAT */
const FLOAT = 1

/** A dimension: a fixed size or a symbolic name ("batch"). */
export type Dim = number | string

export interface TensorSpec {
  readonly name: string
  readonly dims: readonly Dim[]
}

export interface InitializerSpec {
  readonly name: string
  readonly dims: readonly number[]
  /** Float32 values stored inside the model (raw_data). */
  readonly data?: Float32Array
  /** Or a reference into a side file (ONNX external data). */
  readonly external?: { readonly location: string; readonly offset: number; readonly length: number }
}

export interface NodeSpec {
  readonly op: string
  readonly inputs: readonly string[]
  readonly outputs: readonly string[]
  readonly name: string
}

export interface GraphSpec {
  readonly name: string
  readonly nodes: readonly NodeSpec[]
  readonly initializers: readonly InitializerSpec[]
  readonly inputs: readonly TensorSpec[]
  readonly outputs: readonly TensorSpec[]
  /** ai.onnx opset (default 17). */
  readonly opset?: number
}

function valueInfo(spec: TensorSpec): Part {
  const dims = spec.dims.map((d) =>
    fieldBytes(1, typeof d === 'number' ? fieldVarint(1, d) : fieldBytes(2, d)),
  )
  const tensorType = concatBytes([fieldVarint(1, FLOAT), fieldBytes(2, concatBytes(dims))])
  return concatBytes([fieldBytes(1, spec.name), fieldBytes(2, fieldBytes(1, tensorType))])
}

function initializer(spec: InitializerSpec): Part {
  const head = [...spec.dims.map((d) => fieldVarint(1, d)), fieldVarint(2, FLOAT), fieldBytes(8, spec.name)]
  if (spec.external) {
    const entry = (key: string, value: string) =>
      fieldBytes(13, concatBytes([fieldBytes(1, key), fieldBytes(2, value)]))
    return concatBytes([
      ...head,
      entry('location', spec.external.location),
      entry('offset', String(spec.external.offset)),
      entry('length', String(spec.external.length)),
      fieldVarint(14, 1), // data_location = EXTERNAL
    ])
  }
  const data = spec.data ?? new Float32Array(0)
  return concatBytes([...head, fieldBytes(9, new Uint8Array(data.buffer, data.byteOffset, data.byteLength))])
}

function nodeProto(spec: NodeSpec): Part {
  return concatBytes([
    ...spec.inputs.map((i) => fieldBytes(1, i)),
    ...spec.outputs.map((o) => fieldBytes(2, o)),
    fieldBytes(3, spec.name),
    fieldBytes(4, spec.op),
  ])
}

/** Serialize a ModelProto (IR version 8) holding one graph. */
export function encodeModel(graph: GraphSpec): Uint8Array {
  const graphBytes = concatBytes([
    ...graph.nodes.map((n) => fieldBytes(1, nodeProto(n))),
    fieldBytes(2, graph.name),
    ...graph.initializers.map((i) => fieldBytes(5, initializer(i))),
    ...graph.inputs.map((i) => fieldBytes(11, valueInfo(i))),
    ...graph.outputs.map((o) => fieldBytes(12, valueInfo(o))),
  ])
  return concatBytes([
    fieldVarint(1, 8),
    fieldBytes(2, 'mynah'),
    fieldBytes(7, graphBytes),
    fieldBytes(8, concatBytes([fieldBytes(1, ''), fieldVarint(2, graph.opset ?? 17)])),
  ])
}

/** `output = Identity(input)` on a float vector: the smallest model an execution provider can run. */
export function identityModel(): Uint8Array {
  return encodeModel({
    name: 'mynah-identity',
    nodes: [{ op: 'Identity', inputs: ['input'], outputs: ['output'], name: 'identity' }],
    initializers: [],
    inputs: [{ name: 'input', dims: ['n'] }],
    outputs: [{ name: 'output', dims: ['n'] }],
  })
}
