import { useCallback, useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { getProgress, getRegionProgress, getRegionTargets, getTargets, type Progress, type Target } from "../api/labelling";
import type { ApiClient } from "../api/client";
import { ApiError, toApiError } from "../api/problem";
import { useApi, useCurrentUser } from "../auth/AuthContext";
import { ApiErrorAlert } from "../components/ApiErrorAlert";
import { Loading } from "../components/Loading";
import { DepartementSelect, useDepartementParam } from "../components/labelling/DepartementSelect";
import { LabellingNav } from "../components/labelling/LabellingNav";
import { ProgressChart } from "../components/labelling/ProgressChart";
import { Distribution, Stats } from "../components/labelling/ProgressSummary";
import { TargetsEditor } from "../components/labelling/TargetsEditor";
import { LevelSwitch, RegionSelect } from "../components/labelling/TargetsScope";
import { usePageTitle } from "../components/usePageTitle";
import { departementLabel, regionLabel } from "../components/useReferenceData";
import { canWriteTargets, plural } from "../labelling/labels";
import { canSeeRegion, canWriteRegionTargets, pickRegion, regionChoices, targetLevel, type TargetLevel } from "../labelling/scope";
import { targetTitle } from "../labelling/targets";
import { formatDate } from "../registry/labels";

/** The targets and the progress of a département, or of a région at the région level. */
function readScope(client: ApiClient, level: TargetLevel, code: string): Promise<[Target[], Progress]> {
  return level === "region"
    ? Promise.all([getRegionTargets(client, code), getRegionProgress(client, code)])
    : Promise.all([getTargets(client, code), getProgress(client, code)]);
}

/** Objectifs et progression: a département's (or, for admin and region users, a région's) targets and progress. */
export function TargetsPage() {
  usePageTitle("Objectifs et progression de la labellisation");
  const client = useApi();
  const me = useCurrentUser();
  const { refs, choices, departement } = useDepartementParam(client);
  const [params, setParams] = useSearchParams();
  // Local state first: a controlled radio must change at once (the URL follows in a router transition).
  const [level, setLevel] = useState<TargetLevel>(() => targetLevel(me, params.get("niveau")));
  const regions = regionChoices(me, refs);
  const region = pickRegion(regions, params.get("region"));
  const code = level === "region" ? region : departement;
  const [targets, setTargets] = useState<Target[] | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");

  const setParam = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) next.set(k, v);
    setParams(next, { replace: true });
  };
  const chooseLevel = (next: TargetLevel) => {
    setLevel(next);
    setParam({ niveau: next });
  };

  const load = useCallback(async () => {
    const [t, p] = await readScope(client, level, code);
    setTargets(t);
    setProgress(p);
  }, [client, level, code]);

  useEffect(() => {
    if (!code) return;
    let cancelled = false;
    setTargets(null);
    setProgress(null);
    setError(null);
    setNotice("");
    readScope(client, level, code)
      .then(([t, p]) => {
        if (cancelled) return;
        setTargets(t);
        setProgress(p);
      })
      .catch((err) => !cancelled && setError(toApiError(err)));
    return () => {
      cancelled = true;
    };
  }, [client, level, code]);

  // A target of 0 structures (every canton covered only) has no line on the chart.
  const chartTargets = (progress?.targets ?? []).filter((p) => p.target.count > 0)
    .map((p) => ({ label: targetTitle(p.target, formatDate), count: p.target.count }));
  const isRegion = level === "region";
  const place = isRegion ? `Région ${regionLabel(region, refs)}` : departementLabel(departement, refs);
  const editable = isRegion ? canWriteRegionTargets(me.role) : canWriteTargets(me.role);

  return (
    <div className="fr-my-4w">
      <Breadcrumb currentPageLabel="Objectifs et progression" homeLinkProps={{ to: "/" }} segments={[]} />
      <h1>Objectifs et progression de la labellisation</h1>
      <LabellingNav current="targets" departement={departement} />
      {canSeeRegion(me.role) && <LevelSwitch level={level} onChange={chooseLevel} />}
      {isRegion
        ? <RegionSelect choices={regions} value={region} onChange={(r) => setParam({ niveau: "region", region: r })} refs={refs} />
        : <DepartementSelect choices={choices} value={departement} onChange={(d) => setParam({ niveau: "departement", departement: d })} refs={refs} />}
      <ApiErrorAlert error={error} />
      {!code && refs && <p>{isRegion ? "Aucune région dans votre territoire." : "Aucun département dans votre territoire."}</p>}
      {code && (!targets || !progress) && !error && <Loading label="Chargement des objectifs…" />}
      {targets && progress && (
        <>
          <h2 className="fr-h4" data-testid="targets-place">{place} : {plural(progress.labelled, "structure labellisée", "structures labellisées")}</h2>
          <Stats progress={progress} />
          {notice && <Alert className="fr-mb-3w" severity="success" role="status" small description={notice} />}
          <TargetsEditor departement={departement} region={isRegion ? region : undefined} targets={targets} progress={progress.targets}
            uncovered={progress.cantons.uncovered.length} editable={editable}
            onChange={async (message) => {
              setNotice(message);
              try {
                await load();
              } catch (err) {
                setError(toApiError(err));
              }
            }} />
          <section className="fr-mb-5w" aria-labelledby="progress-title">
            <h2 id="progress-title" className="fr-h4">Progression</h2>
            <Distribution progress={progress} />
            <ProgressChart waves={progress.waves} targets={chartTargets} />
          </section>
        </>
      )}
    </div>
  );
}
