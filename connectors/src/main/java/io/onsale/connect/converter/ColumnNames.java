package io.onsale.connect.converter;

import java.util.Locale;

/**
 * Column names for the warehouse: Avro's camelCase field names in snake_case, so analysts write
 * {@code decided_at}, not {@code "decidedAt"} (PostgreSQL folds unquoted names to lower case).
 */
final class ColumnNames {

    private ColumnNames() {}

    static String of(String avroName) {
        return avroName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** A nested record's field, flattened into its parent's row: {@code policy} + {@code maxAdmitRatePerSecond}. */
    static String nested(String parentColumn, String avroName) {
        return parentColumn + "_" + of(avroName);
    }
}
