import { type ChangeEvent, useRef } from 'react'

/**
 * A button that opens the file chooser. The file input itself is hidden from assistive
 * technology and the Tab order: the button is what people reach and what is announced.
 */
export function FilePickButton({
  label,
  accept,
  multiple = false,
  disabled = false,
  onChange,
}: {
  label: string
  accept: string
  multiple?: boolean
  disabled?: boolean
  onChange: (event: ChangeEvent<HTMLInputElement>) => void
}) {
  const input = useRef<HTMLInputElement>(null)
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={accept}
        multiple={multiple}
        className="visually-hidden"
        aria-hidden="true"
        tabIndex={-1}
        onChange={onChange}
        disabled={disabled}
      />
      <button type="button" onClick={() => input.current?.click()} disabled={disabled}>
        {label}
      </button>
    </>
  )
}
