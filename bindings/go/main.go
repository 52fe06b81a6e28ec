// The seed system of main.ts, in Go: the same charts, construct ids and props, so it writes the YAML
// `npm run synth` writes (dist/). IMAGE_REGISTRY chooses pushed images over OpenShift builds, as in main.ts.
package main

import (
	"os"
	"path"
	"strings"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
	"github.com/strimzi-cdk8s/strimzi-cdk8s-go/strimzicdk8s"
)

func buildSeedSystem(app cdk8s.App, imageRegistry string) {
	clusterChart := cdk8s.NewChart(app, jsii.String("kafka-cluster"), nil)
	cluster := strimzicdk8s.NewKafkaCluster(clusterChart, jsii.String("amm-techlab"), &strimzicdk8s.KafkaClusterProps{
		Labels: &map[string]*string{"application": jsii.String("amm-techlab")},
	})

	topicChart := cdk8s.NewChart(app, jsii.String("manual-topic"), nil)
	topic := strimzicdk8s.NewTopic(topicChart, jsii.String("manual"), &strimzicdk8s.TopicProps{
		Cluster:      cluster,
		Partitions:   jsii.Number(1),
		Replicas:     jsii.Number(1),
		Retention:    strimzicdk8s.Retention_Of(cdk8s.Duration_Hours(jsii.Number(2))),
		SegmentBytes: jsii.Number(1073741824),
		Labels:       &map[string]*string{"application": jsii.String("amm-techlab")},
	})

	services := cdk8s.NewChart(app, jsii.String("data-services"), nil)
	pair := &strimzicdk8s.MicroservicePairProps{Cluster: cluster, Topic: topic}
	if imageRegistry == "" {
		pair.OpenShiftBuild = &strimzicdk8s.OpenShiftBuildOptions{}
	} else {
		registry := strings.TrimRight(imageRegistry, "/")
		pair.Producer = &strimzicdk8s.ProducerOptions{
			Image: jsii.String(registry + "/" + path.Base(*strimzicdk8s.MicroservicePair_DEFAULT_PRODUCER_IMAGE())),
		}
		pair.Consumer = &strimzicdk8s.ConsumerOptions{
			Image: jsii.String(registry + "/" + path.Base(*strimzicdk8s.MicroservicePair_DEFAULT_CONSUMER_IMAGE())),
		}
	}
	// "Default" keeps the pair's id out of its objects' names, as in main.ts.
	strimzicdk8s.NewMicroservicePair(services, jsii.String("Default"), pair)

	topicChart.AddDependency(clusterChart)
	services.AddDependency(topicChart)
}

func main() {
	defer jsii.Close()
	app := cdk8s.NewApp(nil)
	buildSeedSystem(app, os.Getenv("IMAGE_REGISTRY"))
	app.Synth()
}
