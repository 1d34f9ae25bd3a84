/**
 * How a converted document names an image before it is stored: `import-image:<index>` into the
 * import's list of image bytes. Word conversion writes it, HTML conversion writes it for the
 * images it resolves, and the importer swaps it for the stored file's URL.
 */
export const IMAGE_PLACEHOLDER = 'import-image:'
