package io.onsale.edge.problem;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Why a request body could not be read, in the client's terms: JSON field names and JSON kinds of value. The reader's
 * own words name the edge's Java types ("Cannot deserialize value of type `io.onsale.edge.buyer.OrderRequest`", "No
 * request body for: … OrderController.place(…)"): how the edge is built is not for clients, so those never reach an
 * answer. Whatever else the reader says passes through {@link #withoutJavaNames}.
 */
final class UnreadableBodies {

    /** A Java type as readers print it: {@code `java.util.ArrayList<java.lang.String>`}, or a dotted class name. */
    private static final Pattern QUOTED_TYPE = Pattern.compile("`[^`]*`");

    private static final Pattern CLASS_NAME =
            Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.){2,}[A-Za-z_$][\\w$]*(?:<[^>]*>)?(?:\\([^)]*\\))?");
    private static final Pattern CLASS_REMARK = Pattern.compile("\\s*\\(class [^)]*\\)");
    private static final Pattern SOURCE_LOCATION = Pattern.compile("\\s*\\(?(start marker )?at \\[Source:.*$");
    /** Spring's "No request body for: <the controller method>": the method is the edge's business. */
    private static final Pattern FOR_METHOD = Pattern.compile("\\s+for:\\s.*$");

    private UnreadableBodies() {}

    /** What was wrong with the body, from the reader's failure. */
    static String describe(Throwable failure) {
        if (failure instanceof UnrecognizedPropertyException unknown) {
            List<String> known = unknown.getKnownPropertyIds() == null
                    ? List.of()
                    : unknown.getKnownPropertyIds().stream()
                            .map(String::valueOf)
                            .sorted()
                            .toList();
            return "unknown field \"" + path(unknown, unknown.getPropertyName()) + "\""
                    + (known.isEmpty() ? "" : "; the fields here are " + String.join(", ", known));
        }
        if (failure instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            String got = kindOf(mismatched.getCurrentToken());
            return where(mismatched) + " must be " + kindOf(mismatched.getTargetType())
                    + (got == null ? "" : ", not " + got);
        }
        if (failure instanceof InputCoercionException outOfRange && outOfRange.getTargetType() != null) {
            return where(outOfRange) + " is out of range for " + kindOf(outOfRange.getTargetType()) + " here";
        }
        if (failure instanceof JacksonException json) {
            return "not well-formed JSON: " + describe(json.getOriginalMessage());
        }
        return describe(failure.getMessage());
    }

    /** A reader's message as a client may read it: its first line, without source locations or Java names. */
    static String describe(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable request";
        }
        String firstLine = message.lines().findFirst().orElse(message);
        firstLine = SOURCE_LOCATION.matcher(firstLine).replaceFirst("");
        firstLine = FOR_METHOD.matcher(firstLine).replaceFirst("");
        return withoutJavaNames(firstLine);
    }

    static String withoutJavaNames(String text) {
        String plain = CLASS_REMARK.matcher(text).replaceAll("");
        plain = QUOTED_TYPE.matcher(plain).replaceAll("a value");
        return CLASS_NAME.matcher(plain).replaceAll("a value");
    }

    private static String where(JacksonException failure) {
        String path = path(failure, null);
        return path.isEmpty() ? "the body" : "\"" + path + "\"";
    }

    /** {@code seats[0]}, {@code sections[1].zones}: where in the body, as the client wrote it. */
    private static String path(JacksonException failure, String last) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference step : failure.getPath()) {
            if (step.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getPropertyName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        if (last != null && !path.toString().endsWith(last)) {
            path.append(path.isEmpty() ? "" : ".").append(last);
        }
        return path.toString();
    }

    private static String kindOf(Class<?> type) {
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == int.class
                || type == long.class
                || type == short.class
                || type == byte.class
                || type == Integer.class
                || type == Long.class
                || type == Short.class
                || type == Byte.class
                || type == BigInteger.class) {
            return "a whole number";
        }
        if (type.isPrimitive() && type != boolean.class
                || Number.class.isAssignableFrom(type)
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of "
                    + String.join(
                            ", ",
                            java.util.Arrays.stream(type.getEnumConstants())
                                    .map(Objects::toString)
                                    .toList());
        }
        return "an object";
    }

    private static String kindOf(JsonToken token) {
        if (token == null) {
            return null;
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "a whole number";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case VALUE_NULL -> "null";
            default -> null;
        };
    }
}
