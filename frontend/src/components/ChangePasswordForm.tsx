import { useState, type ChangeEvent, type FormEvent } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { unwrap } from "../api/client";
import { ApiError, toApiError } from "../api/problem";
import { useApi } from "../auth/AuthContext";
import { ApiErrorAlert, fieldState, invalidProps } from "./ApiErrorAlert";

const FIELDS = ["current_password", "new_password", "confirmation"] as const;
export const MIN_PASSWORD_LENGTH = 12;

/** "Changer mon mot de passe" → POST /auth/password. */
export function ChangePasswordForm() {
  const { api } = useApi();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    if (next !== confirmation) {
      setError(new ApiError({
        status: 400,
        code: "validation_failed",
        title: "Certaines informations sont invalides.",
        errors: { confirmation: "La confirmation ne correspond pas au nouveau mot de passe." },
      }));
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      await unwrap(api.POST("/auth/password", { body: { current_password: current, new_password: next } }));
      setDone(true);
      setCurrent("");
      setNext("");
      setConfirmation("");
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setSubmitting(false);
    }
  };

  const passwordInput = (name: string, value: string, set: (v: string) => void, autoComplete: string) => ({
    type: "password",
    name,
    autoComplete,
    ...invalidProps(error, name),
    required: true,
    value,
    onChange: (e: ChangeEvent<HTMLInputElement>) => set(e.target.value),
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="password-title">
      <h2 id="password-title">Changer mon mot de passe</h2>
      {done && (
        <Alert className="fr-mb-3w" severity="success" role="status" small description="Votre mot de passe a été modifié." />
      )}
      <ApiErrorAlert error={error} shownFields={FIELDS} />
      <Input
        label="Mot de passe actuel"
        {...fieldState(error, "current_password")}
        nativeInputProps={passwordInput("current_password", current, setCurrent, "current-password")}
      />
      <Input
        label="Nouveau mot de passe"
        hintText={`Au moins ${MIN_PASSWORD_LENGTH} caractères.`}
        {...fieldState(error, "new_password")}
        nativeInputProps={{ ...passwordInput("new_password", next, setNext, "new-password"), minLength: MIN_PASSWORD_LENGTH }}
      />
      <Input
        label="Confirmation du nouveau mot de passe"
        {...fieldState(error, "confirmation")}
        nativeInputProps={passwordInput("confirmation", confirmation, setConfirmation, "new-password")}
      />
      <Button type="submit" disabled={submitting}>Changer le mot de passe</Button>
    </form>
  );
}
