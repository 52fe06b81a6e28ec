import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.server.config.AbstractKafkaConfig;
import org.apache.kafka.storage.internals.log.LogConfig;

/**
 * Reads Kafka's own config definitions from the Kafka jars on the classpath, for the test that proves
 * lib/rules' tables equal them.
 *
 * - `dump`: prints every topic config (LogConfig) and broker config (AbstractKafkaConfig.CONFIG_DEF) as JSON:
 *   type, default, whether it is internal, and its validator (class, fields read by reflection, description).
 * - `check`: reads lines `<topic|broker>\t<key>\t<value>` on stdin and prints, per line, `OK` or `ERR <message>`,
 *   from Kafka's own parsing and validator for that key.
 */
public class KafkaConfigDefs {
    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("dump")) {
            System.out.println("{\"topic\":" + dump(LogConfig.configKeys(), LogConfig.nonInternalConfigNames())
                + ",\"broker\":" + dump(AbstractKafkaConfig.CONFIG_DEF.configKeys(), null) + "}");
        } else if (args.length == 1 && args[0].equals("check")) {
            check();
        } else {
            throw new IllegalArgumentException("usage: KafkaConfigDefs dump|check");
        }
    }

    private static String dump(Map<String, ConfigDef.ConfigKey> keys, Collection<String> publicNames) throws Exception {
        List<String> entries = new ArrayList<>();
        for (Map.Entry<String, ConfigDef.ConfigKey> e : new TreeMap<>(keys).entrySet()) {
            ConfigDef.ConfigKey key = e.getValue();
            boolean internal = key.internalConfig || (publicNames != null && !publicNames.contains(e.getKey()));
            entries.add(json(e.getKey()) + ":{\"type\":" + json(key.type.name())
                + ",\"default\":" + (key.hasDefault() ? json(render(key.defaultValue)) : "null")
                + ",\"internal\":" + internal
                + ",\"validator\":" + validator(key.validator) + "}");
        }
        return "{" + String.join(",", entries) + "}";
    }

    /** A validator's class and the fields that define it (Range bounds, valid strings, ...), read by reflection. */
    private static String validator(ConfigDef.Validator validator) throws Exception {
        if (validator == null) return "null";
        List<String> fields = new ArrayList<>();
        fields.add("\"class\":" + json(validator.getClass().getSimpleName()));
        fields.add("\"text\":" + json(String.valueOf(validator)));
        for (Field field : validator.getClass().getDeclaredFields()) {
            if (java.lang.reflect.Modifier.isStatic(field.getModifiers())) continue;
            field.setAccessible(true);
            Object value = field.get(validator);
            if (value instanceof ConfigDef.Validator inner) {
                fields.add(json(field.getName()) + ":" + validator(inner));
            } else if (value == null || value instanceof Number || value instanceof Boolean
                || value instanceof String || value instanceof Collection<?>) {
                fields.add(json(field.getName()) + ":" + json(render(value)));
            }
        }
        return "{" + String.join(",", fields) + "}";
    }

    private static void check() throws Exception {
        Map<String, ConfigDef.ConfigKey> topic = LogConfig.configKeys();
        Map<String, ConfigDef.ConfigKey> broker = AbstractKafkaConfig.CONFIG_DEF.configKeys();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
        String line;
        while ((line = in.readLine()) != null) {
            String[] parts = line.split("\t", 3);
            ConfigDef.ConfigKey key = (parts[0].equals("topic") ? topic : broker).get(parts[1]);
            try {
                if (key == null) throw new IllegalArgumentException("unknown key");
                Object parsed = ConfigDef.parseType(key.name, parts[2], key.type);
                if (key.validator != null) key.validator.ensureValid(key.name, parsed);
                System.out.println("OK");
            } catch (Exception e) {
                System.out.println("ERR " + String.valueOf(e.getMessage()).replace('\n', ' '));
            }
        }
    }

    private static String render(Object value) {
        if (value == null) return null;
        if (value instanceof Collection<?> list) return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        if (value instanceof org.apache.kafka.common.config.types.Password) return "[hidden]";
        if (value instanceof Class<?> c) return c.getName();
        return String.valueOf(value);
    }

    private static String json(String s) {
        if (s == null) return "null";
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> { if (c < 0x20) b.append(String.format("\\u%04x", (int) c)); else b.append(c); }
            }
        }
        return b.append('"').toString();
    }
}
