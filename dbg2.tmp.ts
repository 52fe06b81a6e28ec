import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaCluster } from './lib';
import { LocalKafkaCluster } from './scripts/kafka/cluster';
import { SynthesizedManifests } from './scripts/kafka/manifests';
import { readSynthesizedCluster } from './scripts/kafka/synthesized-cluster';
(async () => {
  const app = Testing.app(); const chart = new Chart(app, 'c');
  const kc = new KafkaCluster(chart, 'prod', { brokers: 3, controllers: 1 });
  ApiObject.of(kc).addJsonPatch(JsonPatch.add('/spec/kafka/rack', { type: 'topology-label', topologyKey: 'topology.kubernetes.io/zone' }), JsonPatch.add('/spec/kafka/metricsConfig', { type: 'strimziMetricsReporter' }));
  const objs = Testing.synth(chart);
  console.log(JSON.stringify(objs.map((o: any) => [o.kind, o.metadata.name, o.spec.kafka?.config, o.spec.kafka?.rack, o.spec.replicas, o.spec.roles])));
  let t = Date.now();
  const sc = await readSynthesizedCluster(SynthesizedManifests.fromObjects(objs));
  console.log('read in', Date.now() - t, JSON.stringify(sc));
  t = Date.now();
  const cluster = await LocalKafkaCluster.start(sc.options);
  console.log('started in', Date.now() - t, cluster.nodes.map((n) => [n.id, n.roles, n.rack, n.metricsUrl]));
  const admin = new Kafka(cluster.adminClientConfig()).admin(); await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'f', numPartitions: 1, replicationFactor: 3, configEntries: [{ name: 'min.insync.replicas', value: '2' }] }], waitForLeaders: true });
  const md = await admin.fetchTopicMetadata({ topics: ['f'] }); console.log(JSON.stringify(md.topics[0].partitions));
  const body = await (await fetch(cluster.brokers[0].metricsUrl!)).text();
  console.log(body.split('\n').filter((l) => /^kafka_server_(replicamanager_leadercount|brokertopicmetrics_messagesin)|^kafka_controller/.test(l)).slice(0, 8).join('\n'), body.length);
  const leader = md.topics[0].partitions[0].leader;
  const victims = cluster.brokers.filter((b) => b.id !== leader).map((b) => b.id);
  t = Date.now();
  for (const v of victims) await cluster.killNode(v);
  for (;;) { const m = await admin.fetchTopicMetadata({ topics: ['f'] }); if (m.topics[0].partitions[0].isr.length === 1) break; await new Promise((r) => setTimeout(r, 200)); }
  console.log('isr shrank in', Date.now() - t);
  const p = new Kafka({ brokers: cluster.bootstrapServers('plain'), logLevel: logLevel.NOTHING }).producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 2 } });
  await p.connect();
  try { await p.send({ topic: 'f', acks: -1, messages: [{ value: 'x' }] }); console.log('ACCEPTED?!'); } catch (e: any) { console.log('refused', e.name, e.type, e.message, e.originalError?.type, e.cause?.type, Object.keys(e)); }
  await p.disconnect();
  console.log(JSON.stringify(await admin.fetchTopicOffsets('f')));
  await admin.disconnect();
  await cluster.destroy();
})().catch((e) => { console.error(e); process.exit(1); });
