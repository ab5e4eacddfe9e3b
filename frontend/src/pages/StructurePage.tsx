import { useCallback, useEffect, useState } from "react";
import { useLocation, useNavigate, useParams, useSearchParams } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Tabs } from "@codegouvfr/react-dsfr/Tabs";
import { unwrap } from "../api/client";
import { ApiError, toApiError } from "../api/problem";
import { toGroup, toStructure, type Group, type Structure } from "../api/registry";
import { useApi, useCurrentUser } from "../auth/AuthContext";
import { canEditStructure, canManageRegistry, canReadAudit } from "../auth/roles";
import { ApiErrorAlert } from "../components/ApiErrorAlert";
import { Loading } from "../components/Loading";
import { DeleteStructureButton } from "../components/registry/DeleteStructureButton";
import { StopsEditor } from "../components/registry/StopsEditor";
import { StructureHistory } from "../components/registry/StructureHistory";
import { StructureCarrier, StructureIdentity, StructurePlace } from "../components/registry/StructureSections";
import { AgentsTab } from "../components/hours/AgentsTab";
import { CalendarTab } from "../components/hours/CalendarTab";
import { HoursTab } from "../components/hours/HoursTab";
import { usePageTitle } from "../components/usePageTitle";
import { StructureVisits } from "../components/visits/StructureVisits";
import { LabelTab } from "../components/labelling/LabelTab";
import { PermanencesTab } from "../components/partners/PermanencesTab";
import { canReadVisits } from "../visits/labels";
import { formatLabel, labelStatusLabel } from "../registry/labels";

const TABS = [
  { tabId: "identite", label: "Identité" },
  { tabId: "porteur", label: "Porteur" },
  { tabId: "localisation", label: "Localisation" },
  { tabId: "horaires", label: "Horaires" },
  { tabId: "calendrier", label: "Calendrier" },
  { tabId: "agents", label: "Agents" },
  { tabId: "permanences", label: "Permanences" },
  { tabId: "visites", label: "Visites" },
  { tabId: "labellisation", label: "Labellisation" },
  { tabId: "historique", label: "Historique" },
];

/** The structure's main site and multi-site group, for the Identité tab. */
function useRelations(client: ReturnType<typeof useApi>, structure: Structure | null) {
  const [parent, setParent] = useState<{ id: string; name: string } | null>(null);
  const [group, setGroup] = useState<Group | null>(null);
  const parentId = structure?.parent_id;
  const groupId = structure?.group_id;
  useEffect(() => {
    setParent(null);
    if (!parentId) return;
    unwrap(client.api.GET("/structures/{id}", { params: { path: { id: parentId } } }))
      .then((p) => setParent({ id: parentId, name: p.name ?? "" }))
      .catch(() => undefined);
  }, [client, parentId]);
  useEffect(() => {
    setGroup(null);
    if (!groupId) return;
    unwrap(client.api.GET("/groups/{id}", { params: { path: { id: groupId } } }))
      .then((g) => setGroup(toGroup(g)))
      .catch(() => undefined);
  }, [client, groupId]);
  return { parent, group };
}

/** Fiche structure: tabs Identité, Porteur, Localisation (and stops), Horaires, Calendrier, Agents, Visites, Historique. */
export function StructurePage() {
  const { id = "" } = useParams();
  const client = useApi();
  const me = useCurrentUser();
  const location = useLocation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [structure, setStructure] = useState<Structure | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const notice = (location.state as { notice?: string } | null)?.notice ?? null;
  const { parent, group } = useRelations(client, structure);
  usePageTitle(structure ? structure.name : "Structure");

  const load = useCallback(async () => {
    try {
      setStructure(toStructure(await unwrap(client.api.GET("/structures/{id}", { params: { path: { id } } }))));
      setError(null);
    } catch (err) {
      setError(toApiError(err));
    }
  }, [client, id]);

  useEffect(() => {
    void load();
  }, [load]);

  if (error) return <div className="fr-my-7w"><h1>Structure</h1><ApiErrorAlert error={error} /></div>;
  if (!structure) return <Loading />;

  const tabs = TABS.filter((t) => (t.tabId !== "historique" || canReadAudit(me.role)) && (t.tabId !== "visites" || canReadVisits(me.role)));
  const requested = params.get("onglet") ?? "identite";
  const selected = tabs.some((t) => t.tabId === requested) ? requested : "identite";
  const editable = canEditStructure(me, structure.id);
  const deletable = canManageRegistry(me.role) && structure.label_status === "projet" && !structure.label_date;

  return (
    <div className="fr-my-4w">
      <Breadcrumb currentPageLabel={structure.name} homeLinkProps={{ to: "/" }}
        segments={[{ label: "Structures", linkProps: { to: "/structures" } }]} />
      <div className="maillage-page-head fr-mb-3w">
        <div>
          <h1 className="fr-mb-1w">{structure.name}</h1>
          <ul className="fr-badges-group">
            <li><Badge as="span" severity="info" noIcon>{formatLabel(structure.format)}</Badge></li>
            <li><Badge as="span" severity={structure.label_status === "labellise" ? "success" : "new"} noIcon>{labelStatusLabel(structure.label_status)}</Badge></li>
            {structure.commune_name && <li><Badge as="span" noIcon>{structure.commune_name}</Badge></li>}
          </ul>
        </div>
        <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left fr-mb-0">
          {editable && (
            <li><Button iconId="fr-icon-edit-line" linkProps={{ to: `/structures/${structure.id}/modifier` }}>Modifier</Button></li>
          )}
          {deletable && (
            <li><DeleteStructureButton structure={structure} onDeleted={() => navigate("/structures", { state: { notice: "La structure a été supprimée." } })} /></li>
          )}
        </ul>
      </div>
      {notice && <Alert className="fr-mb-3w" severity="success" role="status" small description={notice} />}
      <Tabs
        label="Fiche de la structure"
        tabs={tabs}
        selectedTabId={selected}
        onTabChange={(tabId) => setParams(tabId === "identite" ? {} : { onglet: tabId }, { replace: true, state: location.state })}
      >
        <h2 className="fr-sr-only">{tabs.find((t) => t.tabId === selected)?.label}</h2>
        {selected === "identite" && <StructureIdentity structure={structure} parent={parent} group={group} />}
        {selected === "porteur" && <StructureCarrier structure={structure} />}
        {selected === "localisation" && (
          <>
            <StructurePlace structure={structure} />
            {structure.format === "itinerant" && (
              <StopsEditor structureId={structure.id} departement={structure.departement_code} editable={editable} />
            )}
          </>
        )}
        {selected === "horaires" && <HoursTab structure={structure} editable={editable} />}
        {selected === "calendrier" && <CalendarTab structureId={structure.id} editable={editable} />}
        {selected === "agents" && <AgentsTab structureId={structure.id} editable={editable} />}
        {selected === "permanences" && <PermanencesTab structure={structure} />}
        {selected === "visites" && <StructureVisits structureId={structure.id} />}
        {selected === "labellisation" && <LabelTab structure={structure} editable={editable} onStateChange={() => void load()} />}
        {selected === "historique" && <StructureHistory structureId={structure.id} />}
      </Tabs>
    </div>
  );
}
