import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { ApiError, formatWait } from "../api/problem";

type Props = {
  error: ApiError | null;
  /** Fields displayed next to their input; errors on other fields are listed in the alert. */
  shownFields?: readonly string[];
  className?: string;
};

/** The general message of an API error, as a DSFR error alert. */
export function ApiErrorAlert({ error, shownFields = [], className = "fr-mb-3w" }: Props) {
  if (!error) return null;
  const others = error.otherFieldErrors(shownFields);
  const wait = error.status === 429 && error.retryAfter !== undefined
    ? `Vous pourrez réessayer dans ${formatWait(error.retryAfter)}.`
    : undefined;
  const hasDescription = Boolean(error.detail || wait || others.length);
  return (
    <Alert
      className={className}
      severity="error"
      role="alert"
      title={error.title}
      description={hasDescription ? (
        <>
          {error.detail && <p className="fr-mb-1v">{error.detail}</p>}
          {wait && <p className="fr-mb-1v">{wait}</p>}
          {others.length > 0 && (
            <ul>
              {others.map((message) => <li key={message}>{message}</li>)}
            </ul>
          )}
        </>
      ) : undefined}
    />
  );
}

/** Props to spread on a DSFR Input/Select to show the server's message for `field`. */
export function fieldState(error: ApiError | null, field: string) {
  const message = error?.fieldError(field);
  return message
    ? { state: "error" as const, stateRelatedMessage: message }
    : { state: "default" as const };
}

/** aria-invalid for the native input of a field the server rejected. */
export function invalidProps(error: ApiError | null, field: string): { "aria-invalid"?: true } {
  return error?.fieldError(field) ? { "aria-invalid": true } : {};
}
