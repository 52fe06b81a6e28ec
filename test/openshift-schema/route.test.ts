import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { InsecureTraffic, OpenShiftRoute, OpenShiftRouteProps } from '../../lib/openshift';
import { about, coded } from '../lib/support/errors';
import { appWithChart, only } from '../lib/support/synth';
import { validateAgainstOpenShift } from './openshift-schema';

/** A chart with a Service like the producer's (one named port 8080) or with the given ports, and a Route to it. */
function synthRoute(props: Partial<OpenShiftRouteProps> = {},
  ports: kplus.ServicePort[] = [{ name: 'data-producer-http', port: 8080, targetPort: 8080 }]) {
  const { chart } = appWithChart('techlab');
  const service = new kplus.Service(chart, 'service', { metadata: { name: 'data-producer' }, ports });
  const route = new OpenShiftRoute(chart, 'route', { service, ...props });
  return { route, objects: Testing.synth(chart) };
}

describe('OpenShiftRoute', () => {
  test("by default: edge TLS to the Service's only port, plain HTTP redirected", () => {
    // GIVEN a Route to the producer's Service with defaults
    const { route, objects } = synthRoute();
    // THEN it is named after the Service and targets its port by name
    expect(route.name).toBe('data-producer');
    expect(only(objects, 'Route', 'data-producer')).toEqual({
      apiVersion: 'route.openshift.io/v1',
      kind: 'Route',
      metadata: { name: 'data-producer', namespace: 'techlab' },
      spec: {
        to: { kind: 'Service', name: 'data-producer', weight: 100 },
        port: { targetPort: 'data-producer-http' },
        tls: { termination: 'edge', insecureEdgeTerminationPolicy: 'Redirect' },
      },
    });
  });

  test('path, host, name, labels and plain HTTP as asked; a port by number', () => {
    // GIVEN a plain-HTTP Route for /data on a fixed host, to an unnamed port chosen by number
    const { objects } = synthRoute(
      { name: 'producer-data', path: '/data', host: 'data.apps.example.com', edgeTls: false, port: 8080, labels: { application: 'amm-techlab' } },
      [{ port: 8080, targetPort: 9090 }, { port: 9404 }],
    );
    // THEN
    const route = only(objects, 'Route', 'producer-data');
    expect(route.metadata.labels).toEqual({ application: 'amm-techlab' });
    expect(route.spec).toEqual({
      host: 'data.apps.example.com',
      path: '/data',
      to: { kind: 'Service', name: 'data-producer', weight: 100 },
      // an unnamed port is found by the pods' port number
      port: { targetPort: 9090 },
    });
  });

  test('every variant validates against the OpenShift model', () => {
    // GIVEN the default, a plain and an edge Route that allows HTTP
    const objects = [
      ...synthRoute().objects,
      ...synthRoute({ name: 'plain', edgeTls: false, path: '/data' }).objects,
      ...synthRoute({ name: 'allow', insecureTraffic: InsecureTraffic.ALLOW, host: 'x.apps.example.com' }).objects,
    ];
    // WHEN checked THEN three Routes pass
    const results = validateAgainstOpenShift(objects);
    expect(results).toHaveLength(3);
    expect(results.flatMap((r) => r.errors)).toEqual([]);
  });

  test('the escape hatch reaches the Route', () => {
    // GIVEN a Route patched through ApiObject.of
    const { chart } = appWithChart();
    const service = new kplus.Service(chart, 'service', { metadata: { name: 'data-producer' }, ports: [{ port: 8080 }] });
    const route = new OpenShiftRoute(chart, 'route', { service });
    ApiObject.of(route).addJsonPatch(JsonPatch.add('/spec/wildcardPolicy', 'None'));
    // THEN the patch is in the output
    expect(only(Testing.synth(chart), 'Route').spec.wildcardPolicy).toBe('None');
  });

  test.each([
    [{ name: 'Producer' }, undefined,
      about("OpenShiftRoute 'Producer' (test/route)", coded('route-name-invalid', "the name 'Producer'", "'producer'"))],
    [{ port: 'metrics' }, undefined,
      about("OpenShiftRoute 'data-producer' (test/route)", coded('route-port-unknown', "no port 'metrics'", 'data-producer-http (8080)', "'port'"))],
    [{}, [{ port: 8080 }, { port: 9404 }], coded('route-port-ambiguous', "Service 'data-producer' has 2 ports (8080, 9404)", "'port'")],
    [{ path: 'data' }, undefined, /\[route-path-invalid\]: .*path 'data' must start with '\/'/],
    [{ host: 'Data.Example.com' }, undefined, /\[route-host-invalid\]: .*host 'Data\.Example\.com' must be a lower-case DNS name/],
    [{ host: 'localhost' }, undefined, /\[route-host-invalid\]: .*host 'localhost' must be a lower-case DNS name/],
    [{ edgeTls: false, insecureTraffic: InsecureTraffic.ALLOW }, undefined, coded('route-insecure-traffic-without-edge-tls', 'edge TLS', 'edgeTls')],
  ] as Array<[Partial<OpenShiftRouteProps>, kplus.ServicePort[] | undefined, RegExp]>)(
    'rejects %j with a message that names the Route, the rule and the fix',
    (props, ports, message) => {
      // WHEN the Route is created with a bad property THEN the constructor says what is wrong
      expect(() => synthRoute(props, ports)).toThrow(message);
    },
  );
});
