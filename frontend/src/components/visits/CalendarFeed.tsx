import { useEffect, useState } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { unwrap } from "../../api/client";
import { headerParams } from "../../api/models";
import { ApiError, parseProblem, toApiError } from "../../api/problem";
import { useApi } from "../../auth/AuthContext";
import { saveBlob } from "../../registry/download";
import { formatDate } from "../../visits/labels";
import { ApiErrorAlert } from "../ApiErrorAlert";

type Link = { active: boolean; created_at: string | null; last_used_at: string | null };

/** The calendar feeds: the authenticated visits.ics download and the secret subscription link (shown once). */
export function CalendarFeed() {
  const client = useApi();
  const [link, setLink] = useState<Link | null>(null);
  const [secretUrl, setSecretUrl] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    unwrap(client.api.GET("/calendar-link"))
      .then((l) => !cancelled && setLink({ active: l.active === true, created_at: l.created_at ?? null, last_used_at: l.last_used_at ?? null }))
      .catch((err) => !cancelled && setError(toApiError(err)));
    return () => {
      cancelled = true;
    };
  }, [client]);

  async function create() {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const l = await unwrap(client.api.POST("/calendar-link"));
      setSecretUrl(l.url ?? null);
      setLink({ active: true, created_at: l.created_at ?? null, last_used_at: null });
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }

  async function revoke() {
    setBusy(true);
    setError(null);
    try {
      await unwrap(client.api.DELETE("/calendar-link"));
      setSecretUrl(null);
      setLink({ active: false, created_at: null, last_used_at: null });
      setNotice("Le lien d’abonnement est révoqué : les agendas abonnés ne reçoivent plus vos visites.");
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }

  async function download() {
    setError(null);
    try {
      const result = await client.api.GET("/visits.ics", {
        params: { query: { scope: "mine" }, header: headerParams({ Accept: "text/calendar, application/problem+json" }) },
        parseAs: "blob",
      });
      if (!result.response.ok) throw parseProblem(result.response.status, result.error, result.response.headers);
      saveBlob(result.data as unknown as Blob, "visites.ics");
    } catch (err) {
      setError(toApiError(err));
    }
  }

  return (
    <section aria-labelledby="agenda-title" className="fr-mt-5w">
      <h2 id="agenda-title" className="fr-h4">Agenda</h2>
      <ApiErrorAlert error={error} />
      <p>
        <Button priority="secondary" iconId="fr-icon-download-line" onClick={() => void download()}>Télécharger mes visites (.ics)</Button>
      </p>
      <h3 className="fr-h6">S’abonner depuis un agenda</h3>
      <p>Un lien secret permet à votre agenda (Outlook, Thunderbird, téléphone) d’afficher vos visites. Il ne contient ni compte rendu ni constat.</p>
      {notice && <p role="status" className="fr-valid-text">{notice}</p>}
      {secretUrl && (
        <Alert className="fr-mb-2w" severity="info" title="Votre lien d’abonnement" description={(
          <>
            <p className="fr-mb-1w">Copiez-le maintenant : il ne sera plus affiché. Ne le partagez pas.</p>
            <Input label="Lien d’abonnement" nativeInputProps={{ readOnly: true, value: secretUrl, onFocus: (e) => e.target.select() }} />
          </>
        )} />
      )}
      {link && link.active && !secretUrl && (
        <p>Un lien est actif depuis le {formatDate(link.created_at)}{link.last_used_at ? `, utilisé pour la dernière fois le ${formatDate(link.last_used_at)}` : ""}.</p>
      )}
      {link && (
        <ul className="fr-btns-group fr-btns-group--inline-sm">
          <li><Button disabled={busy} onClick={() => void create()}>{link.active ? "Renouveler le lien" : "Créer un lien d’abonnement"}</Button></li>
          {link.active && <li><Button priority="secondary" disabled={busy} onClick={() => void revoke()}>Révoquer le lien</Button></li>}
        </ul>
      )}
    </section>
  );
}
