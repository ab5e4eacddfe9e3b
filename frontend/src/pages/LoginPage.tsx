import { useState, type FormEvent } from "react";
import { Navigate, useLocation, useNavigate } from "react-router";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { ApiError, toApiError } from "../api/problem";
import { useAuth } from "../auth/AuthContext";
import { ApiErrorAlert, fieldState, invalidProps } from "../components/ApiErrorAlert";
import { Loading } from "../components/Loading";
import { usePageTitle } from "../components/usePageTitle";

const FIELDS = ["email", "password"] as const;

/** Where to go after login: the page that sent us here, if it is one of ours. */
function redirectTarget(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === "string" && from.startsWith("/") && !from.startsWith("/connexion") ? from : "/";
}

export function LoginPage() {
  usePageTitle("Connexion");
  const { state, login } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);

  if (state.status === "loading") return <Loading />;
  if (state.status === "authenticated" && !submitting) {
    return <Navigate to={redirectTarget(location.state)} replace />;
  }

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      await login(email.trim(), password);
      navigate(redirectTarget(location.state), { replace: true });
    } catch (err) {
      setError(toApiError(err));
      setSubmitting(false);
    }
  };

  return (
    <div className="fr-grid-row fr-grid-row--center fr-my-7w">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Connexion à Maillage</h1>
        <p>Connectez-vous avec l’adresse e-mail et le mot de passe de votre compte.</p>
        <ApiErrorAlert error={error} shownFields={FIELDS} />
        <form onSubmit={onSubmit} noValidate aria-label="Connexion">
          <fieldset className="fr-fieldset">
            <legend className="fr-fieldset__legend">
              <span className="fr-text--sm fr-text--regular">Tous les champs sont obligatoires.</span>
            </legend>
            <div className="fr-fieldset__element">
              <Input
                label="Adresse e-mail"
                hintText="Format attendu : nom@domaine.fr"
                {...fieldState(error, "email")}
                nativeInputProps={{
                  type: "email",
                  name: "email",
                  ...invalidProps(error, "email"),
                  autoComplete: "username",
                  required: true,
                  value: email,
                  onChange: (e) => setEmail(e.target.value),
                }}
              />
            </div>
            <div className="fr-fieldset__element">
              <Input
                label="Mot de passe"
                {...fieldState(error, "password")}
                nativeInputProps={{
                  type: "password",
                  name: "password",
                  ...invalidProps(error, "password"),
                  autoComplete: "current-password",
                  required: true,
                  value: password,
                  onChange: (e) => setPassword(e.target.value),
                }}
              />
            </div>
            <div className="fr-fieldset__element">
              <Button type="submit" disabled={submitting}>
                {submitting ? "Connexion en cours…" : "Se connecter"}
              </Button>
            </div>
          </fieldset>
        </form>
      </div>
    </div>
  );
}
