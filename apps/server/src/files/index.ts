/** Uploaded files (images in pages): the only module other parts of the server import. */
export { FILE_ROUTES, type FileRouteDeps, fileHandlers, isFileUpload, uploadBodyLimit } from './routes.ts'
export { Files, fileUrl, NotAnImage, type StoredFile } from './service.ts'
