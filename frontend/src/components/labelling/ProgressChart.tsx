import { useId } from "react";
import type { WaveProgress } from "../../api/labelling";
import { DEFAULT_BOX, chartGeometry, linePath, type ChartTarget } from "../../labelling/chart";
import { formatDate } from "../../registry/labels";
import "./labelling.css";

type Props = { waves: WaveProgress[]; targets: ChartTarget[] };

const shortDate = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short" });
/** "01/01/2022" under a wave's bar. */
function axisDate(value: string): string {
  const d = new Date(`${value}T12:00:00`);
  return Number.isNaN(d.getTime()) ? value : shortDate.format(d);
}

/** A plain-text sentence describing the chart (its SVG description). */
export function chartSummary(waves: WaveProgress[], targets: ChartTarget[]): string {
  if (waves.length === 0) return "Aucune vague de labellisation pour l’instant.";
  const sorted = [...waves].sort((a, b) => a.date.localeCompare(b.date));
  const last = sorted[sorted.length - 1];
  const parts = [`${sorted.length} vague${sorted.length > 1 ? "s" : ""} de labellisation, du ${formatDate(sorted[0].date)} au ${formatDate(last.date)}`,
    `${last.cumulative} structure${last.cumulative > 1 ? "s" : ""} labellisée${last.cumulative > 1 ? "s" : ""} au total après la dernière vague`];
  if (targets.length > 0) parts.push(`objectif${targets.length > 1 ? "s" : ""} : ${targets.map((t) => `${t.label} (${t.count})`).join(", ")}`);
  return `${parts.join(" ; ")}.`;
}

/** Labels per wave: bars for each wave, the cumulative line, the targets dashed; the same data as a table below. */
export function ProgressChart({ waves, targets }: Props) {
  const id = useId();
  const box = DEFAULT_BOX;
  const g = chartGeometry(waves, targets, box);
  const sorted = g.points.map((p) => p.wave);
  // At most 8 dates under the axis: with more waves, every n-th one.
  const stride = Math.max(1, Math.ceil(sorted.length / 8));
  return (
    <figure className="fr-mb-4w" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="fr-h6 fr-mb-1w">Labellisations par vague</figcaption>
      {waves.length > 0 && (
        <svg className="maillage-chart" viewBox={`0 0 ${box.width} ${box.height}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`}>
          <title id={`${id}-title`}>Labellisations par vague et cumul</title>
          <desc id={`${id}-desc`}>{chartSummary(waves, targets)}</desc>
          {g.ticks.map((t) => (
            <g key={t.value} aria-hidden="true">
              <line className="maillage-chart__grid" x1={g.plot.x0} x2={g.plot.x1} y1={t.y} y2={t.y} />
              <text x={g.plot.x0 - 8} y={t.y + 4} textAnchor="end">{t.value}</text>
            </g>
          ))}
          <line className="maillage-chart__axis" x1={g.plot.x0} x2={g.plot.x0} y1={g.plot.y0} y2={g.plot.y1} aria-hidden="true" />
          <line className="maillage-chart__axis" x1={g.plot.x0} x2={g.plot.x1} y1={g.plot.y0} y2={g.plot.y0} aria-hidden="true" />
          {g.bars.map((b) => <rect key={b.wave.name + b.wave.date} className="maillage-chart__bar" x={b.x} y={b.y} width={b.width} height={b.height} aria-hidden="true" />)}
          <path className="maillage-chart__line" d={linePath(g.points)} aria-hidden="true" />
          {g.points.map((p, i) => (
            <g key={p.wave.name + p.wave.date} aria-hidden="true">
              <circle className="maillage-chart__point" cx={p.x} cy={p.y} r={4} />
              <text x={p.x} y={p.y - 8} textAnchor="middle">{p.wave.cumulative}</text>
              {i % stride === 0 && <text x={p.x} y={g.plot.y0 + 18} textAnchor="middle">{axisDate(p.wave.date)}</text>}
            </g>
          ))}
          {g.targets.map((t) => (
            <g key={t.target.label + t.target.count} aria-hidden="true">
              <line className="maillage-chart__target" x1={g.plot.x0} x2={g.plot.x1} y1={t.y} y2={t.y} />
              <text x={g.plot.x0 + 6} y={t.y - 6} textAnchor="start">{`${t.target.label} : ${t.target.count}`}</text>
            </g>
          ))}
        </svg>
      )}
      <p className="fr-text--sm">{chartSummary(waves, targets)} Barres : structures labellisées lors de la vague ; ligne : cumul ; tirets : objectifs.</p>
      {sorted.length > 0 && (
        <div className="fr-table fr-table--sm">
          <div className="fr-table__wrapper"><div className="fr-table__container"><div className="fr-table__content">
            <table>
              <caption>Données du graphique : labellisations par vague</caption>
              <thead><tr><th scope="col">Vague</th><th scope="col">Date</th><th scope="col">Labellisées lors de la vague</th><th scope="col">Cumul</th></tr></thead>
              <tbody>
                {sorted.map((w) => (
                  <tr key={w.name + w.date}><th scope="row">{w.name}</th><td>{formatDate(w.date)}</td><td>{w.count}</td><td>{w.cumulative}</td></tr>
                ))}
              </tbody>
            </table>
          </div></div></div>
        </div>
      )}
    </figure>
  );
}
