"""The seed system of main.ts, in Python: the same charts, construct ids and props, so `python main.py` writes the
YAML `npm run synth` writes (dist/). IMAGE_REGISTRY chooses pushed images over OpenShift builds, as in main.ts."""
import os
from typing import Optional

from cdk8s import App, Chart, Duration
from strimzi_cdk8s import (
    ConsumerOptions,
    KafkaCluster,
    MicroservicePair,
    OpenShiftBuildOptions,
    ProducerOptions,
    Retention,
    Topic,
)


def build_seed_system(app: App, image_registry: Optional[str] = None) -> None:
    cluster_chart = Chart(app, "kafka-cluster")
    cluster = KafkaCluster(cluster_chart, "amm-techlab", labels={"application": "amm-techlab"})

    topic_chart = Chart(app, "manual-topic")
    topic = Topic(
        topic_chart,
        "manual",
        cluster=cluster,
        partitions=1,
        replicas=1,
        retention=Retention.of(Duration.hours(2)),
        segment_bytes=1073741824,
        labels={"application": "amm-techlab"},
    )

    services = Chart(app, "data-services")
    if image_registry is None:
        images = {"open_shift_build": OpenShiftBuildOptions()}
    else:
        registry = image_registry.rstrip("/")
        images = {
            "producer": ProducerOptions(image=f"{registry}/{MicroservicePair.DEFAULT_PRODUCER_IMAGE.split('/')[-1]}"),
            "consumer": ConsumerOptions(image=f"{registry}/{MicroservicePair.DEFAULT_CONSUMER_IMAGE.split('/')[-1]}"),
        }
    # 'Default' keeps the pair's id out of its objects' names, as in main.ts.
    MicroservicePair(services, "Default", cluster=cluster, topic=topic, **images)

    topic_chart.add_dependency(cluster_chart)
    services.add_dependency(topic_chart)


if __name__ == "__main__":
    app = App()
    build_seed_system(app, os.environ.get("IMAGE_REGISTRY") or None)
    app.synth()
