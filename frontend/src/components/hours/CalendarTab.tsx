import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { unwrap } from "../../api/client";
import { headerParams } from "../../api/models";
import { ApiError, toApiError } from "../../api/problem";
import type { components } from "../../api/schema";
import { useApi } from "../../auth/AuthContext";
import { EXCEPTION_TYPE_LABELS, monthLabel, monthRange, monthWeeks, shiftMonth, wallClock, type ExceptionType } from "../../hours/calendar";
import { WEEKDAYS } from "../../hours/model";
import { formatDate } from "../../registry/labels";
import { ApiErrorAlert, fieldState } from "../ApiErrorAlert";
import { Loading } from "../Loading";
import "./hours.css";

type Schemas = components["schemas"];
type HoursException = Schemas["HoursException"];
type Interval = Schemas["OpeningInterval"];
type Draft = { type: ExceptionType; from: string; to: string; reason: string; public_message: string; start: string; end: string };

const today = () => new Date().toISOString().slice(0, 10);
const EMPTY: Draft = { type: "closed", from: "", to: "", reason: "", public_message: "", start: "09:00", end: "12:00" };
const FIELDS = ["type", "from", "to", "reason", "public_message", "slots"] as const;

type Props = { structureId: string; editable: boolean };

/** Onglet Calendrier: exceptions (closures, reduced, extra, replaced hours) and the resolved month calendar. */
export function CalendarTab({ structureId, editable }: Props) {
  const client = useApi();
  const [exceptions, setExceptions] = useState<HoursException[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [month, setMonth] = useState(() => today().slice(0, 7));
  const [intervals, setIntervals] = useState<Interval[] | null>(null);
  const [calendarError, setCalendarError] = useState<ApiError | null>(null);
  const [adding, setAdding] = useState(false);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  const loadExceptions = useCallback(async () => {
    try {
      const list = await unwrap(client.api.GET("/structures/{id}/exceptions", { params: { path: { id: structureId }, query: { from: today() } } }));
      setExceptions((list.items ?? []).sort((a, b) => (a.from ?? "").localeCompare(b.from ?? "")));
      setLoadError(null);
    } catch (err) {
      setLoadError(toApiError(err));
    }
  }, [client, structureId]);

  useEffect(() => {
    void loadExceptions();
  }, [loadExceptions]);

  useEffect(() => {
    let cancelled = false;
    const [from, to] = monthRange(month);
    setIntervals(null);
    unwrap(client.api.GET("/structures/{id}/calendar", { params: { path: { id: structureId }, query: { from, to } } }))
      .then((c) => !cancelled && (setIntervals(c.intervals ?? []), setCalendarError(null)))
      .catch((err) => !cancelled && setCalendarError(toApiError(err)));
    return () => {
      cancelled = true;
    };
  }, [client, structureId, month, reload]);

  const done = async (message: string) => {
    setNotice(message);
    setAdding(false);
    setConfirming(null);
    await loadExceptions();
    setReload((n) => n + 1);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await unwrap(client.api.POST("/structures/{id}/exceptions", {
        params: { path: { id: structureId } },
        body: {
          type: draft.type, from: draft.from, to: draft.to || draft.from, reason: draft.reason.trim(), public_message: draft.public_message.trim(),
          ...(draft.type === "closed" ? {} : { slots: [{ start: draft.start, end: draft.end }] }),
        },
      }));
      await done("L’exception a été enregistrée.");
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (exception: HoursException) => {
    setBusy(true);
    setError(null);
    try {
      await unwrap(client.api.DELETE("/structures/{id}/exceptions/{exception_id}", {
        params: { path: { id: structureId, exception_id: exception.id ?? "" }, header: headerParams({ "If-Match": `"${exception.version ?? 1}"` }) },
      }));
      await done("L’exception a été supprimée.");
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const text = (field: keyof Draft) => ({
    name: field, value: draft[field],
    onChange: (e: { target: { value: string } }) => setDraft((o) => ({ ...o, [field]: e.target.value })),
  });

  const byDate = new Map<string, Interval[]>();
  for (const i of intervals ?? []) {
    const list = byDate.get(i.date ?? "") ?? [];
    list.push(i);
    byDate.set(i.date ?? "", list);
  }

  return (
    <>
      <h3 className="fr-h5">Fermetures et horaires exceptionnels</h3>
      {notice && <Alert className="fr-mb-3w" severity="success" role="status" small description={notice} />}
      {!adding && <ApiErrorAlert error={error} />}
      {loadError ? <ApiErrorAlert error={loadError} /> : !exceptions ? <Loading /> : exceptions.length === 0 ? (
        <p>Aucune exception à venir.</p>
      ) : (
        <ul className="maillage-week-issues fr-mb-2w" aria-label="Exceptions à venir">
          {exceptions.map((x) => {
            const label = `${EXCEPTION_TYPE_LABELS[(x.type ?? "closed") as ExceptionType]} du ${formatDate(x.from)}${x.to && x.to !== x.from ? ` au ${formatDate(x.to)}` : ""}`;
            return (
              <li key={x.id} className="maillage-box fr-p-2w fr-mb-1w">
                <p className="fr-text--bold fr-mb-1v">{label}</p>
                {(x.slots ?? []).length > 0 && <p className="fr-text--sm fr-mb-1v">Créneaux : {(x.slots ?? []).map((s) => `${s.start}–${s.end}`).join(", ")}</p>}
                {x.reason && <p className="fr-text--sm fr-mb-1v">Motif : {x.reason}</p>}
                {x.public_message && <p className="fr-text--sm fr-mb-1v">Message au public : {x.public_message}</p>}
                {editable && (confirming === x.id ? (
                  <Button type="button" size="small" disabled={busy} title={`Confirmer la suppression : ${label}`} onClick={() => void remove(x)}>Confirmer la suppression</Button>
                ) : (
                  <Button type="button" size="small" priority="tertiary" title={`Supprimer : ${label}`} onClick={() => setConfirming(x.id ?? null)}>Supprimer</Button>
                ))}
              </li>
            );
          })}
        </ul>
      )}
      {editable && !adding && (
        <Button type="button" iconId="fr-icon-add-line" onClick={() => { setAdding(true); setDraft({ ...EMPTY, from: today() }); setError(null); setNotice(""); }}>
          Ajouter une exception
        </Button>
      )}
      {adding && (
        <form className="maillage-box fr-p-3w fr-mt-2w" onSubmit={(e) => void submit(e)} noValidate>
          <h4 className="fr-h6">Nouvelle exception</h4>
          <ApiErrorAlert error={error} shownFields={FIELDS} />
          <Select label="Type" {...fieldState(error, "type")} nativeSelectProps={text("type")}>
            {(Object.keys(EXCEPTION_TYPE_LABELS) as ExceptionType[]).map((t) => <option key={t} value={t}>{EXCEPTION_TYPE_LABELS[t]}</option>)}
          </Select>
          <Input label="Du" {...fieldState(error, "from")} nativeInputProps={{ ...text("from"), type: "date" }} />
          <Input label="Au" hintText="Le même jour si vide" {...fieldState(error, "to")} nativeInputProps={{ ...text("to"), type: "date" }} />
          {draft.type !== "closed" && (
            <div className="maillage-slot-fields">
              <Input label="Ouverture de" {...fieldState(error, "slots[0].start")} nativeInputProps={{ ...text("start"), type: "time" }} />
              <Input label="à" {...fieldState(error, "slots[0].end")} nativeInputProps={{ ...text("end"), type: "time" }} />
            </div>
          )}
          <Input label="Motif (interne)" {...fieldState(error, "reason")} nativeInputProps={text("reason")} />
          <Input label="Message au public" textArea {...fieldState(error, "public_message")} nativeTextAreaProps={text("public_message")} />
          <ul className="fr-btns-group fr-btns-group--inline-md">
            <li><Button type="submit" disabled={busy}>Enregistrer l’exception</Button></li>
            <li><Button type="button" priority="secondary" onClick={() => { setAdding(false); setError(null); }}>Annuler</Button></li>
          </ul>
        </form>
      )}

      <h3 className="fr-h5 fr-mt-4w">Calendrier d’ouverture</h3>
      <p className="fr-text--sm">Horaires publiés appliqués jour par jour : jours fériés fermés, exceptions comprises.</p>
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-mb-1w">
        <li><Button type="button" size="small" priority="secondary" onClick={() => setMonth(shiftMonth(month, -1))}>Mois précédent</Button></li>
        <li><Button type="button" size="small" priority="secondary" onClick={() => setMonth(shiftMonth(month, 1))}>Mois suivant</Button></li>
      </ul>
      <ApiErrorAlert error={calendarError} />
      {!intervals && !calendarError ? <Loading /> : (
        <div className="fr-table fr-table--sm fr-table--bordered">
          <div className="fr-table__wrapper"><div className="fr-table__container" tabIndex={0} role="region" aria-label="Calendrier du mois"><div className="fr-table__content">
            <table className="maillage-month">
              <caption>{monthLabel(month)}</caption>
              <thead><tr>{WEEKDAYS.map((d) => <th key={d.day} scope="col">{d.label}</th>)}</tr></thead>
              <tbody>
                {monthWeeks(month).map((week, i) => (
                  <tr key={i}>
                    {week.map((date, j) => {
                      if (!date) return <td key={j} />;
                      const list = byDate.get(date) ?? [];
                      return (
                        <td key={j}>
                          <span className="maillage-block fr-text--bold">{Number(date.slice(8))}</span>
                          {list.length === 0 ? <span className="maillage-block fr-text--xs">Fermé</span> : list.map((x, k) => (
                            <span key={k} className="maillage-block fr-text--xs">
                              {wallClock(x.start)}–{wallClock(x.end)}{x.source === "exception" ? " (exception)" : ""}
                            </span>
                          ))}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div></div></div>
        </div>
      )}
    </>
  );
}
