import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Subject } from '../base/subject';
import { isRepeatPass } from '../base/synth-pass';
import { guardCdk8s } from '../rules/cdk8s-errors';
import { KubeJson } from '../rules/kubernetes-objects';

/** An ApiObject of the app and its JSON, as cdk8s will write it. */
export interface Rendered {
  readonly object: ApiObject;
  readonly json: KubeJson;
}

/** A check over every object of the app; returns its problems, each a whole message. */
export type SynthCheck = (objects: readonly Rendered[]) => string[];

const registries = new WeakMap<IConstruct, SynthCheck[]>();

/**
 * Adds `check` to the checks of the app of `scope` that run once per synth, over every ApiObject rendered once.
 *
 * cdk8s validates the whole app again before each chart it writes: with one validation per check, an app of N charts
 * would render all its objects N times per check. Here the app gets one validation: its first pass of a synth renders
 * the objects once and runs every check; cdk8s' repeats of that synth reuse the problems (see isRepeatPass), and
 * every other pass (a later synth, after a grant or a patch) renders and checks again.
 */
export function addSynthCheck(scope: IConstruct, check: SynthCheck): void {
  const root = scope.node.root;
  const checks = registries.get(root);
  if (checks) {
    checks.push(check);
    return;
  }
  const all = [check];
  registries.set(root, all);
  let last: string[] | undefined;
  root.node.addValidation({
    validate: () => {
      if (last && isRepeatPass()) return last;
      const objects = rendered(root);
      last = all.flatMap((c) => c(objects));
      return last;
    },
  });
}

function rendered(root: IConstruct): Rendered[] {
  return root.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject).map((object) => ({
    object,
    // cdk8s renders some props only now (cdk8s-plus' resources, lazy values): its refusals are named here.
    json: guardCdk8s(Subject.of(object, object.kind, object.name), 'rendering', () => object.toJson(),
      'Correct the escape-hatch patch (or the value) the message names') as KubeJson,
  }));
}
