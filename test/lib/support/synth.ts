import { App, Chart, Testing } from 'cdk8s';
import { KubeObject } from './schemas';

/** Synthesizes every chart of an app (running validations), in the order `cdk8s synth` writes them. */
export function synthApp(app: App): KubeObject[] {
  return app.charts.flatMap((chart) => Testing.synth(chart) as KubeObject[]);
}

/** The one object of a kind (and name, if given) in a list; fails the test if there is not exactly one. */
export function only(objects: KubeObject[], kind: string, name?: string): any {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata?.name === name));
  if (found.length !== 1) {
    throw new Error(`expected one ${kind}${name ? ` '${name}'` : ''}, found ${found.length}`);
  }
  return found[0];
}

/** A fresh app (with `context`, if given) and a chart in it, optionally in a namespace. */
export function appWithChart(namespace?: string, context?: Record<string, unknown>): { app: App; chart: Chart } {
  const app = Testing.app();
  for (const [key, value] of Object.entries(context ?? {})) app.node.setContext(key, value);
  return { app, chart: new Chart(app, 'test', { namespace }) };
}
