// Geometry of the "labels per wave" chart (plain SVG, no chart library): bars for each wave's labels, a line for
// the cumulative count, dashed lines for the targets, and a y axis with round ticks.

export type ChartWave = { name: string; date: string; count: number; cumulative: number };
export type ChartTarget = { label: string; count: number };
export type ChartBox = { width: number; height: number; top: number; right: number; bottom: number; left: number };

export const DEFAULT_BOX: ChartBox = { width: 720, height: 320, top: 16, right: 16, bottom: 56, left: 48 };

/** The smallest "round" number (1, 2, 2.5, 5 × 10^k, at least 1) not below `value`. */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const candidate = step * power;
    if (candidate >= value) return Math.max(1, candidate);
  }
  return 10 * power;
}

/** Integer ticks from 0 to max, at most `count + 1` of them, evenly spaced. */
export function ticks(max: number, count = 5): number[] {
  const step = Math.max(1, Math.ceil(max / count));
  const out: number[] = [];
  for (let v = 0; v <= max; v += step) out.push(v);
  if (out[out.length - 1] !== max && max % step !== 0) out.push(out[out.length - 1] + step);
  return out;
}

export type ChartGeometry = {
  yMax: number;
  ticks: { value: number; y: number }[];
  bars: { x: number; y: number; width: number; height: number; wave: ChartWave }[];
  points: { x: number; y: number; wave: ChartWave }[];
  targets: { y: number; target: ChartTarget }[];
  plot: { x0: number; x1: number; y0: number; y1: number };
};

/** Places the waves (in date order, one band each) and the targets on the plot area of `box`. */
export function chartGeometry(waves: ChartWave[], targets: ChartTarget[] = [], box: ChartBox = DEFAULT_BOX): ChartGeometry {
  const sorted = [...waves].sort((a, b) => a.date.localeCompare(b.date));
  const highest = Math.max(0, ...sorted.map((w) => Math.max(w.count, w.cumulative)), ...targets.map((t) => t.count));
  const tickValues = ticks(niceMax(highest));
  const yMax = tickValues[tickValues.length - 1] || 1;
  const plot = { x0: box.left, x1: box.width - box.right, y0: box.height - box.bottom, y1: box.top };
  const y = (v: number) => plot.y0 - ((plot.y0 - plot.y1) * v) / yMax;
  const band = sorted.length > 0 ? (plot.x1 - plot.x0) / sorted.length : 0;
  const barWidth = Math.min(48, band * 0.5);
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    yMax,
    ticks: tickValues.map((value) => ({ value, y: round(y(value)) })),
    bars: sorted.map((wave, i) => ({
      x: round(plot.x0 + band * i + (band - barWidth) / 2),
      y: round(y(wave.count)),
      width: round(barWidth),
      height: round(plot.y0 - y(wave.count)),
      wave,
    })),
    points: sorted.map((wave, i) => ({ x: round(plot.x0 + band * i + band / 2), y: round(y(wave.cumulative)), wave })),
    targets: targets.map((target) => ({ y: round(y(target.count)), target })),
    plot,
  };
}

/** The SVG path of the cumulative line ("M x y L x y …"), empty without points. */
export function linePath(points: { x: number; y: number }[]): string {
  return points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x} ${p.y}`).join(" ");
}
