import * as fs from 'fs';
import { ApiObject, ApiObjectProps, App, Chart } from 'cdk8s';

// cdk8s alone: the objects another app synthesized (FLOOR_JSON: chart name -> objects, in file order) made again as
// bare ApiObjects in charts of the same names, with no library code. What cdk8s itself costs to write that output.
const charts: Record<string, ApiObjectProps[]> = JSON.parse(fs.readFileSync(process.env.FLOOR_JSON!, 'utf8'));
const app = new App();
for (const [name, objects] of Object.entries(charts)) {
  const chart = new Chart(app, name);
  objects.forEach((object, i) => new ApiObject(chart, `object-${i}`, object));
}
app.synth();
