/** The model store: catalogue, pulls from the Hugging Face Hub, verification, removal. */
export {
  approxModelBytes,
  findModel,
  MODEL_CATALOGUE,
  type ModelFileSpec,
  type ModelSpec,
} from './catalogue.js'
export { type DownloadOptions, type DownloadResult, downloadFile } from './download.js'
export { DEFAULT_HF_ENDPOINT, HF_ENV_VARS, type HubEnv, hubEnv, resolveUrl, treeUrl } from './hf.js'
export type { LocalFile, LocalManifest } from './local-manifest.js'
export { acquireLock, type LockOptions, type LockOwner } from './lock.js'
export * from './store.js'
