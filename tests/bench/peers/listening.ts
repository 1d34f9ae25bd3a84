/** The ready line every server under test prints, in the shape Tisserand's pino logger uses. */
export function announceListening(port: number, name: string): void {
  process.stdout.write(`${JSON.stringify({ level: 30, msg: 'listening', port, name })}\n`)
}
