package app.hearth.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.events.PersonalFields;
import app.hearth.events.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every overlay must hold, whatever else changes: the rules ops and security rely on. */
class PolicyTest {

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static JsonNode app(JsonNode deployment) {
        return deployment.at("/spec/template/spec/containers/0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDeploymentHasProbesResourcesARestrictedSecurityContextAndAGracefulShutdown(String overlay) {
        List<JsonNode> deployments = Manifests.ofKind(overlay, "Deployment").toList();
        assertThat(deployments).extracting(Manifests::name).containsExactlyInAnyOrderElementsOf(Manifests.SERVICES);
        for (JsonNode d : deployments) {
            String id = overlay + " " + Manifests.id(d);
            JsonNode pod = d.at("/spec/template/spec");
            JsonNode c = app(d);
            assertThat(list(pod.path("containers"))).as(id).hasSize(1);
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                assertThat(c.path(probe).path("httpGet").path("path").asText())
                        .as(id + " " + probe)
                        .startsWith("/q/health/");
            }
            assertThat(c.at("/resources/requests/cpu").asText()).as(id).isNotEmpty();
            assertThat(c.at("/resources/requests/memory").asText()).as(id).isNotEmpty();
            assertThat(c.at("/resources/limits/memory").asText()).as(id).isNotEmpty();
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean())
                    .as(id)
                    .isTrue();
            assertThat(pod.at("/securityContext/seccompProfile/type").asText())
                    .as(id)
                    .isEqualTo("RuntimeDefault");
            assertThat(c.at("/securityContext/runAsNonRoot").asBoolean()).as(id).isTrue();
            assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean())
                    .as(id)
                    .isTrue();
            assertThat(c.at("/securityContext/allowPrivilegeEscalation").isBoolean()
                            && !c.at("/securityContext/allowPrivilegeEscalation")
                                    .asBoolean())
                    .as(id)
                    .isTrue();
            assertThat(list(c.at("/securityContext/capabilities/drop")).stream().map(JsonNode::asText))
                    .as(id)
                    .containsExactly("ALL");
            assertThat(pod.path("automountServiceAccountToken").isBoolean()
                            && !pod.path("automountServiceAccountToken").asBoolean())
                    .as(id + ": no service-account token")
                    .isTrue();
            int preStop = c.at("/lifecycle/preStop/sleep/seconds").asInt();
            assertThat(preStop).as(id + " preStop").isPositive();
            assertThat(pod.path("terminationGracePeriodSeconds").asInt())
                    .as(id + " grace period")
                    .isGreaterThan(preStop + drainSeconds());
            // A read-only root needs a writable /tmp.
            assertThat(list(c.path("volumeMounts")).stream()
                            .map(m -> m.path("mountPath").asText()))
                    .as(id)
                    .contains("/tmp");
        }
    }

    /** Quarkus' drain of in-flight requests (quarkus.shutdown.timeout) in the shared configuration. */
    private static int drainSeconds() {
        String timeout = platformDefaults()
                .getProperty(
                        "%prod.quarkus.shutdown.timeout", platformDefaults().getProperty("quarkus.shutdown.timeout"));
        assertThat(timeout).as("quarkus.shutdown.timeout is set for production").isNotNull();
        return (int) Duration.parse("PT" + timeout.toUpperCase()).toSeconds();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void configurationComesFromAGeneratedConfigMapAndSecretsAreOnlyReferenced(String overlay) {
        assertThat(Manifests.ofKind(overlay, "Secret").toList())
                .as("no Secret is committed, with or without values")
                .isEmpty();
        Set<String> configMaps =
                Manifests.ofKind(overlay, "ConfigMap").map(Manifests::name).collect(Collectors.toSet());
        String readme = Manifests.read(Manifests.K8S.resolve("README.md"));
        Set<String> secrets = new HashSet<>();
        for (JsonNode d : Manifests.ofKind(overlay, "Deployment").toList()) {
            JsonNode c = app(d);
            List<String> fromMaps = list(c.path("envFrom")).stream()
                    .filter(e -> e.has("configMapRef"))
                    .map(e -> e.at("/configMapRef/name").asText())
                    .toList();
            // The generator's hash suffix: a change to the configuration is a new name, so the pods roll.
            assertThat(fromMaps).as(Manifests.id(d)).singleElement().satisfies(name -> {
                assertThat(name).matches("hearth-config-[a-z0-9]{10}");
                assertThat(configMaps).contains(name);
            });
            list(c.path("envFrom")).stream()
                    .filter(e -> e.has("secretRef"))
                    .forEach(e -> secrets.add(e.at("/secretRef/name").asText()));
            list(c.path("env")).forEach(e -> {
                String name = e.path("name").asText();
                if (name.contains("PASSWORD")
                        || name.contains("SECRET")
                        || name.contains("JAAS")
                        || name.endsWith("_KEY")) {
                    assertThat(e.has("value"))
                            .as(Manifests.id(d) + " " + name + " comes from a secret")
                            .isFalse();
                }
                if (e.has("valueFrom")) {
                    secrets.add(e.at("/valueFrom/secretKeyRef/name").asText());
                }
            });
            list(d.at("/spec/template/spec/volumes")).stream()
                    .filter(v -> v.has("secret"))
                    .forEach(v -> secrets.add(v.at("/secret/secretName").asText()));
        }
        Manifests.ofKind(overlay, "Cluster")
                .forEach(cluster -> list(cluster.at("/spec/managed/roles"))
                        .forEach(role ->
                                secrets.add(role.at("/passwordSecret/name").asText())));
        Manifests.ofKind(overlay, "KeycloakRealmImport")
                .forEach(i -> i.at("/spec/placeholders")
                        .forEach(p -> secrets.add(p.at("/secret/name").asText())));
        // Every secret the manifests use is one the operators create or the README says how to create.
        Set<String> byOperators = new HashSet<>(Manifests.SERVICES); // KafkaUser secrets
        byOperators.add("hearth-cluster-ca-cert");
        for (String secret : secrets) {
            if (!byOperators.contains(secret)) {
                assertThat(readme)
                        .as("README.md says how to create secret " + secret)
                        .contains(secret);
            }
        }
        assertThat(secrets).contains("hearth-keys", "hearth-db-couples", "hearth-keycloak-clients");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void peerUrlsNameTheServicesThatExist(String overlay) {
        JsonNode config = Manifests.ofKind(overlay, "ConfigMap")
                .filter(c -> Manifests.name(c).startsWith("hearth-config-"))
                .findFirst()
                .orElseThrow()
                .path("data");
        Set<String> services =
                Manifests.ofKind(overlay, "Service").map(Manifests::name).collect(Collectors.toSet());
        for (String service : Manifests.SERVICES) {
            String key = "HEARTH_" + service.replace("-service", "").toUpperCase() + "_SERVICE_URL";
            assertThat(config.path(key).asText()).as(key).isEqualTo("http://" + service);
            assertThat(services).contains(service);
        }
        // Every variable the services read for their peers is set: none would fall back to 127.0.0.1.
        for (String service : Manifests.SERVICES) {
            String properties =
                    Manifests.read(Manifests.ROOT.resolve(service + "/src/main/resources/application.properties"))
                            + Manifests.read(Manifests.ROOT.resolve(
                                    "hearth-membership/src/main/resources/META-INF/microprofile-config.properties"));
            Matcher urls = Pattern.compile("\\$\\{(HEARTH_[A-Z_]+_URL):").matcher(properties);
            while (urls.find()) {
                assertThat(config.has(urls.group(1)))
                        .as(service + " reads " + urls.group(1))
                        .isTrue();
            }
        }
        assertThat(config.path("HEARTH_KAFKA_BOOTSTRAP").asText()).startsWith("hearth-kafka-bootstrap:");
        assertThat(config.path("HEARTH_DB_HOST").asText()).isEqualTo("hearth-db-rw");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyTopicTheServicesUseHasAKafkaTopicAsLocalStackDefinesIt(String overlay) throws IOException {
        Map<String, JsonNode> topics = Manifests.ofKind(overlay, "KafkaTopic")
                .collect(Collectors.toMap(
                        t -> t.at("/spec/topicName").isMissingNode()
                                ? Manifests.name(t)
                                : t.at("/spec/topicName").asText(),
                        t -> t));
        Properties local = new Properties();
        local.load(new StringReader(
                Manifests.read(Manifests.ROOT.resolve("local-stack/src/main/resources/topics.properties"))));
        Set<String> used = new HashSet<>(List.of(
                Topics.COUPLE_EVENTS,
                Topics.PARTNER_EVENTS,
                Topics.EXERCISE_EVENTS,
                Topics.REMINDER_EVENTS,
                Topics.PROBE));
        Manifests.SERVICES.forEach(s -> used.add(Topics.deadLetter(s)));
        PersonalFields.keyWriters().forEach(w -> used.add(Topics.personKeys(w)));
        used.addAll(configuredTopics());
        assertThat(topics.keySet())
                .containsExactlyInAnyOrderElementsOf(local.stringPropertyNames())
                .containsAll(used);
        for (String name : local.stringPropertyNames()) {
            String[] spec = local.getProperty(name).split(",");
            JsonNode topic = topics.get(name);
            assertThat(topic.at("/spec/partitions").asInt()).as(name).isEqualTo(Integer.parseInt(spec[0]));
            for (int i = 1; i < spec.length; i++) {
                String[] kv = spec[i].split("=", 2);
                assertThat(topic.at("/spec/config").path(kv[0]).asText())
                        .as(name + " " + kv[0])
                        .isEqualTo(kv[1]);
            }
            int replicas = overlay.equals("prod") ? 3 : 1;
            assertThat(topic.at("/spec/replicas").asInt()).as(name).isEqualTo(replicas);
            assertThat(topic.at("/spec/config/min.insync.replicas").asInt())
                    .as(name)
                    .isEqualTo(overlay.equals("prod") ? 2 : 1);
        }
    }

    /** The topics named in the services' channel configuration. */
    private static Set<String> configuredTopics() throws IOException {
        Set<String> topics = new HashSet<>();
        List<String> files = new ArrayList<>(Manifests.SERVICES.stream()
                .map(s -> s + "/src/main/resources/application.properties")
                .toList());
        files.add("hearth-membership/src/main/resources/META-INF/microprofile-config.properties");
        for (String file : files) {
            Properties p = new Properties();
            p.load(new StringReader(Manifests.read(Manifests.ROOT.resolve(file))));
            p.stringPropertyNames().stream()
                    .filter(k -> k.startsWith("mp.messaging.") && k.endsWith(".topic"))
                    .forEach(k -> topics.add(p.getProperty(k)));
        }
        return topics;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachServiceHasItsOwnKafkaUserWritingOnlyItsOwnTopics(String overlay) {
        Map<String, JsonNode> users =
                Manifests.ofKind(overlay, "KafkaUser").collect(Collectors.toMap(Manifests::name, u -> u));
        assertThat(users.keySet()).containsExactlyInAnyOrderElementsOf(Manifests.SERVICES);
        for (Map.Entry<String, JsonNode> user : users.entrySet()) {
            assertThat(user.getValue().at("/spec/authentication/type").asText()).isIn("scram-sha-512", "tls");
            Map<String, Set<String>> grants = new HashMap<>();
            list(user.getValue().at("/spec/authorization/acls"))
                    .forEach(acl -> grants.computeIfAbsent(
                                    acl.at("/resource/type").asText() + ":"
                                            + acl.at("/resource/name").asText(),
                                    k -> new HashSet<>())
                            .addAll(list(acl.path("operations")).stream()
                                    .map(JsonNode::asText)
                                    .toList()));
            String service = user.getKey();
            for (String topic : List.of(
                    Topics.COUPLE_EVENTS, Topics.PARTNER_EVENTS, Topics.EXERCISE_EVENTS, Topics.REMINDER_EVENTS)) {
                boolean owner = ("/" + service).equals(Topics.owner(topic));
                assertThat(grants.getOrDefault("topic:" + topic, Set.of()).contains("Write"))
                        .as(service + " writes " + topic)
                        .isEqualTo(owner);
            }
            assertThat(grants.keySet().stream().filter(k -> k.endsWith(".dlq")))
                    .as(service)
                    .containsExactly("topic:" + Topics.deadLetter(service));
            // Issue 24: a person's keys change only through their writer; every service reads every key topic.
            for (String writer : PersonalFields.keyWriters()) {
                assertThat(grants.getOrDefault("topic:" + Topics.personKeys(writer), Set.of())
                                .contains("Write"))
                        .as(service + " writes " + Topics.personKeys(writer))
                        .isEqualTo(writer.equals(service));
            }
            assertThat(grants.entrySet().stream()
                            .filter(g -> g.getKey().startsWith("topic:hearth-person-keys")
                                    && g.getValue().contains("Write"))
                            .count())
                    .as(service + " writes key topics")
                    .isLessThanOrEqualTo(1);
            assertThat(list(user.getValue().at("/spec/authorization/acls")).stream()
                            .anyMatch(acl -> acl.at("/resource/name").asText().equals(Topics.personKeys(""))
                                    && acl.at("/resource/patternType").asText().equals("prefix")
                                    && list(acl.path("operations")).stream()
                                            .anyMatch(o -> o.asText().equals("Read"))))
                    .as(service + " reads every key topic")
                    .isTrue();
            assertThat(grants.values().stream().flatMap(Set::stream))
                    .as(service)
                    .doesNotContain("All", "Alter", "Delete");
        }
        // What each consumes (its channels' topics) it may read.
        assertThat(readable(users.get("insights-service")))
                .contains(Topics.COUPLE_EVENTS, Topics.PARTNER_EVENTS, Topics.EXERCISE_EVENTS, Topics.REMINDER_EVENTS);
        assertThat(readable(users.get("reminder-service")))
                .contains(Topics.COUPLE_EVENTS, Topics.PARTNER_EVENTS, Topics.EXERCISE_EVENTS)
                .doesNotContain(Topics.REMINDER_EVENTS);
        assertThat(readable(users.get("exercise-service")))
                .contains(Topics.COUPLE_EVENTS, Topics.PARTNER_EVENTS)
                .doesNotContain(Topics.EXERCISE_EVENTS, Topics.REMINDER_EVENTS);
    }

    private static Set<String> readable(JsonNode user) {
        return list(user.at("/spec/authorization/acls")).stream()
                .filter(acl -> acl.at("/resource/type").asText().equals("topic")
                        && list(acl.path("operations")).stream()
                                .anyMatch(o -> o.asText().equals("Read")))
                .map(acl -> acl.at("/resource/name").asText())
                .collect(Collectors.toSet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachServiceHasItsOwnDatabaseAndRole(String overlay) {
        JsonNode cluster = Manifests.named(overlay, "Cluster", "hearth-db");
        Map<String, String> rolePasswords = list(cluster.at("/spec/managed/roles")).stream()
                .collect(Collectors.toMap(
                        r -> r.path("name").asText(),
                        r -> r.at("/passwordSecret/name").asText()));
        Map<String, String> owners = Manifests.ofKind(overlay, "Database")
                .collect(Collectors.toMap(
                        d -> d.at("/spec/name").asText(),
                        d -> d.at("/spec/owner").asText()));
        Set<String> names = new HashSet<>();
        for (JsonNode d : Manifests.ofKind(overlay, "Deployment").toList()) {
            Map<String, JsonNode> env = list(app(d).path("env")).stream()
                    .collect(Collectors.toMap(e -> e.path("name").asText(), e -> e));
            String database = env.get("HEARTH_DB_NAME").path("value").asText();
            assertThat(names.add(database))
                    .as(database + " is one service's only")
                    .isTrue();
            String role = owners.get(database);
            assertThat(role).as("a Database " + database).isNotNull();
            assertThat(rolePasswords).as("a role owning " + database).containsKey(role);
            assertThat(env.get("HEARTH_DB_USER")
                            .at("/valueFrom/secretKeyRef/name")
                            .asText())
                    .isEqualTo(rolePasswords.get(role));
            assertThat(env.get("HEARTH_DB_PASSWORD")
                            .at("/valueFrom/secretKeyRef/name")
                            .asText())
                    .isEqualTo(rolePasswords.get(role));
        }
        assertThat(cluster.at("/spec/instances").asInt()).isEqualTo(overlay.equals("prod") ? 3 : 1);
        assertThat(cluster.at("/spec/enableSuperuserAccess").asBoolean(true)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theRealmHasNoDemoUsersNoPasswordGrantAndPkceForTheApp(String overlay) {
        JsonNode realm =
                Manifests.named(overlay, "KeycloakRealmImport", "hearth-realm").at("/spec/realm");
        assertThat(realm.path("realm").asText()).isEqualTo("hearth");
        assertThat(list(realm.path("users")))
                .allSatisfy(u -> assertThat(u.has("serviceAccountClientId"))
                        .as(u.toString())
                        .isTrue());
        assertThat(list(realm.path("users")).stream().flatMap(u -> list(u.path("credentials")).stream()))
                .isEmpty();
        for (JsonNode client : list(realm.path("clients"))) {
            String id = client.path("clientId").asText();
            assertThat(client.path("directAccessGrantsEnabled").asBoolean(false))
                    .as(id + ": no password grant")
                    .isFalse();
            assertThat(client.path("implicitFlowEnabled").asBoolean(false))
                    .as(id)
                    .isFalse();
            assertThat(list(client.path("redirectUris")).stream().map(JsonNode::asText))
                    .as(id)
                    .noneMatch(u -> u.contains("localhost") || u.contains("127.0.0.1") || u.equals("*"));
            if (client.has("secret")) {
                assertThat(client.path("secret").asText())
                        .as(id + ": a placeholder, not a secret")
                        .matches("\\$\\{[A-Z_]+}");
            }
        }
        JsonNode app = list(realm.path("clients")).stream()
                .filter(c -> c.path("clientId").asText().equals("hearth-app"))
                .findFirst()
                .orElseThrow();
        assertThat(app.path("publicClient").asBoolean()).isTrue();
        assertThat(app.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(app.at("/attributes/pkce.code.challenge.method").asText()).isEqualTo("S256");
        assertThat(realm.path("sslRequired").asText()).isEqualTo("all");
    }

    @Test
    void prodIsHighlyAvailableAndDevIsSmall() {
        for (JsonNode d : Manifests.ofKind("prod", "Deployment").toList()) {
            String name = Manifests.name(d);
            // Issue 26: the autoscaler owns the replicas; a count here would reset them at every apply.
            assertThat(d.at("/spec/replicas").isMissingNode())
                    .as(name + " sets no replicas")
                    .isTrue();
            assertThat(list(d.at("/spec/template/spec/topologySpreadConstraints")).stream()
                            .map(t -> t.path("topologyKey").asText()))
                    .as(name)
                    .contains("topology.kubernetes.io/zone");
            JsonNode pdb = Manifests.named("prod", "PodDisruptionBudget", name);
            assertThat(pdb.at("/spec/selector/matchLabels/app.kubernetes.io~1name")
                            .asText())
                    .isEqualTo(name);
            JsonNode hpa = Manifests.named("prod", "HorizontalPodAutoscaler", name);
            assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo(name);
            assertThat(hpa.at("/spec/minReplicas").asInt()).isGreaterThanOrEqualTo(2);
        }
        assertThat(Manifests.named("prod", "KafkaNodePool", "dual-role")
                        .at("/spec/replicas")
                        .asInt())
                .isGreaterThanOrEqualTo(3);
        assertThat(Manifests.named("prod", "Kafka", "hearth")
                        .at("/spec/kafka/config/min.insync.replicas")
                        .asInt())
                .isEqualTo(2);
        assertThat(Manifests.ofKind("dev", "Deployment")
                        .map(d -> d.at("/spec/replicas").asInt()))
                .containsOnly(1);
        assertThat(Manifests.ofKind("dev", "PodDisruptionBudget").toList()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void networkPoliciesDenyByDefault(String overlay) {
        List<JsonNode> policies = Manifests.ofKind(overlay, "NetworkPolicy").toList();
        assertThat(policies).anySatisfy(p -> {
            assertThat(p.at("/spec/podSelector").isEmpty()).isTrue();
            assertThat(list(p.at("/spec/policyTypes")).stream().map(JsonNode::asText))
                    .contains("Ingress");
            assertThat(p.at("/spec/ingress").isMissingNode()).isTrue();
        });
        assertThat(policies).anySatisfy(p -> {
            assertThat(p.at("/spec/podSelector/matchLabels/app.kubernetes.io~1component")
                            .asText())
                    .isEqualTo("api");
            assertThat(list(p.at("/spec/policyTypes")).stream().map(JsonNode::asText))
                    .containsExactly("Egress");
            assertThat(p.at("/spec/egress").isMissingNode()).isTrue();
        });
        // Webhooks are the only way out to the internet: HTTPS, never a private or link-local range.
        JsonNode webhooks = Manifests.named(overlay, "NetworkPolicy", "reminder-service-egress-webhooks");
        assertThat(list(webhooks.at("/spec/egress/0/ports")).stream()
                        .map(p -> p.path("port").asInt()))
                .containsExactly(443);
        assertThat(list(webhooks.at("/spec/egress/0/to/0/ipBlock/except")).stream()
                        .map(JsonNode::asText))
                .contains(
                        "10.0.0.0/8",
                        "172.16.0.0/12",
                        "192.168.0.0/16",
                        "169.254.0.0/16",
                        "127.0.0.0/8",
                        "100.64.0.0/10");
        assertThat(policies.stream()
                        .filter(p -> p.toString().contains("0.0.0.0/0"))
                        .map(Manifests::name))
                .containsExactly("reminder-service-egress-webhooks");
    }

    private static Properties platformDefaults() {
        Properties p = new Properties();
        try {
            p.load(new StringReader(Manifests.read(Manifests.ROOT.resolve(
                    "hearth-platform/src/main/resources/META-INF/microprofile-config.properties"))));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return p;
    }
}
