import { parseFamiliarName } from '@swimlane/docker-reference';

/**
 * Container image references: the grammar of the container runtimes (distribution/reference, which
 * @swimlane/docker-reference implements): `[registry[:port]/]repository[:tag][@digest]`, lower-case repository.
 */

/** What is wrong with an image reference, as a phrase; undefined when it is well formed. */
export function imageReferenceProblem(image: unknown): string | undefined {
  if (image === undefined || image === '') return 'the image is empty; a container needs an image to run';
  if (typeof image !== 'string') return `the image is ${JSON.stringify(image)}, not a string`;
  // Kubernetes itself refuses leading or trailing whitespace (ValidateContainer, "must not have leading or trailing whitespace").
  if (image.trim() !== image) return `the image '${image}' has leading or trailing whitespace`;
  try {
    parseFamiliarName(image);
    return undefined;
  } catch (e) {
    return `the image '${image}' is not a valid image reference (${(e as Error).message}); the kubelet would fail with InvalidImageName`;
  }
}

/** The tag of a well-formed reference, or undefined when it has none (a digest, or no tag at all). */
export function imageTag(image: string): string | undefined {
  return parseFamiliarName(image).tag;
}

/** Whether a reference pins its content with a digest. */
export function hasDigest(image: string): boolean {
  return parseFamiliarName(image).digest !== undefined;
}
