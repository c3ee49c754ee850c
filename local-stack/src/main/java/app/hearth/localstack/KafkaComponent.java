package app.hearth.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;

/**
 * A single-node Kafka broker in KRaft mode, run from the kafka_2.13 artifacts on this JVM's classpath in a child JVM.
 * Storage is formatted on first start; the topics of {@code topics.properties} are created with their partitions and
 * configs (retention), and existing topics get the configs listed there.
 */
final class KafkaComponent implements Component {
    private final StackSettings settings;
    private ChildProcess broker;

    KafkaComponent(StackSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "Kafka";
    }

    @Override
    public void start(Progress progress) throws Exception {
        if (settings.externalKafka().isPresent()) {
            progress.say("using external Kafka at " + settings.kafkaBootstrap());
        } else {
            for (int port : new int[] {settings.kafkaPort(), settings.kafkaControllerPort()}) {
                if (Ports.isOpen(port)) {
                    throw new StackException("port " + port + " is already taken, so Kafka cannot start. Stop whatever "
                            + "listens there, or point Hearth at a broker with HEARTH_KAFKA_BOOTSTRAP.");
                }
            }
            Path home = settings.dataDir().resolve("kafka");
            Path logDir = home.resolve("data");
            Path config = home.resolve("server.properties");
            Path log4j = home.resolve("log4j2.properties");
            Files.createDirectories(logDir);
            Files.writeString(config, serverProperties(logDir));
            try (InputStream in = resource("kafka-log4j2.properties")) {
                Files.write(log4j, in.readAllBytes());
            }
            Path log = settings.logs().resolve("kafka.log");
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                progress.say("formatting Kafka storage in " + logDir);
                ChildProcess format = ChildProcess.start(
                        "kafka-storage",
                        java(
                                log4j,
                                "kafka.tools.StorageTool",
                                "format",
                                "-t",
                                Uuid.randomUuid().toString(),
                                "-c",
                                config.toString()),
                        Map.of(),
                        home,
                        log);
                for (int i = 0; i < 240 && format.isAlive(); i++) {
                    Progress.sleep(250);
                }
                if (!Files.exists(logDir.resolve("meta.properties"))) {
                    throw new StackException("Kafka storage could not be formatted. " + format.failureHint(20));
                }
            }
            progress.say("starting Kafka (KRaft) on " + settings.kafkaBootstrap());
            broker = ChildProcess.start("kafka", java(log4j, "kafka.Kafka", config.toString()), Map.of(), home, log);
            // Tests simulate a broker outage by suspending this process (SIGSTOP) and resuming it.
            Files.writeString(settings.dataDir().resolve("kafka.pid"), String.valueOf(broker.pid()));
        }
        try (Admin admin = admin()) {
            progress.await(
                    "Kafka at " + settings.kafkaBootstrap(),
                    Duration.ofSeconds(90),
                    () -> brokerAnswers(admin),
                    () -> broker == null || broker.isAlive(),
                    () -> broker == null ? "See " + settings.logs().resolve("kafka.log") : broker.failureHint(30));
            ensureTopics(admin, progress);
        }
    }

    private List<String> java(Path log4j, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m",
                "-Xmx512m",
                "-XX:+UseG1GC",
                "-Dlog4j2.configurationFile=" + log4j,
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private String serverProperties(Path logDir) {
        int port = settings.kafkaPort();
        int controller = settings.kafkaControllerPort();
        return String.join(
                "\n",
                "# Written by the Hearth launcher on every start; edit KafkaComponent instead.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDir,
                "num.partitions=6",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=-1",
                "");
    }

    private Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        return Admin.create(props);
    }

    private static boolean brokerAnswers(Admin admin) {
        try {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    /** Creates missing topics with their partitions and configs, and brings existing topics' configs up to date. */
    private void ensureTopics(Admin admin, Progress progress) throws Exception {
        Properties topics = new Properties();
        try (InputStream in = resource("topics.properties")) {
            topics.load(in);
        }
        Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        List<NewTopic> missing = new ArrayList<>();
        Map<ConfigResource, Collection<AlterConfigOp>> updates = new HashMap<>();
        for (String name : topics.stringPropertyNames()) {
            String[] parts = topics.getProperty(name).trim().split("\\s*,\\s*");
            Map<String, String> configs = new TreeMap<>();
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                configs.put(kv[0], kv[1]);
            }
            if (!existing.contains(name)) {
                missing.add(new NewTopic(name, Integer.parseInt(parts[0]), (short) 1).configs(configs));
            } else if (!configs.isEmpty()) {
                updates.put(
                        new ConfigResource(ConfigResource.Type.TOPIC, name),
                        configs.entrySet().stream()
                                .map(e -> new AlterConfigOp(
                                        new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                                .toList());
            }
        }
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            progress.say("  created topics "
                    + missing.stream()
                            .map(t -> t.name() + "(" + t.numPartitions() + ")")
                            .sorted()
                            .toList());
        }
        if (!updates.isEmpty()) {
            admin.incrementalAlterConfigs(updates).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = KafkaComponent.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing resource " + name);
        }
        return in;
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.stop(30);
            broker = null;
        }
    }

    @Override
    public Map<Long, String> processes() {
        return broker == null ? Map.of() : Map.of(broker.pid(), "TERM");
    }
}
