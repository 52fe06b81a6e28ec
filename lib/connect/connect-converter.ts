import { Subject } from '../base/subject';
import { CONNECT_RULES, JAVA_CLASS_NAME, ruleError } from './connect-rules';

/** Options of Kafka Connect's JSON converter. */
export interface JsonConverterOptions {
  /**
   * Whether each record carries its schema (`schemas.enable`): needed by sinks that map fields to columns,
   * wasteful otherwise.
   * @default true (Kafka's default)
   */
  readonly schemas?: boolean;
}

/**
 * How Kafka Connect turns record keys or values into bytes and back (`key.converter`, `value.converter`).
 * Made by the static methods.
 */
export class ConnectConverter {
  /** `org.apache.kafka.connect.json.JsonConverter`. */
  public static json(options: JsonConverterOptions = {}): ConnectConverter {
    return new ConnectConverter('org.apache.kafka.connect.json.JsonConverter', { 'schemas.enable': String(options.schemas ?? true) });
  }

  /** `org.apache.kafka.connect.storage.StringConverter`: UTF-8 text. */
  public static string(): ConnectConverter {
    return new ConnectConverter('org.apache.kafka.connect.storage.StringConverter', {});
  }

  /** `org.apache.kafka.connect.converters.ByteArrayConverter`: bytes as they are. */
  public static byteArray(): ConnectConverter {
    return new ConnectConverter('org.apache.kafka.connect.converters.ByteArrayConverter', {});
  }

  /** Any converter class on the plugin path (e.g. a schema registry's), with its settings (without the prefix). */
  public static of(className: string, config: Record<string, string> = {}): ConnectConverter {
    if (typeof className !== 'string' || !JAVA_CLASS_NAME.test(className)) {
      throw ruleError(Subject.at('ConnectConverter', String(className), 'ConnectConverter.of'), CONNECT_RULES.converter,
        `${JSON.stringify(className)} is not a Java class name`,
        "Use the converter's fully qualified class name, e.g. 'io.apicurio.registry.utils.converter.AvroConverter'");
    }
    return new ConnectConverter(className, { ...config });
  }

  private constructor(
    /** The Converter class. */
    public readonly className: string,
    private readonly settings: Record<string, string>,
  ) {}

  /** The worker or connector config of this converter as `prefix` (`key.converter` or `value.converter`). */
  public render(prefix: string): Record<string, string> {
    return {
      [prefix]: this.className,
      ...Object.fromEntries(Object.entries(this.settings).map(([key, value]) => [`${prefix}.${key}`, String(value)])),
    };
  }
}
