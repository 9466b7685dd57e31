import type { Sample } from './soak-report.js';

const WIDTH = 760;
const PANEL_HEIGHT = 170;
const LEFT = 64;
const RIGHT = 20;
const TOP = 40;
const GAP = 50;

interface Series {
  title: string;
  unit: string;
  color: string;
  values: number[];
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A round step for about four gridlines up to `max`: 1, 2 or 5 times a power of ten. */
function gridStep(max: number): number {
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough);
  return step ?? power * 10;
}

/** One panel: a line over time, its y axis from 0 so that growth is seen at its true size. */
function panel(series: Series, times: number[], top: number, endS: number): string {
  const plotWidth = WIDTH - LEFT - RIGHT;
  const step = gridStep(Math.max(...series.values, 1e-9));
  const yMax = Math.ceil(Math.max(...series.values, 1e-9) / step) * step;
  const x = (t: number) => LEFT + (t / endS) * plotWidth;
  const y = (v: number) => top + PANEL_HEIGHT - (v / yMax) * PANEL_HEIGHT;
  const parts: string[] = [
    `<text x="${LEFT}" y="${top - 10}" font-size="13" font-weight="bold">${escapeXml(series.title)}</text>`,
  ];
  for (let v = 0; v <= yMax + step / 2; v += step) {
    parts.push(
      `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/>`,
      `<text x="${LEFT - 6}" y="${(y(v) + 4).toFixed(1)}" font-size="11" text-anchor="end">${+v.toFixed(3)} ${series.unit}</text>`,
    );
  }
  const minuteStep = endS > 300 ? 60 : endS > 60 ? 30 : 10;
  for (let t = 0; t <= endS; t += minuteStep) {
    const label = endS > 60 ? `${t / 60} min` : `${t} s`;
    parts.push(
      `<text x="${x(t).toFixed(1)}" y="${top + PANEL_HEIGHT + 15}" font-size="11" text-anchor="middle">${label}</text>`,
    );
  }
  const points = series.values.map((v, i) => `${x(times[i] as number).toFixed(1)},${y(v).toFixed(1)}`);
  parts.push(
    `<rect x="${LEFT}" y="${top}" width="${plotWidth}" height="${PANEL_HEIGHT}" fill="none" stroke="#888"/>`,
    `<polyline points="${points.join(' ')}" fill="none" stroke="${series.color}" stroke-width="2"/>`,
  );
  return parts.join('\n');
}

/**
 * The soak as an SVG line chart, without a dependency: the server's RSS over time above, the p99
 * latency of each sampling interval below.
 */
export function renderChart(samples: Sample[], caption: string): string {
  const times = samples.map((sample) => sample.t);
  const endS = Math.max(...times, 1);
  const height = TOP + 2 * PANEL_HEIGHT + GAP + 40;
  const rss: Series = {
    title: 'Server RSS',
    unit: 'MB',
    color: '#1f77b4',
    values: samples.map((s) => s.rssMb),
  };
  const p99: Series = {
    title: 'p99 latency per interval',
    unit: 'ms',
    color: '#d62728',
    values: samples.map((s) => s.p99Ms),
  };
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">`,
    `<title>${escapeXml(`Soak: server RSS and p99 latency over time; ${caption}`)}</title>`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="18" font-size="14" text-anchor="middle">${escapeXml(caption)}</text>`,
    panel(rss, times, TOP, endS),
    panel(p99, times, TOP + PANEL_HEIGHT + GAP, endS),
    '</svg>',
    '',
  ].join('\n');
}
