/** A form-level message (server refusal, network): role="alert" so it is announced at once. */
export function FormAlert({ message }: { message: string | null }) {
  return (
    <div role="alert" className={message ? 'form-alert' : undefined}>
      {message}
    </div>
  )
}
