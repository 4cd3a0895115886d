/**
 * IndexTTS2's memory manifest (stages, for the planner) and file list (for the model store).
 *
 * Sources, read from github.com/index-tts/index-tts at ee40fa7 and the model repos:
 * - indextts/infer_v2.py: what IndexTTS2.__init__ loads — UnifiedVoice GPT (gpt.pth),
 *   Wav2Vec2BertModel facebook/w2v-bert-2.0 + wav2vec2bert_stats.pt, MaskGCT semantic codec
 *   (amphion/MaskGCT semantic_codec/model.safetensors), S2Mel MyModel (s2mel.pth, with
 *   `setup_caches(max_batch_size=1, max_seq_length=8192)`), CAMPPlus (funasr/campplus
 *   campplus_cn_common.bin), BigVGAN (nvidia/bigvgan_v2_22khz_80band_256x), QwenEmotion
 *   (qwen0.6bemo4-merge/, optional: use_qwen_emo=False skips it), feat1.pt/feat2.pt.
 * - checkpoints/config.yaml (2.0, tracked until 0d200c0): GPT model_dim 1280, 24 layers,
 *   20 heads, max_mel_tokens 1815, max_text_tokens 600; conformer conditioning 6 blocks,
 *   emotion conditioning 4 blocks; DiT hidden 512, depth 13; wavenet 8 layers.
 * - indextts/utils/model_download.py: auxiliary repos and file names, ModelScope mapping.
 * - Sizes: gpt.pth ≈ 3.3 GB and s2mel.pth ≈ 1.2 GB (issue 7; hyukudan/index-tts-fork
 *   checkpoints/DOWNLOAD.md). qwen0.6bemo4-merge/model.safetensors 1,192,135,096 bytes
 *   (bf16, ≈ 0.6 B params). The IndexTTS-2.5 s2mel.pth holding parameters only is
 *   414,908,601 bytes; the 2.0 file is ≈ 3× that, consistent with parameters plus Adam
 *   moments — only the parameters are loaded (load_checkpoint2 reads state["net"]).
 *   w2v-BERT 2.0: ≈ 580 M params, model.safetensors ≈ 2.32 GB fp32. BigVGAN v2 22 kHz:
 *   ≈ 112 M params, bigvgan_generator.pt ≈ 449 MB. Semantic codec ≈ 177 MB. CAMPPlus ≈ 28 MB.
 * - Memory reports in upstream issues: #301 (12 GB RTX 4080 out of memory in fp32, 10.5 GiB
 *   allocated), #288 (12 GB cannot run 50-character sentences), #630 (VRAM creeping from
 *   12 to 16 GB over requests), #326 (an 8 GB package), PR #795 (reference encoders moved
 *   to CPU to save VRAM on 6–8 GB GPUs).
 *
 * Exact sizes and sha256 of the IndexTeam/IndexTTS-2 files were not available offline;
 * sizes here are approximate (for planning and disk checks) and the store takes exact
 * sizes and sha256 from the Hugging Face tree API at pull time.
 *
 * Activation estimates (upper bounds for one 120-token segment ≈ 30 s of audio):
 * - GPT: KV cache 24 layers × 2 × 1280 × 4 B = 245,760 B per token per beam, 3 beams
 *   (infer_v2 default num_beams=3), 50 semantic tokens per second → 36.9 MB/s; plus the
 *   full-sequence attention of the latent pass (20 heads × n² × 4 B ≈ 7 MB/s at 30 s).
 * - S2Mel: DiT attention over prompt + target mel frames (86 frames/s at 22,050 Hz / 256),
 *   batch 2 for classifier-free guidance, 8 heads: ≈ 25 MB per output second at 30 s with a
 *   15 s prompt, plus the 8192² causal mask (64 MB).
 * - BigVGAN: 48 channels × 22,050 samples/s × 2 (anti-aliased upsampling) × 4 B × ≈ 4 live
 *   buffers ≈ 34 MB per second of audio.
 * - w2v-BERT: 25 hidden states of 1024 × 50 frames/s kept (output_hidden_states=True) for a
 *   reference of at most 15 s: ≈ 120 MB per request, charged as 4 MB per output second.
 * - Qwen emotion: prompt < 200 tokens; logits over a 151,936-token vocabulary ≈ 0.6 MB per
 *   position plus KV cache → 1 MB per token.
 */
import type { ModelSpec, StageInfo } from '../engine.js'

const ALL_DEVICES = ['cpu', 'webgpu', 'cuda'] as const

/** Approximate bytes of the weight files and of what each stage loads (sources above). */
const GPT_BYTES = 3_300_000_000
/** s2mel.pth on disk (parameters plus optimiser moments) and the parameters loaded from it. */
const S2MEL_FILE_BYTES = 1_200_000_000
const S2MEL_PARAMS_BYTES = 415_000_000
const W2V_BERT_BYTES = 2_320_000_000
const SEMANTIC_CODEC_BYTES = 177_000_000
const CAMPPLUS_BYTES = 28_000_000
const BIGVGAN_BYTES = 449_000_000
/** qwen0.6bemo4-merge/model.safetensors (bf16), exact; the folder adds tokenizer and config files. */
const QWEN_EMOTION_BF16_BYTES = 1_192_135_096
const QWEN_EMOTION_FOLDER_BYTES = 1_210_000_000

/** Weight bytes of a stage stored in fp32: fp16 is half; int8 where an estimate exists. */
function weights(fp32: number, int8?: number): StageInfo['weightBytes'] {
  return { fp32, fp16: fp32 / 2, ...(int8 === undefined ? {} : { int8 }) }
}

/** Stages in pipeline order. Names are what the planner prints ("GPT in fp16"). */
export const INDEXTTS2_STAGES: readonly StageInfo[] = [
  {
    // UnifiedVoice: GPT-2 (1280 × 24) text→semantic tokens with conformer/perceiver conditioning.
    name: 'GPT',
    weightBytes: weights(GPT_BYTES, 950_000_000),
    activationBytesPerAudioSecond: 45_000_000,
    activationBytesPerToken: 750_000,
    devices: ALL_DEVICES,
    canLoadOnDemand: false,
  },
  {
    // Semantic-to-mel: flow-matching DiT (25 steps) + length regulator + GPT-latent projection.
    name: 'S2Mel',
    weightBytes: weights(S2MEL_PARAMS_BYTES, 110_000_000),
    activationBytesPerAudioSecond: 28_000_000,
    activationBytesPerToken: 0,
    devices: ALL_DEVICES,
    canLoadOnDemand: false,
  },
  {
    // facebook/w2v-bert-2.0: semantic features of the speaker and emotion references only.
    name: 'w2v-BERT',
    weightBytes: weights(W2V_BERT_BYTES, 600_000_000),
    activationBytesPerAudioSecond: 4_000_000,
    activationBytesPerToken: 0,
    devices: ALL_DEVICES,
    canLoadOnDemand: true,
  },
  {
    // MaskGCT semantic codec: quantizes the reference; its codebook (vq2emb) runs every request.
    name: 'semantic codec',
    weightBytes: weights(SEMANTIC_CODEC_BYTES),
    activationBytesPerAudioSecond: 1_000_000,
    activationBytesPerToken: 0,
    devices: ALL_DEVICES,
    canLoadOnDemand: false,
  },
  {
    // CAMPPlus speaker embedding (style vector) of the reference only.
    name: 'CAMPPlus',
    weightBytes: weights(CAMPPLUS_BYTES),
    activationBytesPerAudioSecond: 500_000,
    activationBytesPerToken: 0,
    devices: ALL_DEVICES,
    canLoadOnDemand: true,
  },
  {
    // BigVGAN v2 22 kHz 80-band 256× vocoder, mel → waveform.
    name: 'BigVGAN',
    weightBytes: weights(BIGVGAN_BYTES),
    activationBytesPerAudioSecond: 34_000_000,
    activationBytesPerToken: 0,
    devices: ALL_DEVICES,
    canLoadOnDemand: false,
  },
  {
    // Qwen3-0.6B fine-tune mapping emotion text to the 8 emotion weights (use_emo_text).
    name: 'emotion LLM',
    weightBytes: weights(2 * QWEN_EMOTION_BF16_BYTES, 650_000_000),
    activationBytesPerAudioSecond: 0,
    activationBytesPerToken: 1_000_000,
    devices: ALL_DEVICES,
    canLoadOnDemand: true,
    optional: true,
  },
]

const MAIN = 'IndexTeam/IndexTTS-2'

export const INDEXTTS2_MODEL: ModelSpec = {
  name: 'indextts2',
  description: 'IndexTTS2 (bilibili): zero-shot voice cloning with emotion control, zh + en.',
  licence:
    'bilibili Model Use License (IndexTTS2 weights); auxiliary models: w2v-bert-2.0 MIT, MaskGCT CC-BY-NC-4.0, CAMPPlus Apache-2.0, BigVGAN MIT',
  source: 'https://huggingface.co/IndexTeam/IndexTTS-2',
  stages: INDEXTTS2_STAGES,
  files: [
    { repo: MAIN, path: 'config.yaml', approxBytes: 3_000 },
    { repo: MAIN, path: 'bpe.model', approxBytes: 476_000, stage: 'GPT' },
    { repo: MAIN, path: 'gpt.pth', approxBytes: GPT_BYTES, stage: 'GPT' },
    { repo: MAIN, path: 's2mel.pth', approxBytes: S2MEL_FILE_BYTES, stage: 'S2Mel' },
    { repo: MAIN, path: 'wav2vec2bert_stats.pt', approxBytes: 10_000, stage: 'w2v-BERT' },
    { repo: MAIN, path: 'feat1.pt', approxBytes: 2_000_000, stage: 'GPT' },
    { repo: MAIN, path: 'feat2.pt', approxBytes: 2_000_000, stage: 'GPT' },
    { repo: MAIN, path: 'qwen0.6bemo4-merge/', approxBytes: QWEN_EMOTION_FOLDER_BYTES, stage: 'emotion LLM' },
    {
      repo: 'facebook/w2v-bert-2.0',
      path: 'model.safetensors',
      dest: 'hf_cache/w2v-bert-2.0/model.safetensors',
      approxBytes: W2V_BERT_BYTES,
      stage: 'w2v-BERT',
    },
    {
      repo: 'facebook/w2v-bert-2.0',
      path: 'config.json',
      dest: 'hf_cache/w2v-bert-2.0/config.json',
      approxBytes: 2_000,
      stage: 'w2v-BERT',
    },
    {
      repo: 'facebook/w2v-bert-2.0',
      path: 'preprocessor_config.json',
      dest: 'hf_cache/w2v-bert-2.0/preprocessor_config.json',
      approxBytes: 1_000,
      stage: 'w2v-BERT',
    },
    {
      repo: 'amphion/MaskGCT',
      path: 'semantic_codec/model.safetensors',
      dest: 'hf_cache/semantic_codec_model.safetensors',
      approxBytes: SEMANTIC_CODEC_BYTES,
      stage: 'semantic codec',
    },
    {
      repo: 'funasr/campplus',
      path: 'campplus_cn_common.bin',
      dest: 'hf_cache/campplus_cn_common.bin',
      approxBytes: CAMPPLUS_BYTES,
      stage: 'CAMPPlus',
    },
    {
      repo: 'nvidia/bigvgan_v2_22khz_80band_256x',
      path: 'config.json',
      dest: 'hf_cache/bigvgan/config.json',
      approxBytes: 2_000,
      stage: 'BigVGAN',
    },
    {
      repo: 'nvidia/bigvgan_v2_22khz_80band_256x',
      path: 'bigvgan_generator.pt',
      dest: 'hf_cache/bigvgan/bigvgan_generator.pt',
      approxBytes: BIGVGAN_BYTES,
      stage: 'BigVGAN',
    },
  ],
}
