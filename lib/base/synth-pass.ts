// cdk8s' own module, as Node names it in stack frames (installed, or linked into a workspace).
const CDK8S_APP = /[\\/]cdk8s[\\/]lib[\\/]app\.js$/;

/**
 * Whether the whole-app validation running now repeats one already run in the same `App.synth()` (or `synthYaml()`).
 *
 * cdk8s validates the whole app once before it writes anything, then again before each chart it writes
 * (`App.synth` → `chart.toJson()` → `App._synthChart` → `validate(app)`), with only its own rendering in between:
 * an app of 200 charts is validated 201 times per synth. A check over the whole app may reuse the result of that
 * synth's first pass in the repeats. Every other validation is a first pass: `Testing.synth(chart)`, a lone
 * `chart.toJson()`, and the first pass of a later `App.synth()` — after a grant, a patch or a label added since,
 * which must be checked again. cdk8s has no hook for "a synth starts", so this reads the call stack; when it cannot
 * recognise cdk8s' frames (a bundled app), every pass counts as a first pass: slower, never stale.
 */
export function isRepeatPass(): boolean {
  const frames = callSites();
  const inApp = (site: NodeJS.CallSite, names: readonly string[]) =>
    CDK8S_APP.test(site.getFileName() ?? '') && names.includes(site.getFunctionName() ?? '');
  const chart = frames.findIndex((site) => inApp(site, ['_synthChart']));
  return chart >= 0 && frames.slice(chart + 1).some((site) => inApp(site, ['synth', 'synthYaml']));
}

function callSites(): NodeJS.CallSite[] {
  const { stackTraceLimit, prepareStackTrace } = Error;
  Error.stackTraceLimit = Infinity;
  Error.prepareStackTrace = (_error, sites) => sites;
  try {
    const holder: { stack?: NodeJS.CallSite[] } = {};
    Error.captureStackTrace(holder, isRepeatPass);
    return holder.stack ?? [];
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
    Error.prepareStackTrace = prepareStackTrace;
  }
}
