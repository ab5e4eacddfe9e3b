import { Component, type ReactNode } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";

type State = { failed: boolean };

/** Shows a notice instead of the map when it cannot start (no WebGL, module failed to load). */
export class MapErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  render() {
    if (this.state.failed) {
      return (
        <Alert severity="warning" small
          description="La carte ne peut pas s’afficher dans ce navigateur (WebGL indisponible). La liste des structures donne les mêmes informations." />
      );
    }
    return this.props.children;
  }
}
