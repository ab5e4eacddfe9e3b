import { describe, expect, it } from "vitest";
import { DEFAULT_BOX, chartGeometry, linePath, niceMax, ticks } from "./chart";

describe("niceMax and ticks", () => {
  it("rounds up to 1, 2, 2.5, 5 × 10^k", () => {
    expect([0, 1, 3, 7, 23, 24, 26, 176, 1000].map(niceMax)).toEqual([1, 1, 5, 10, 25, 25, 50, 200, 1000]);
  });

  it("gives integer ticks from 0 up to (at least) the maximum", () => {
    expect(ticks(25)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(ticks(1)).toEqual([0, 1]);
    expect(ticks(200)).toEqual([0, 40, 80, 120, 160, 200]);
    expect(ticks(2.5)).toEqual([0, 1, 2, 3]);
  });
});

describe("chartGeometry", () => {
  const waves = [
    { name: "Vague 2", date: "2022-01-01", count: 3, cumulative: 23 },
    { name: "Vague 1", date: "2020-01-01", count: 20, cumulative: 20 },
  ];

  it("orders waves by date and scales bars, line and targets on one axis", () => {
    const g = chartGeometry(waves, [{ label: "Objectif", count: 24 }]);
    expect(g.yMax).toBe(25);
    const { x0, x1, y0, y1 } = g.plot;
    expect([x0, x1, y0, y1]).toEqual([DEFAULT_BOX.left, DEFAULT_BOX.width - DEFAULT_BOX.right, DEFAULT_BOX.height - DEFAULT_BOX.bottom, DEFAULT_BOX.top]);
    expect(g.points.map((p) => p.wave.name)).toEqual(["Vague 1", "Vague 2"]);
    const h = y0 - y1; // 248 px for 25 structures
    expect(g.points[0].y).toBeCloseTo(y0 - (h * 20) / 25, 1);
    expect(g.points[1].y).toBeCloseTo(y0 - (h * 23) / 25, 1);
    expect(g.bars[0].height).toBeCloseTo((h * 20) / 25, 1);
    expect(g.bars[1].y + g.bars[1].height).toBeCloseTo(y0, 1);
    expect(g.targets[0].y).toBeCloseTo(y0 - (h * 24) / 25, 1);
    expect(g.ticks[0]).toEqual({ value: 0, y: y0 });
    expect(g.ticks.at(-1)).toEqual({ value: 25, y: y1 });
    // Bars are centred in equal bands, points on the bands' middles.
    const band = (x1 - x0) / 2;
    expect(g.points[0].x).toBeCloseTo(x0 + band / 2, 1);
    expect(g.bars[0].x + g.bars[0].width / 2).toBeCloseTo(g.points[0].x, 1);
  });

  it("lets a target above every wave set the scale, and copes with no wave", () => {
    expect(chartGeometry(waves, [{ label: "Région", count: 176 }]).yMax).toBe(200);
    const empty = chartGeometry([], []);
    expect(empty.yMax).toBe(1);
    expect(empty.bars).toEqual([]);
    expect(linePath(empty.points)).toBe("");
    expect(linePath([{ x: 1, y: 2 }, { x: 3, y: 4 }])).toBe("M1 2 L3 4");
  });
});
