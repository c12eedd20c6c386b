package io.onsale.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.ops.ComposeFile.Mount;
import io.onsale.ops.ComposeFile.Service;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml (README, "Running it as a cluster") cannot be started on these machines: no image can be pulled.
 * So what would break a real start is checked here, from the files alone: images built from files that exist and jars
 * the build makes, settings the processes read, three brokers that keep every record on three and acknowledge with two,
 * edges that find the engines, secrets only from the operator. Then compose reads the file itself where it is
 * installed, and promtool the Prometheus config as mounted.
 */
class DockerComposeTest {

    /** The tests run in ops/. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern MODULE_OUTPUT = Pattern.compile("([^/]+)/target/(.+)");
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?[^}]+}");

    @Test
    void everyBuiltImageHasItsContextAndDockerfileAndEveryPulledImageAVersion() throws Exception {
        ComposeFile compose = ComposeFile.load(ROOT);

        List<String> problems = new ArrayList<>();
        for (Service service : compose.services()) {
            if (service.buildContext().isPresent()) {
                Path context = ROOT.resolve(service.buildContext().get()).normalize();
                if (!Files.isDirectory(context)) {
                    problems.add(service.name() + ": build context " + context + " is no directory");
                } else if (!Files.isRegularFile(
                        context.resolve(service.dockerfile().orElseThrow()))) {
                    problems.add(service.name() + ": no Dockerfile "
                            + context.resolve(service.dockerfile().get()));
                }
            } else if (service.image().isEmpty()) {
                problems.add(service.name() + ": neither build nor image");
            } else if (!service.image().get().matches(".+:v?[0-9][^:]*")) {
                // A floating tag (latest, none) would run another version after any pull.
                problems.add(service.name() + ": image " + service.image().get() + " has no version tag");
            }
        }
        assertThat(problems).isEmpty();
        assertThat(builtImages(compose)).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void everyFileADockerfileCopiesIsBuiltByMavenOrCheckedInAndSentToTheBuilder() throws Exception {
        ComposeFile compose = ComposeFile.load(ROOT);
        String rootPom = Files.readString(ROOT.resolve("pom.xml"));
        List<String> dockerIgnoreExceptions = Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
                .filter(line -> line.startsWith("!"))
                .map(line -> line.substring(1).trim())
                .toList();
        String buildCommand = Files.readAllLines(ROOT.resolve(ComposeFile.FILE_NAME)).stream()
                .filter(line -> line.contains("mvn ") && line.contains(" -pl "))
                .findFirst()
                .orElse("");

        List<String> problems = new ArrayList<>();
        for (Map.Entry<Service, Dockerfile> image : builtImages(compose).entrySet()) {
            String name = image.getKey().name();
            Dockerfile dockerfile = image.getValue();
            for (Dockerfile.Copy copy : dockerfile.copies()) {
                for (String source : copy.sources()) {
                    Matcher output = MODULE_OUTPUT.matcher(source);
                    if (output.matches()) {
                        String module = output.group(1);
                        if (!rootPom.contains("<module>" + module + "</module>")) {
                            problems.add(
                                    name + ": copies " + source + ", but " + module + " is no module of the build");
                        } else if (!buildsOutput(ROOT.resolve(module).resolve("pom.xml"), output.group(2))) {
                            problems.add(
                                    name + ": copies " + source + ", which " + module + "/pom.xml does not produce");
                        }
                        if (!Arrays.asList(buildCommand
                                        .replaceFirst(".* -pl ", "")
                                        .split("\\s+")[0]
                                        .split(","))
                                .contains(module)) {
                            problems.add(
                                    name + ": copies " + source + ", but the build command in " + ComposeFile.FILE_NAME
                                            + " (" + buildCommand.trim() + ") does not build " + module);
                        }
                    } else if (!Files.exists(context(image.getKey()).resolve(source))) {
                        problems.add(name + ": copies " + source + ", which is not in the repository");
                    }
                    if (dockerIgnoreExceptions.stream()
                            .noneMatch(kept -> source.equals(kept) || source.startsWith(kept + "/"))) {
                        problems.add(name + ": copies " + source + ", which .dockerignore keeps from the builder");
                    }
                }
            }
            String jar = dockerfile.startedJar();
            if (!jar.isEmpty()
                    && dockerfile.copies().stream()
                            .noneMatch(copy -> copy.destination().equals(jar))) {
                problems.add(name + ": starts " + jar + ", which no COPY puts there");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyOnsaleAndServerVariableIsASettingOfTheProcessThatGetsIt() throws Exception {
        ComposeFile compose = ComposeFile.load(ROOT);

        List<String> problems = new ArrayList<>();
        for (Service service : compose.services()) {
            Set<String> jars = jars(service);
            Set<String> known = new TreeSet<>();
            for (String jar : jars) {
                known.addAll(AppSettings.environmentNames(ROOT, jar));
            }
            for (String variable : service.environment().keySet()) {
                if ((variable.startsWith("ONSALE_") || variable.startsWith("SERVER_")) && !known.contains(variable)) {
                    problems.add(service.name() + ": " + variable + " is no setting of "
                            + (jars.isEmpty() ? "this image" : jars)
                            + " (the edge's: keys of api-edge/src/main/resources/application*.yaml; the engine's and the"
                            + " room's: StreamsAppConfig's keys)");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void threeBrokersKeepEveryRecordOnThreeAndAcknowledgeWithTwo() throws Exception {
        List<Service> brokers = brokers(ComposeFile.load(ROOT));

        assertThat(brokers).extracting(Service::name).hasSize(3);
        for (Service broker : brokers) {
            assertThat(broker.environment())
                    .as(broker.name())
                    .contains(
                            Map.entry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3"),
                            Map.entry("KAFKA_MIN_INSYNC_REPLICAS", "2"),
                            Map.entry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3"),
                            Map.entry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3"),
                            Map.entry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2"));
            assertThat(broker.environment().get("KAFKA_PROCESS_ROLES"))
                    .as(broker.name())
                    .contains("controller");
            assertThat(broker.mounts())
                    .as(broker.name() + "'s data on a volume of its own")
                    .anyMatch(mount -> mount.isNamedVolume()
                            && mount.target().equals(broker.environment().get("KAFKA_LOG_DIRS")));
        }
        // One cluster of three voters: each broker's id at its controller listener.
        Set<String> voters = new TreeSet<>();
        for (Service broker : brokers) {
            voters.add(broker.environment().get("KAFKA_NODE_ID") + "@" + broker.name() + ":"
                    + listenerPort(broker, "CONTROLLER"));
        }
        assertThat(voters).hasSize(3);
        assertThat(brokers).allSatisfy(broker -> {
            assertThat(new TreeSet<>(List.of(broker.environment()
                            .get("KAFKA_CONTROLLER_QUORUM_VOTERS")
                            .split(","))))
                    .as(broker.name() + "'s voters")
                    .isEqualTo(voters);
            assertThat(broker.environment().get("CLUSTER_ID"))
                    .isEqualTo(brokers.get(0).environment().get("CLUSTER_ID"));
        });
    }

    @Test
    void everyClientStartsFromAllThreeBrokersAndEveryKafkaIsTheProjectsVersion() throws Exception {
        ComposeFile compose = ComposeFile.load(ROOT);
        Set<String> brokerAddresses = new TreeSet<>();
        for (Service broker : brokers(compose)) {
            brokerAddresses.add(advertised(broker, broker.environment().get("KAFKA_INTER_BROKER_LISTENER_NAME")));
        }

        Map<String, Set<String>> bootstraps = new LinkedHashMap<>();
        for (Service service : compose.services()) {
            Optional.ofNullable(service.environment().get("ONSALE_KAFKA_BOOTSTRAP_SERVERS"))
                    .ifPresent(servers -> bootstraps.put(service.name(), Set.of(servers.split(","))));
        }
        Properties worker = new Properties();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("deploy/docker/connect/worker.properties"))) {
            worker.load(reader);
        }
        bootstraps.put(
                "connect (worker.properties)",
                Set.of(worker.getProperty("bootstrap.servers").split(",")));

        assertThat(bootstraps)
                .hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy((client, servers) -> assertThat(servers).as(client).isEqualTo(brokerAddresses));
        assertThat(worker)
                .contains(
                        Map.entry("config.storage.replication.factor", "3"),
                        Map.entry("offset.storage.replication.factor", "3"),
                        Map.entry("status.storage.replication.factor", "3"));

        String kafkaVersion = property(Files.readString(ROOT.resolve("pom.xml")), "kafka.version");
        List<String> kafkaImages = new ArrayList<>();
        compose.services()
                .forEach(service -> service.image()
                        .filter(image -> image.startsWith("apache/kafka:"))
                        .ifPresent(kafkaImages::add));
        builtImages(compose)
                .values()
                .forEach(dockerfile -> dockerfile.baseImages().stream()
                        .filter(image -> image.startsWith("apache/kafka:"))
                        .forEach(kafkaImages::add));
        assertThat(kafkaImages)
                .hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(image -> assertThat(image)
                        .as("the brokers and the Connect worker are the clients' Kafka")
                        .isEqualTo("apache/kafka:" + kafkaVersion));
    }

    @Test
    void streamsProcessesReplicateThreeTimesKeepAStandbyAndOwnTheirStateVolume() throws Exception {
        ComposeFile compose = ComposeFile.load(ROOT);
        List<Service> streamsProcesses = new ArrayList<>();
        streamsProcesses.addAll(running(compose, AppSettings.ENGINE_JAR));
        streamsProcesses.addAll(running(compose, AppSettings.WAITING_ROOM_JAR));
        streamsProcesses.addAll(running(compose, AppSettings.EDGE_JAR));

        assertThat(running(compose, AppSettings.ENGINE_JAR)).hasSize(2);
        assertThat(running(compose, AppSettings.WAITING_ROOM_JAR)).hasSize(1);
        assertThat(running(compose, AppSettings.EDGE_JAR)).hasSize(2);
        Map<String, String> stateVolumes = new HashMap<>();
        for (Service service : streamsProcesses) {
            Map<String, String> environment = service.environment();
            assertThat(environment)
                    .as(service.name())
                    .contains(
                            Map.entry("ONSALE_KAFKA_REPLICATION_FACTOR", "3"),
                            Map.entry("ONSALE_KAFKA_STANDBY_REPLICAS", "1"));
            Optional<Mount> state = service.mounts().stream()
                    .filter(mount -> mount.target().equals(environment.get("ONSALE_KAFKA_STATE_DIR")))
                    .findFirst();
            assertThat(state)
                    .as(service.name() + ": ONSALE_KAFKA_STATE_DIR on a named volume")
                    .hasValueSatisfying(
                            mount -> assertThat(mount.isNamedVolume()).isTrue());
            String sharedWith = stateVolumes.put(state.get().source(), service.name());
            assertThat(sharedWith)
                    .as("Streams locks its state directory: " + service.name() + " cannot share "
                            + state.get().source())
                    .isNull();
        }
    }

    @Test
    void enginesAndTheRoomAnswerAtTheirApplicationServerAndEdgesAskTheEngines() throws Exception {
        ComposeFile compose = ComposeFile.load(ROOT);
        List<Service> engines = running(compose, AppSettings.ENGINE_JAR);
        List<Service> rooms = running(compose, AppSettings.WAITING_ROOM_JAR);
        assertThat(engines).as("engine services").hasSize(2);
        assertThat(rooms).as("waiting-room services").hasSize(1);

        for (Service service : concat(engines, rooms)) {
            String address = service.environment().getOrDefault("ONSALE_KAFKA_APPLICATION_SERVER", "");
            String host = String.valueOf(service.definition().getOrDefault("hostname", service.name()));
            assertThat(address)
                    .as(service.name() + ": where the others reach it")
                    .matches(Pattern.quote(host) + ":[0-9]+");
            assertThat(service.healthcheck())
                    .as(service.name() + ": healthy while RUNNING")
                    .contains("/health")
                    .containsAnyOf("ONSALE_KAFKA_APPLICATION_SERVER", address);
        }
        assertThat(engines)
                .allSatisfy(engine -> assertThat(engine.environment())
                        .containsEntry("ONSALE_KAFKA_APPLICATION_ID", "onsale-reservations"));
        assertThat(rooms)
                .allSatisfy(room -> assertThat(room.environment())
                        .containsEntry("ONSALE_KAFKA_APPLICATION_ID", "onsale-waiting-room"));

        Set<String> engineAddresses = engines.stream()
                .map(engine -> engine.environment().get("ONSALE_KAFKA_APPLICATION_SERVER"))
                .collect(Collectors.toCollection(TreeSet::new));
        List<Service> edges = running(compose, AppSettings.EDGE_JAR);
        for (Service edge : edges) {
            Map<String, String> environment = edge.environment();
            assertThat(environment)
                    .as(edge.name())
                    .containsEntry("ONSALE_EDGE_EMBEDDED_ENGINE", "false")
                    .containsKey("SERVER_PORT");
            assertThat(new TreeSet<>(List.of(environment
                            .getOrDefault("ONSALE_EDGE_ENGINE_SERVERS", "")
                            .split(","))))
                    .as(edge.name() + ": ONSALE_EDGE_ENGINE_SERVERS")
                    .isEqualTo(engineAddresses);
            assertThat(edge.healthcheck()).as(edge.name()).contains("/actuator/health/readiness");
            assertThat(edge.dependsOn())
                    .as(edge.name())
                    .containsAll(engines.stream().map(Service::name).toList());
        }
    }

    @Test
    void secretsComeOnlyFromTheOperatorAndNoneIsCommitted() throws Exception {
        ComposeFile compose = ComposeFile.load(ROOT);

        List<String> problems = new ArrayList<>();
        for (Service service : compose.services()) {
            service.environment().forEach((variable, value) -> {
                if ((variable.contains("SECRET") || variable.contains("PASSWORD"))
                        && !REQUIRED_VARIABLE.matcher(value).matches()) {
                    problems.add(service.name() + ": " + variable
                            + " is not ${NAME:?why} (compose must refuse to start without it)");
                }
            });
        }
        for (Service edge : running(compose, AppSettings.EDGE_JAR)) {
            assertThat(edge.environment().get("ONSALE_JWT_SECRET"))
                    .as(edge.name())
                    .startsWith("${ONSALE_JWT_SECRET:?");
            assertThat(edge.environment().get("ONSALE_QUEUE_SIGNING_SECRET"))
                    .as(edge.name())
                    .startsWith("${ONSALE_QUEUE_SIGNING_SECRET:?");
        }
        assertThat(problems).isEmpty();

        Map<String, String> example = new HashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
            if (line.contains("=") && !line.startsWith("#")) {
                example.put(
                        line.substring(0, line.indexOf('=')).trim(),
                        line.substring(line.indexOf('=') + 1).trim());
            }
        }
        for (String required : requiredVariables()) {
            assertThat(example)
                    .as(".env.example lists " + required + ", without a value to copy")
                    .containsEntry(required, "");
        }
        assertThat(Files.readAllLines(ROOT.resolve(".gitignore")))
                .as("the operator's .env is never committed")
                .contains(".env");
    }

    @Test
    void everyDependencyIsAServiceEveryHostPortIsPublishedOnceAndEveryMountHasASource() throws Exception {
        ComposeFile compose = ComposeFile.load(ROOT);
        Set<String> names = compose.services().stream().map(Service::name).collect(Collectors.toSet());

        List<String> problems = new ArrayList<>();
        Map<String, String> hostPorts = new HashMap<>();
        Set<String> usedVolumes = new TreeSet<>();
        for (Service service : compose.services()) {
            service.dependsOn().stream()
                    .filter(dependency -> !names.contains(dependency))
                    .forEach(dependency ->
                            problems.add(service.name() + " depends on " + dependency + ", which is no service"));
            for (String port : service.hostPorts()) {
                String other = hostPorts.put(port, service.name());
                if (other != null) {
                    problems.add("host port " + port + " is published by both " + other + " and " + service.name());
                }
            }
            for (Mount mount : service.mounts()) {
                if (mount.isBind() && !Files.exists(ROOT.resolve(mount.source()))) {
                    problems.add(service.name() + " mounts " + mount.source() + ", which is not in the repository");
                } else if (mount.isNamedVolume() && !compose.declaredVolumes().contains(mount.source())) {
                    problems.add(service.name() + " mounts volume " + mount.source()
                            + ", which is not declared under volumes");
                }
                if (mount.isNamedVolume()) {
                    usedVolumes.add(mount.source());
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(usedVolumes).as("declared volumes").isEqualTo(new TreeSet<>(compose.declaredVolumes()));
    }

    @Test
    void prometheusScrapesEveryEdgeWithAMountedRuleFileAndGrafanaLoadsTheDashboard() throws Exception {
        ComposeFile compose = ComposeFile.load(ROOT);
        Service prometheus = compose.service("prometheus");
        Map<String, Object> config = yaml(ROOT.resolve(mountSource(prometheus, "/etc/prometheus/prometheus.yml")));

        Map<String, Object> job = list(config.get("scrape_configs")).stream()
                .map(DockerComposeTest::map)
                .filter(scrape -> "onsale-edge".equals(scrape.get("job_name")))
                .findFirst()
                .orElseThrow();
        Set<String> targets = targets(job);
        Set<String> edges = running(compose, AppSettings.EDGE_JAR).stream()
                .map(edge -> edge.name() + ":" + edge.environment().get("SERVER_PORT"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(targets).isEqualTo(edges);
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        for (Object ruleFile : list(config.get("rule_files"))) {
            assertThat(ROOT.resolve(mountSource(prometheus, String.valueOf(ruleFile))))
                    .isRegularFile();
        }
        // The token file is on a volume another service writes.
        String tokenDir = Path.of(String.valueOf(map(job.get("authorization")).get("credentials_file")))
                .getParent()
                .toString();
        String tokenVolume = prometheus.mounts().stream()
                .filter(mount -> mount.target().equals(tokenDir))
                .findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + tokenDir))
                .source();
        assertThat(compose.services())
                .filteredOn(service -> !service.name().equals("prometheus"))
                .anySatisfy(service ->
                        assertThat(service.mounts()).extracting(Mount::source).contains(tokenVolume));

        Service grafana = compose.service("grafana");
        Map<String, Object> provider =
                map(list(yaml(ROOT.resolve(mountSource(grafana, "/etc/grafana/provisioning/dashboards/onsale.yaml")))
                                .get("providers"))
                        .get(0));
        assertThat(ROOT.resolve(mountSource(
                                grafana,
                                String.valueOf(map(provider.get("options")).get("path"))))
                        .normalize())
                .isEqualTo(ROOT.resolve("ops/grafana"));
        Map<String, Object> datasource =
                map(list(yaml(ROOT.resolve(mountSource(grafana, "/etc/grafana/provisioning/datasources/onsale.yaml")))
                                .get("datasources"))
                        .get(0));
        assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
    }

    @Test
    void prometheusScrapesEveryEngineAndRoomAtItsApplicationServerAndEveryJobTheRulesNameExists() throws Exception {
        ComposeFile compose = ComposeFile.load(ROOT);
        Service prometheus = compose.service("prometheus");
        Map<String, Object> config = yaml(ROOT.resolve(mountSource(prometheus, "/etc/prometheus/prometheus.yml")));
        Map<String, Map<String, Object>> jobs = new LinkedHashMap<>();
        list(config.get("scrape_configs"))
                .forEach(scrape -> jobs.put(String.valueOf(map(scrape).get("job_name")), map(scrape)));

        // Each standalone app serves GET /metrics (StreamsAppMetrics) on its query endpoint, the application server.
        Map<String, String> standaloneJobs =
                Map.of(AppSettings.ENGINE_JAR, "onsale-engine", AppSettings.WAITING_ROOM_JAR, "onsale-waiting-room");
        for (Map.Entry<String, String> app : standaloneJobs.entrySet()) {
            List<Service> instances = running(compose, app.getKey());
            Map<String, Object> job = jobs.get(app.getValue());
            assertThat(job)
                    .as("a scrape job " + app.getValue() + " for " + app.getKey())
                    .isNotNull();
            assertThat(job.get("metrics_path")).as(app.getValue()).isEqualTo("/metrics");
            assertThat(targets(job))
                    .as(app.getValue() + "'s targets")
                    .isEqualTo(instances.stream()
                            .map(instance -> instance.environment().get("ONSALE_KAFKA_APPLICATION_SERVER"))
                            .collect(Collectors.toCollection(TreeSet::new)));
            // The endpoint has no token (ADR 0016): it stays on the compose network.
            assertThat(instances)
                    .allSatisfy(instance -> assertThat(instance.hostPorts())
                            .as(instance.name() + " publishes its query endpoint on the host")
                            .isEmpty());
        }

        Set<String> named = new TreeSet<>();
        Matcher job = Pattern.compile("job(=~?)\"([^\"]+)\"")
                .matcher(Files.readString(ROOT.resolve("ops/prometheus/alerts.yml")));
        while (job.find()) {
            named.addAll(job.group(1).equals("=~") ? List.of(job.group(2).split("\\|")) : List.of(job.group(2)));
        }
        assertThat(named)
                .as("the jobs ops/prometheus/alerts.yml names")
                .contains("onsale-edge", "onsale-engine", "onsale-waiting-room");
        assertThat(jobs.keySet()).as("the jobs of the compose Prometheus").containsAll(named);
    }

    @Test
    void prometheusAcceptsItsConfigAsMounted(@TempDir Path scratch) throws Exception {
        Promtool promtool = Promtool.required();
        Service prometheus = ComposeFile.load(ROOT).service("prometheus");
        // The config names paths inside the container: point them at what is mounted there (a stand-in token for the
        // volume), so promtool also reads the rule file Prometheus will.
        Map<String, Object> config =
                new LinkedHashMap<>(yaml(ROOT.resolve(mountSource(prometheus, "/etc/prometheus/prometheus.yml"))));
        config.put(
                "rule_files",
                list(config.get("rule_files")).stream()
                        .map(ruleFile -> hostPath(prometheus, String.valueOf(ruleFile), scratch))
                        .toList());
        for (Object scrape : list(config.get("scrape_configs"))) {
            Map<String, Object> authorization = map(map(scrape).get("authorization"));
            if (authorization.containsKey("credentials_file")) {
                authorization.put(
                        "credentials_file",
                        hostPath(prometheus, String.valueOf(authorization.get("credentials_file")), scratch));
            }
        }
        Files.writeString(scratch.resolve("prometheus.yml"), new Yaml().dump(config));

        Promtool.Result result = promtool.run(scratch, "check", "config", "prometheus.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 1 rule files found");
    }

    @Test
    void composeReadsTheFileWithTheSecretsAndRefusesItWithout(@TempDir Path scratch) throws Exception {
        ComposeTool compose = ComposeTool.required();
        // An empty env file: an operator's .env in the work tree must not make this pass.
        Path emptyEnvFile = Files.writeString(scratch.resolve("empty.env"), "");
        Map<String, String> secrets = new HashMap<>();
        for (String required : requiredVariables()) {
            secrets.put(required, "compose-config-check-" + required.toLowerCase() + "-0123456789abcdef");
        }
        String[] config = {
            "--env-file",
            emptyEnvFile.toString(),
            "-f",
            ROOT.resolve(ComposeFile.FILE_NAME).toString(),
            "--project-directory",
            ROOT.toString(),
            "config",
            "-q"
        };

        ComposeTool.Result accepted = compose.run(ROOT, secrets, config);
        Map<String, String> withoutJwtSecret = new HashMap<>(secrets);
        withoutJwtSecret.put("ONSALE_JWT_SECRET", null);
        ComposeTool.Result refused = compose.run(ROOT, withoutJwtSecret, config);

        assertThat(accepted.exitCode()).as(accepted.output()).isZero();
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("set ONSALE_JWT_SECRET");
    }

    /** A scrape job's static targets. */
    private static Set<String> targets(Map<String, Object> job) {
        Set<String> targets = new TreeSet<>();
        list(job.get("static_configs"))
                .forEach(group ->
                        list(map(group).get("targets")).forEach(target -> targets.add(String.valueOf(target))));
        return targets;
    }

    /** Every variable the file requires with {@code ${NAME:?why}}. */
    private static Set<String> requiredVariables() throws IOException {
        Set<String> required = new TreeSet<>();
        Matcher variable = REQUIRED_VARIABLE.matcher(Files.readString(ROOT.resolve(ComposeFile.FILE_NAME)));
        while (variable.find()) {
            required.add(variable.group(1));
        }
        assertThat(required).contains("ONSALE_JWT_SECRET", "ONSALE_QUEUE_SIGNING_SECRET");
        return required;
    }

    /** The services built here, each with its parsed Dockerfile. */
    private static Map<Service, Dockerfile> builtImages(ComposeFile compose) throws IOException {
        Map<Service, Dockerfile> images = new LinkedHashMap<>();
        for (Service service : compose.services()) {
            if (service.buildContext().isPresent()) {
                Path dockerfile = context(service).resolve(service.dockerfile().orElseThrow());
                if (Files.isRegularFile(dockerfile)) {
                    images.put(service, Dockerfile.parse(dockerfile));
                }
            }
        }
        return images;
    }

    private static Path context(Service service) {
        return ROOT.resolve(service.buildContext().orElseThrow()).normalize();
    }

    /** The project jars the service's image copies, e.g. {@code api-edge/target/api-edge.jar}. */
    private static Set<String> jars(Service service) throws IOException {
        Set<String> jars = new TreeSet<>();
        if (service.buildContext().isPresent()) {
            Dockerfile.parse(context(service).resolve(service.dockerfile().orElseThrow()))
                    .copies()
                    .forEach(copy -> copy.sources().stream()
                            .filter(source -> source.endsWith(".jar"))
                            .forEach(jars::add));
        }
        return jars;
    }

    private static List<Service> running(ComposeFile compose, String jar) throws IOException {
        List<Service> running = new ArrayList<>();
        for (Service service : compose.services()) {
            if (jars(service).contains(jar)) {
                running.add(service);
            }
        }
        return running;
    }

    private static List<Service> brokers(ComposeFile compose) {
        return compose.services().stream()
                .filter(service -> service.image().orElse("").startsWith("apache/kafka:"))
                .filter(service -> service.environment()
                        .getOrDefault("KAFKA_PROCESS_ROLES", "")
                        .contains("broker"))
                .toList();
    }

    /** Whether the module's pom names the file: its finalName, or a path under its build directory. */
    private static boolean buildsOutput(Path pom, String file) throws IOException {
        String text = Files.readString(pom);
        return text.contains("<finalName>" + file.replaceFirst("\\.jar$", "") + "</finalName>")
                || text.contains("${project.build.directory}/" + file);
    }

    /** The port of the named listener in KAFKA_LISTENERS ({@code CONTROLLER://:9093} → 9093). */
    private static String listenerPort(Service broker, String listener) {
        return Arrays.stream(broker.environment().get("KAFKA_LISTENERS").split(","))
                .filter(entry -> entry.startsWith(listener + "://"))
                .map(entry -> entry.replaceFirst(".*:", ""))
                .findFirst()
                .orElseThrow(() -> new AssertionError(broker.name() + " has no " + listener + " listener"));
    }

    /** The host:port the broker advertises for the named listener. */
    private static String advertised(Service broker, String listener) {
        return Arrays.stream(
                        broker.environment().get("KAFKA_ADVERTISED_LISTENERS").split(","))
                .filter(entry -> entry.startsWith(listener + "://"))
                .map(entry -> entry.substring(listener.length() + 3))
                .findFirst()
                .orElseThrow(() -> new AssertionError(broker.name() + " advertises no " + listener + " listener"));
    }

    /** The host path mounted at the container path (or at the directory holding it). */
    private static String mountSource(Service service, String containerPath) {
        for (Mount mount : service.mounts()) {
            if (mount.isBind()
                    && (containerPath.equals(mount.target()) || containerPath.startsWith(mount.target() + "/"))) {
                return mount.source() + containerPath.substring(mount.target().length());
            }
        }
        throw new AssertionError(service.name() + " mounts nothing of the repository at " + containerPath);
    }

    /**
     * Where a path inside the container is on this machine: under the repository for a bind mount; for a named volume,
     * a stand-in file in the scratch directory (its content is written at run time by another service).
     */
    private static String hostPath(Service service, String containerPath, Path scratch) {
        for (Mount mount : service.mounts()) {
            if (containerPath.equals(mount.target()) || containerPath.startsWith(mount.target() + "/")) {
                String rest = containerPath.substring(mount.target().length());
                if (mount.isBind()) {
                    return ROOT.resolve(mount.source() + rest).normalize().toString();
                }
                try {
                    Path standIn = scratch.resolve(mount.source() + rest);
                    Files.createDirectories(standIn.getParent());
                    return Files.writeString(standIn, "stand-in").toString();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new AssertionError(service.name() + " mounts nothing at " + containerPath);
    }

    private static String property(String pom, String name) {
        Matcher value = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">")
                .matcher(pom);
        assertThat(value.find()).as("pom.xml defines " + name).isTrue();
        return value.group(1).trim();
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> ? (Map<String, Object>) node : Map.of();
    }

    private static List<Object> list(Object node) {
        return node instanceof List<?> items ? List.copyOf(items) : List.of();
    }

    private static List<Service> concat(List<Service> first, List<Service> second) {
        List<Service> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }
}
