/** Why the web app must be built (missing, or older than its sources), or null when it is up to date. */
export function webBuildReason(root: string): string | null
/** Why the server must be compiled (missing, or older than its sources), or null when it is up to date. */
export function serverBuildReason(root: string): string | null
