import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { unwrap } from "../api/client";
import { ApiError, toApiError } from "../api/problem";
import { useApi, useCurrentUser } from "../auth/AuthContext";
import { ApiErrorAlert, fieldState, invalidProps } from "../components/ApiErrorAlert";
import { Loading } from "../components/Loading";
import { usePageTitle } from "../components/usePageTitle";
import {
  draftFrom, minutesToHoursText, RULE_SET_STATE_LABELS, ruleSetState, toRuleSet, toRuleSetInput,
  type RuleSet, type RuleSetDraft, type RuleSetState,
} from "../hours/ruleSets";
import { formatDate } from "../registry/labels";
import "../components/hours/hours.css";

const SEVERITY: Record<RuleSetState, "success" | "info" | undefined> = { in_force: "success", future: "info", past: undefined };
const FIELDS = [
  "code", "title", "source", "valid_from", "min_weekly_minutes", "min_open_days", "min_agents_present",
  "trained_agents_required", "partner_socle_required", "premises_required",
] as const;

const today = () => new Date().toISOString().slice(0, 10);
/** "Agents formés, socle des partenaires, locaux", or "Aucun". */
function otherCriteria(r: RuleSet): string {
  const list = [
    r.trained_agents_required && "agents formés",
    r.partner_socle_required && "socle des partenaires",
    r.premises_required && "locaux",
  ].filter(Boolean).join(", ");
  return list ? list[0].toUpperCase() + list.slice(1) : "Aucun";
}

/** The message of a field: the server's (or the form's own) 422, and the 409 of a code already used. */
function fieldOf(error: ApiError | null, field: string) {
  if (field === "code" && error?.code === "rule_set.code_taken" && !error.fieldError("code")) {
    return { state: "error" as const, stateRelatedMessage: error.detail ?? error.title };
  }
  return fieldState(error, field);
}

function RuleSetForm({ initial, onCreated, onCancel }: { initial: RuleSetDraft; onCreated: (r: RuleSet) => void; onCancel: () => void }) {
  const client = useApi();
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = toRuleSetInput(draft);
    if ("errors" in input) {
      setError(new ApiError({ status: 422, code: "validation_failed", title: "Certaines informations sont invalides.", errors: input.errors }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onCreated(toRuleSet(await unwrap(client.api.POST("/rule-sets", { body: input.body }))));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const text = (field: keyof RuleSetDraft, path: string = field) => ({
    name: field, value: String(draft[field]), ...invalidProps(error, path),
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: e.target.value })),
  });
  const flag = (field: "trained_agents_required" | "partner_socle_required" | "premises_required", label: string) => ({
    label, nativeInputProps: { name: field, checked: draft[field], onChange: (e: { target: { checked: boolean } }) => setDraft((d) => ({ ...d, [field]: e.target.checked })) },
  });

  return (
    <form className="maillage-box fr-p-3w fr-mt-3w" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="rule-set-form-title">
      <h2 id="rule-set-form-title" className="fr-h4">Nouvelle version des règles</h2>
      <p className="fr-text--sm">
        Les seuils sont repris de la version en vigueur. La nouvelle version s’appliquera aux évaluations à partir de sa
        date d’entrée en vigueur ; elle pourra être supprimée tant que cette date n’est pas atteinte.
      </p>
      {error?.code === "rule_set.code_taken" ? null : <ApiErrorAlert error={error} shownFields={FIELDS} />}
      <Input label="Code" hintText="Lettres minuscules, chiffres et tirets, par exemple fs-2027-01." {...fieldOf(error, "code")} nativeInputProps={text("code")} />
      <Input label="Intitulé" {...fieldState(error, "title")} nativeInputProps={text("title")} />
      <Input label="Texte de référence" hintText="Par exemple : Arrêté du 16 juin 2025." {...fieldState(error, "source")} nativeInputProps={text("source")} />
      <Input label="En vigueur à partir du" {...fieldState(error, "valid_from")} nativeInputProps={{ ...text("valid_from"), type: "date" }} />
      <div className="maillage-slot-fields">
        <Input label="Heures d’ouverture par semaine, au minimum" hintText="En heures, par exemple 24 ou 24,5."
          {...fieldState(error, "min_weekly_minutes")} nativeInputProps={{ ...text("min_weekly_hours", "min_weekly_minutes"), inputMode: "decimal" }} />
        <Input label="Jours d’ouverture par semaine, au minimum" {...fieldState(error, "min_open_days")}
          nativeInputProps={{ ...text("min_open_days"), type: "number", min: 1, max: 7, inputMode: "numeric" }} />
        <Input label="Agents présents sur chaque créneau, au minimum" {...fieldState(error, "min_agents_present")}
          nativeInputProps={{ ...text("min_agents_present"), type: "number", min: 1, max: 20, inputMode: "numeric" }} />
      </div>
      <Checkbox legend="Critères exigés" options={[
        flag("trained_agents_required", "Agents présents formés (formation initiale terminée)"),
        flag("partner_socle_required", "Socle des partenaires"),
        flag("premises_required", "Locaux"),
      ]} />
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li><Button type="submit" disabled={busy}>Publier cette version</Button></li>
        <li><Button type="button" priority="secondary" onClick={onCancel}>Annuler</Button></li>
      </ul>
    </form>
  );
}

/** Règles du label: the dated versions of the opening rules, the one in force marked; admins add and remove versions. */
export function RuleSetsPage() {
  usePageTitle("Règles du label");
  const client = useApi();
  const me = useCurrentUser();
  const admin = me.role === "admin";
  const [items, setItems] = useState<RuleSet[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState("");
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const list = await unwrap(client.api.GET("/rule-sets"));
      setItems((list.items ?? []).map(toRuleSet).sort((a, b) => b.valid_from.localeCompare(a.valid_from)));
      setError(null);
    } catch (err) {
      setError(toApiError(err));
    }
  }, [client]);

  useEffect(() => {
    void load();
  }, [load]);

  const remove = async (r: RuleSet) => {
    setBusy(true);
    setError(null);
    setNotice("");
    try {
      await unwrap(client.api.DELETE("/rule-sets/{code}", { params: { path: { code: r.code } } }));
      setNotice(`La version « ${r.code} » a été supprimée.`);
      setConfirming(null);
      await load();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const day = today();
  const actions = (r: RuleSet) => {
    if (ruleSetState(r, day) !== "future") return "—";
    return confirming === r.code ? (
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-mb-0">
        <li><Button size="small" disabled={busy} onClick={() => void remove(r)}>Confirmer la suppression de « {r.code} »</Button></li>
        <li><Button size="small" priority="secondary" onClick={() => setConfirming(null)}>Annuler</Button></li>
      </ul>
    ) : (
      <Button size="small" priority="tertiary" onClick={() => setConfirming(r.code)} nativeButtonProps={{ "aria-label": `Supprimer la version ${r.code}` }}>Supprimer</Button>
    );
  };

  return (
    <div className="fr-my-4w">
      <h1>Règles du label France services</h1>
      <p>
        Les règles d’ouverture sont des données datées : chaque version s’applique aux évaluations de conformité à partir
        de sa date d’entrée en vigueur, jusqu’à l’entrée en vigueur de la suivante.
      </p>
      {notice && <Alert className="fr-mb-3w" severity="success" role="status" small description={notice} />}
      {!adding && <ApiErrorAlert error={error} />}
      {!items && !error ? <Loading /> : items && (
        <div className="fr-table fr-table--sm maillage-rule-sets">
          <div className="fr-table__wrapper"><div className="fr-table__container" tabIndex={0} role="region" aria-label="Versions des règles"><div className="fr-table__content">
            <table>
              <caption>Versions des règles d’ouverture</caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Date d’effet</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Heures par semaine</th>
                  <th scope="col">Jours par semaine</th>
                  <th scope="col">Agents par créneau</th>
                  <th scope="col">Autres critères exigés</th>
                  {admin && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {items.map((r) => {
                  const state = ruleSetState(r, day);
                  return (
                    <tr key={r.code} data-state={state}>
                      <th scope="row">
                        <span className="maillage-block">{r.title}</span>
                        <span className="maillage-block fr-text--xs fr-mb-0">{r.code}{r.source ? ` — ${r.source}` : ""}</span>
                      </th>
                      <td>{formatDate(r.valid_from)}</td>
                      <td><Badge as="span" small noIcon={!SEVERITY[state]} severity={SEVERITY[state]}>{RULE_SET_STATE_LABELS[state]}</Badge></td>
                      <td>{minutesToHoursText(r.min_weekly_minutes)}</td>
                      <td>{r.min_open_days}</td>
                      <td>{r.min_agents_present}</td>
                      <td>{otherCriteria(r)}</td>
                      {admin && <td>{actions(r)}</td>}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div></div></div>
        </div>
      )}
      {admin && items && !adding && (
        <Button iconId="fr-icon-add-line" onClick={() => { setAdding(true); setNotice(""); }}>Publier une nouvelle version</Button>
      )}
      {admin && items && adding && (
        <RuleSetForm initial={draftFrom(items.find((r) => r.in_force))} onCancel={() => setAdding(false)}
          onCreated={(r) => {
            setAdding(false);
            setNotice(`La version « ${r.code} » a été publiée : elle s’appliquera à partir du ${formatDate(r.valid_from)}.`);
            void load();
          }} />
      )}
    </div>
  );
}
