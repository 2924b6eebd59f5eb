import { Alert, Button } from 'antd';
import { Component, type ReactNode } from 'react';
import { commonMessages } from './messages';

interface Props {
  children: ReactNode;
  /** Shown in the fallback so the user knows which part failed. */
  region?: string;
  /** When this value changes, a failed region tries again (e.g. the route path). */
  resetKey?: unknown;
}

interface State {
  error: Error | null;
  resetKey: unknown;
}

/** Keeps a failure in one region of a page from blanking the whole page. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.resetKey) return { error: null, resetKey: props.resetKey };
    return null;
  }

  private readonly reset = () => this.setState({ error: null });

  override render() {
    if (this.state.error === null) return this.props.children;
    const title = this.props.region
      ? `${this.props.region}：${commonMessages.regionErrorTitle}`
      : commonMessages.regionErrorTitle;
    return (
      <Alert
        type="error"
        showIcon
        title={title}
        description={commonMessages.regionErrorHint}
        action={<Button onClick={this.reset}>{commonMessages.retry}</Button>}
      />
    );
  }
}
