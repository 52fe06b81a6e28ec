import { ApiObject, ApiObjectMetadata, GroupVersionKind, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { Subject } from '../base/subject';
import { AppRules } from './app-rules';

export interface StrimziObjectProps {
  /** API version and kind, e.g. the generated `Kafka.GVK`. */
  readonly gvk: GroupVersionKind;
  readonly metadata: ApiObjectMetadata;
  /**
   * Produces the spec at synth, in the CRD's own field names: the generated `toJson_*Spec` of a typed spec.
   * Rendering late lets the spec reflect objects added after the construct (e.g. clients of a listener).
   */
  readonly spec: () => unknown;
  /** Who made the object, for error messages. */
  readonly owner: Subject;
}

/**
 * A Strimzi custom resource whose spec is rendered to the CRD's JSON form before escape-hatch patches apply.
 *
 * The classes `cdk8s import` generates re-map the whole object after patches (camelCase property → CRD field), so a
 * patch written as Strimzi documents it (`jvmOptions: {"-Xmx": "2g"}`) came out empty. Here a patch lands on the
 * final JSON and stays exactly as written; and the final JSON is checked against the Strimzi 1.2.0 schema at synth,
 * so a misspelt or unknown field fails the synth instead of being pruned silently by the API server.
 */
export class StrimziObject extends ApiObject {
  constructor(scope: Construct, id: string, props: StrimziObjectProps) {
    super(scope, id, { ...props.gvk, metadata: props.metadata, spec: Lazy.any({ produce: props.spec }) });
    AppRules.checkAgainstCrd(this, props.owner);
  }
}
