import { Component, type ReactNode } from 'react'

interface ErrorBoundaryProps {
  fallback: ReactNode
  children: ReactNode
}

/** A rendering error shows a message in place of the part that failed, never a blank page. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { failed: boolean }> {
  override state = { failed: false }

  static getDerivedStateFromError() {
    return { failed: true }
  }

  override componentDidCatch(error: unknown) {
    console.error('Tisserand: a part of the page failed to render', error)
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children
  }
}
