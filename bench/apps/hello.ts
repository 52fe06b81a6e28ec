import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';

// The baseline: a bare cdk8s-plus-27 chart with one Deployment and Service.
const app = new App();
const chart = new Chart(app, 'hello');
const deployment = new kplus.Deployment(chart, 'hello', {
  containers: [{ image: 'hello:1', portNumber: 8080, securityContext: { ensureNonRoot: false } }],
});
deployment.exposeViaService();
app.synth();
