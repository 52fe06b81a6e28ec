package io.github.strimzicdk8s.seed;

import io.github.strimzicdk8s.ConsumerOptions;
import io.github.strimzicdk8s.KafkaCluster;
import io.github.strimzicdk8s.MicroservicePair;
import io.github.strimzicdk8s.OpenShiftBuildOptions;
import io.github.strimzicdk8s.ProducerOptions;
import io.github.strimzicdk8s.Retention;
import io.github.strimzicdk8s.Topic;
import java.util.Map;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.cdk8s.Duration;

/**
 * The seed system of main.ts, in Java: the same charts, construct ids and props, so it writes the YAML
 * `npm run synth` writes (dist/). IMAGE_REGISTRY chooses pushed images over OpenShift builds, as in main.ts.
 */
public final class SeedSystem {
    private SeedSystem() {
    }

    public static void build(final App app, final String imageRegistry) {
        Chart clusterChart = new Chart(app, "kafka-cluster");
        KafkaCluster cluster = KafkaCluster.Builder.create(clusterChart, "amm-techlab")
                .labels(Map.of("application", "amm-techlab"))
                .build();

        Chart topicChart = new Chart(app, "manual-topic");
        Topic topic = Topic.Builder.create(topicChart, "manual")
                .cluster(cluster)
                .partitions(1)
                .replicas(1)
                .retention(Retention.of(Duration.hours(2)))
                .segmentBytes(1073741824)
                .labels(Map.of("application", "amm-techlab"))
                .build();

        Chart services = new Chart(app, "data-services");
        // "Default" keeps the pair's id out of its objects' names, as in main.ts.
        MicroservicePair.Builder pair = MicroservicePair.Builder.create(services, "Default").cluster(cluster).topic(topic);
        if (imageRegistry == null) {
            pair.openShiftBuild(OpenShiftBuildOptions.builder().build());
        } else {
            String registry = imageRegistry.replaceAll("/+$", "");
            pair.producer(ProducerOptions.builder().image(registry + "/" + lastSegment(MicroservicePair.DEFAULT_PRODUCER_IMAGE)).build());
            pair.consumer(ConsumerOptions.builder().image(registry + "/" + lastSegment(MicroservicePair.DEFAULT_CONSUMER_IMAGE)).build());
        }
        pair.build();

        topicChart.addDependency(clusterChart);
        services.addDependency(topicChart);
    }

    private static String lastSegment(final String image) {
        return image.substring(image.lastIndexOf('/') + 1);
    }

    public static void main(final String[] args) {
        App app = new App();
        String registry = System.getenv("IMAGE_REGISTRY");
        build(app, registry == null || registry.isEmpty() ? null : registry);
        app.synth();
    }
}
