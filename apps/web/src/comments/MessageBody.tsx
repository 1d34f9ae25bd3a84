import { bodyParts } from './mentions.ts'

/** A comment's text: plain text with its line breaks, mentions shown as names. */
export function MessageBody({ body }: { body: string }) {
  return (
    <p className="comment-body">
      {bodyParts(body).map((part, index) =>
        part.kind === 'text' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable string
          <span key={index}>{part.text}</span>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable string
          <span key={index} className="comment-mention" data-user-id={part.userId}>
            @{part.name}
          </span>
        ),
      )}
    </p>
  )
}
