// A Chart.js chart on a canvas, described for assistive technology (role="img" with a label); every chart on
// the page also has its numbers in a table beside it.
import { useEffect, useRef } from "preact/hooks";
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartConfiguration,
} from "chart.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

export function ChartCanvas({ config, label, testId }: { config: ChartConfiguration; label: string; testId?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, { ...config, options: { animation: false, responsive: true, maintainAspectRatio: false, ...config.options } });
    return () => chart.destroy();
  }, [JSON.stringify(config.data)]);
  return <div class="chart"><canvas ref={canvas} role="img" aria-label={label} data-testid={testId} /></div>;
}

export const palette = ["#1f5fa8", "#b3261e", "#2e7d32", "#8a4b08", "#6a1b9a", "#00695c", "#ad1457", "#37474f", "#4e342e", "#283593"];
