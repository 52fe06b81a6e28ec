import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes records with Kafka's own Java producer, once per compression type: good SensorMeasurements
 * (key {@code <compression>-good-<i>}) each followed by an unusable record (key
 * {@code <compression>-bad-<i>}), and one 900 KB unusable value (key {@code <compression>-big}).
 *
 * <p>Usage: {@code java -cp '<kafka jars>/*' MixedRecordsProducer.java <bootstrap> <topic> <good per type> <types>}
 * with types such as {@code none,gzip,snappy,lz4,zstd}.
 */
public class MixedRecordsProducer {
  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    String topic = args[1];
    int good = Integer.parseInt(args[2]);
    for (String compression : args[3].split(",")) {
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      // Wait a little so that many records share a batch, which is what gets compressed.
      props.put(ProducerConfig.LINGER_MS_CONFIG, "50");
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
        for (int i = 0; i < good; i++) {
          send(producer, topic, compression + "-good-" + i, utf8("{\"data\":" + (i + 0.5) / good + "}"));
          send(producer, topic, compression + "-bad-" + i, unusable(i));
        }
        send(producer, topic, compression + "-big", utf8("x".repeat(900_000)));
        producer.flush();
      }
      System.out.println("wrote " + compression);
    }
  }

  /** One of five kinds of value a SensorMeasurement consumer cannot use. */
  private static byte[] unusable(int i) {
    switch (i % 5) {
      case 0: return utf8("not json at all");
      case 1: return null;
      case 2: return utf8("{\"data\":\"high\"}");
      case 3: return new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0x80};
      default: return utf8("[0.5]");
    }
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, utf8(key), value), (metadata, error) -> {
      if (error != null) {
        error.printStackTrace();
        System.exit(1);
      }
    });
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
