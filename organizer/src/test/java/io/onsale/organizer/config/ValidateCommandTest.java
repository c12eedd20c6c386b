package io.onsale.organizer.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.organizer.Cli;
import io.onsale.organizer.Exit;
import io.onsale.reservations.config.EventConfigValidator;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    static final Path CONFIGS = Path.of("src/test/resources/configs");
    /** The example the README's curl walk-through PUTs; it has no eventId (the edge takes it from the path). */
    static final Path README_EXAMPLE = Path.of("../docs/examples/demo-event.json");

    @Test
    void aValidJsonConfigIsSummarisedAndExitsZero() {
        Path file = CONFIGS.resolve("valid-event.json");

        Cli.Run run = Cli.run("validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(Exit.OK);
        assertThat(run.out())
                .isEqualTo(file + ": valid: event 'spring-gala', 2 sections, 3 seats and 1 zone (200 places),"
                        + " sale opens 2026-05-01T10:00:00Z\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void yamlAndJsonOfTheSameEventReadToTheSameConfig() throws Exception {
        EventConfig fromJson =
                EventConfigFile.check(CONFIGS.resolve("valid-event.json"), null).config();
        EventConfig fromYaml =
                EventConfigFile.check(CONFIGS.resolve("valid-event.yaml"), null).config();

        assertThat(fromYaml).isEqualTo(fromJson);
        assertThat(fromJson.getSections().get(0).getSeats().get(2).getKilled()).isTrue();
        assertThat(fromJson.getQueuePolicy()).isEqualTo(new QueuePolicy(300, 40, 600, 12));
    }

    @Test
    void fieldsLeftOutTakeTheSchemasDefaultsAndEpochMillisAreAnInstant() throws Exception {
        EventConfig config = EventConfigFile.check(CONFIGS.resolve("minimal-event.yaml"), null)
                .config();

        assertThat(config.getCurrency()).isEqualTo("EUR");
        assertThat(config.getHoldWindowMinutes()).isEqualTo(10);
        assertThat(config.getPerBuyerLimit()).isEqualTo(8);
        assertThat(config.getQueuePolicy()).isEqualTo(QueuePolicy.newBuilder().build());
        assertThat(config.getSaleOpensAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
    }

    @Test
    void aConfigBreakingTheEnginesRulesListsEveryProblemByFieldAndExitsOne() {
        Path file = CONFIGS.resolve("breaks-the-rules.json");

        Cli.Run run = Cli.run("validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(Exit.REFUSED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo(file + ": 4 problems\n"
                        + "  currency: must be an ISO 4217 code such as EUR, got 'eur'\n"
                        + "  holdWindowMinutes: must be between 1 and 30, got 45\n"
                        + "  queuePolicy.maxAdmitRatePerSecond: must be 1 or more, got 0\n"
                        + "  sections[0].seats[1].seatId: 'A-1-1' appears twice in the event\n");
    }

    @Test
    void theProblemsAreTheEnginesOwnValidatorsWordForWord() throws Exception {
        // Read with the rules switched off, the file is a config the engine would judge exactly like this.
        EventConfig asRead = EventConfig.newBuilder(EventConfigFile.check(CONFIGS.resolve("valid-event.json"), null)
                        .config())
                .setCurrency("eur")
                .setHoldWindowMinutes(45)
                .build();
        Path file = withFields(CONFIGS.resolve("valid-event.json"), "\"currency\": \"eur\", \"holdWindowMinutes\": 45");

        Cli.Run run = Cli.run("validate", file.toString());

        assertThat(run.err())
                .contains(EventConfigValidator.problems(asRead).stream()
                        .map(problem -> "  " + problem.field() + ": " + problem.message() + "\n")
                        .toList());
    }

    @Test
    void aFileOfTheWrongShapeNamesEachFieldAtFault() {
        Path file = CONFIGS.resolve("wrong-shape.yaml");

        Cli.Run run = Cli.run("validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(Exit.REFUSED);
        assertThat(run.err())
                .isEqualTo(file + ": 6 problems\n"
                        + "  holdWindowMinute: is not a field of EventConfig (known: eventId, name, venue, saleOpensAt, currency,"
                        + " holdWindowMinutes, perBuyerLimit, sections, queuePolicy, owner)\n"
                        + "  venue: is required\n"
                        + "  saleOpensAt: must be an instant such as 2026-06-01T10:00:00Z (UTC) or epoch milliseconds, got"
                        + " \"next friday\"\n"
                        + "  sections[0].kind: must be one of RESERVED, GENERAL_ADMISSION, got \"SEATED\"\n"
                        + "  sections[0].priceMinor: must be a whole number, got \"99.00\"\n"
                        + "  sections[0].seats[0].number: is required\n");
    }

    @Test
    void brokenJsonSaysWhere() {
        Path file = CONFIGS.resolve("not-json.json");

        Cli.Run run = Cli.run("validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(Exit.REFUSED);
        assertThat(run.err())
                .startsWith(file + ": not valid JSON at line 4, column ")
                .contains("was expecting comma to separate Object entries");
    }

    @Test
    void aMissingFileOrAnUnknownExtensionIsRefusedWithTheReason(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nowhere.json");
        Path text = Files.writeString(dir.resolve("event.txt"), "{}");

        assertThat(Cli.run("validate", missing.toString()))
                .isEqualTo(new Cli.Run(Exit.REFUSED, "", missing + ": no such file\n"));
        assertThat(Cli.run("validate", text.toString()))
                .isEqualTo(new Cli.Run(
                        Exit.REFUSED,
                        "",
                        text + ": must end in .json, .yaml or .yml (the extension says" + " how to read it)\n"));
    }

    @Test
    void theEdgesExampleBodyNeedsItsEventIdFromTheOption() {
        Cli.Run without = Cli.run("validate", README_EXAMPLE.toString());
        Cli.Run with = Cli.run("validate", README_EXAMPLE.toString(), "--event-id", "my-show");

        assertThat(without.exitCode()).isEqualTo(Exit.REFUSED);
        assertThat(without.err()).isEqualTo(README_EXAMPLE + ": 1 problem\n  eventId: is required\n");
        assertThat(with.exitCode()).isEqualTo(Exit.OK);
        assertThat(with.out()).startsWith(README_EXAMPLE + ": valid: event 'my-show', 2 sections, 4 seats and 1 zone");
    }

    @Test
    void anEventIdOptionThatContradictsTheFileIsAProblem() {
        Cli.Run run = Cli.run("validate", CONFIGS.resolve("valid-event.json").toString(), "--event-id", "other-show");

        assertThat(run.exitCode()).isEqualTo(Exit.REFUSED);
        assertThat(run.err()).endsWith("  eventId: 'spring-gala' differs from --event-id 'other-show'\n");
    }

    @Test
    void noFileIsAUsageError() {
        Cli.Run run = Cli.run("validate");

        assertThat(run.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(run.err()).contains("Missing required parameter: 'FILE'");
    }

    /** The file with some top-level fields replaced, written to a temporary file. */
    private static Path withFields(Path file, String fields) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode tree =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(file.toFile());
        tree.setAll((com.fasterxml.jackson.databind.node.ObjectNode) json.readTree("{" + fields + "}"));
        Path changed = Files.createTempFile("event-", ".json");
        changed.toFile().deleteOnExit();
        return Files.writeString(changed, tree.toString());
    }
}
