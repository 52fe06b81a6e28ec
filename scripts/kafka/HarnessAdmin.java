import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.server.config.AbstractKafkaConfig;

/**
 * The admin operations the harness needs and kafkajs lacks, run with Kafka's own classes
 * ({@code java -cp '<kafka jars>/*' HarnessAdmin.java <command>}). Commands:
 * <ul>
 * <li>{@code broker-config-names}: prints every broker config key Kafka defines, one a line.</li>
 * <li>{@code format <StorageTool format arguments>}: formats a node's storage, adding one
 *   {@code --add-scram} argument per stdin line (the SCRAM users that must exist at start-up), and swallows
 *   the tool's output, which prints each credential's salt and keys.</li>
 * <li>{@code users <admin client properties file>}: reads lines from stdin (so that no password shows in
 *   a process listing) and applies them, as Strimzi's User Operator does:
 *   {@code scram <user> <password>} creates or replaces the user's SCRAM-SHA-512 credential;
 *   {@code quotas <user> [key=value ...]} sets the user's quotas and removes the ones left out.</li>
 * </ul>
 */
public class HarnessAdmin {
    // The User Operator's iteration count for SCRAM-SHA-512 (Kafka accepts 4096 to 16384).
    private static final int SCRAM_ITERATIONS = 4096;
    private static final List<String> QUOTA_KEYS =
        List.of("producer_byte_rate", "consumer_byte_rate", "request_percentage", "controller_mutation_rate");

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("broker-config-names")) {
            new TreeSet<>(AbstractKafkaConfig.CONFIG_DEF.names()).forEach(System.out::println);
        } else if (args.length > 1 && args[0].equals("format")) {
            System.exit(format(args));
        } else if (args.length == 2 && args[0].equals("users")) {
            applyUsers(args[1]);
        } else {
            System.err.println("usage: HarnessAdmin broker-config-names | format <args> | users <admin client properties>");
            System.exit(64);
        }
    }

    private static int format(String[] args) throws Exception {
        List<String> formatArgs = new ArrayList<>(List.of(args).subList(1, args.length));
        formatArgs.add(0, "format");
        for (String line : readLines()) {
            formatArgs.add("--add-scram");
            formatArgs.add(line);
        }
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        return kafka.tools.StorageTool.execute(formatArgs.toArray(new String[0]), discard);
    }

    private static List<String> readLines() throws Exception {
        List<String> lines = new ArrayList<>();
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = stdin.readLine(); line != null; line = stdin.readLine()) {
            if (!line.isEmpty()) lines.add(line);
        }
        return lines;
    }

    private static void applyUsers(String clientProperties) throws Exception {
        Properties properties = new Properties();
        try (FileInputStream in = new FileInputStream(clientProperties)) {
            properties.load(in);
        }
        List<UserScramCredentialAlteration> credentials = new ArrayList<>();
        List<ClientQuotaAlteration> quotas = new ArrayList<>();
        for (String line : readLines()) {
            String[] words = line.split(" ");
            if (words.length == 3 && words[0].equals("scram")) {
                ScramCredentialInfo info = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS);
                credentials.add(new UserScramCredentialUpsertion(words[1], info, words[2]));
            } else if (words.length >= 2 && words[0].equals("quotas")) {
                quotas.add(quotaAlteration(words));
            } else {
                throw new IllegalArgumentException("Unknown instruction: " + words[0]);
            }
        }
        try (Admin admin = Admin.create(properties)) {
            if (!credentials.isEmpty()) admin.alterUserScramCredentials(credentials).all().get();
            if (!quotas.isEmpty()) admin.alterClientQuotas(quotas).all().get();
        }
    }

    private static ClientQuotaAlteration quotaAlteration(String[] words) {
        Map<String, Double> values = new HashMap<>();
        for (int i = 2; i < words.length; i++) {
            String[] keyValue = words[i].split("=", 2);
            if (!QUOTA_KEYS.contains(keyValue[0])) throw new IllegalArgumentException("Unknown quota: " + keyValue[0]);
            values.put(keyValue[0], Double.valueOf(keyValue[1]));
        }
        List<ClientQuotaAlteration.Op> ops = new ArrayList<>();
        // A null value removes the quota, so keys the user no longer sets fall back to the broker default.
        for (String key : QUOTA_KEYS) ops.add(new ClientQuotaAlteration.Op(key, values.get(key)));
        return new ClientQuotaAlteration(new ClientQuotaEntity(Map.of(ClientQuotaEntity.USER, words[1])), ops);
    }
}
