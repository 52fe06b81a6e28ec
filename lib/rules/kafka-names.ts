import { Subject } from '../base/subject';

/**
 * Kafka's rules for topic names (org.apache.kafka.common.internals.Topic.validate): at most 249 characters of
 * `[a-zA-Z0-9._-]`, not `.` or `..`; and the library's: no `__` prefix, which Kafka keeps for its internal topics.
 */
export const TOPIC_NAME = { maxLength: 249, pattern: /^[a-zA-Z0-9._-]+$/, reserved: ['.', '..'], internalPrefix: '__' } as const;

const TOPIC_RULE = "Kafka topic names are 1 to 249 characters of letters, digits, '.', '_' and '-', are not '.' or '..', " +
  "and do not start with '__' (reserved for Kafka's internal topics)";

/** Throws naming `subject` unless `name` is a topic name Kafka accepts for a user topic. */
export function checkTopicName(subject: Subject, name: unknown): void {
  const fix = (text: string) =>
    `Rename the topic, e.g. '${text.replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/^_+/, '').slice(0, TOPIC_NAME.maxLength) || 'my-topic'}'`;
  if (typeof name !== 'string') throw subject.error('topic-name-not-a-string',
    `the topic name is ${JSON.stringify(name)}, not a string. ${TOPIC_RULE}`, fix('my-topic'));
  const problem = name.length === 0 || name.length > TOPIC_NAME.maxLength ? `the name has ${name.length} characters`
    : (TOPIC_NAME.reserved as readonly string[]).includes(name) ? `'${name}' is not allowed`
      : !TOPIC_NAME.pattern.test(name) ? 'the name contains characters other than [a-zA-Z0-9._-]'
        : name.startsWith(TOPIC_NAME.internalPrefix) ? "the name starts with '__'" : undefined;
  if (problem) throw subject.error('topic-name-invalid', `${problem}. ${TOPIC_RULE}`, fix(name === '.' || name === '..' ? 'my-topic' : name));
}

/**
 * Consumer group ids: Kafka accepts any non-empty string; the library keeps the topic alphabet (1 to 249 of
 * `[a-zA-Z0-9._-]`) so that an id also works as an ACL resource name, a metric tag and an environment value.
 */
export const GROUP_ID = /^[a-zA-Z0-9._-]{1,249}$/;

/** Throws naming `subject` unless `groupId` follows GROUP_ID. */
export function checkGroupId(subject: Subject, groupId: unknown): void {
  if (typeof groupId !== 'string' || !GROUP_ID.test(groupId)) {
    throw subject.error('group-id-invalid', `groupId ${JSON.stringify(groupId)} must be 1 to 249 of [a-zA-Z0-9._-]`,
      `Use e.g. '${String(groupId ?? '').replace(/[^a-zA-Z0-9._-]+/g, '-').slice(0, 249) || 'my-group'}'`);
  }
}
