package io.onsale.edge.platform;

/** The paths the routes before WebFlux take: plain ones only, so that anything WebFlux would decode first is its own. */
public final class FastPaths {

    private static final String EVENTS = "/api/events/";

    private FastPaths() {
    }

    /**
     * {@code E1} of {@code /api/events/E1<suffix>} (e.g. {@code /orders}); null for anything else: a query, an escape,
     * a path parameter, more or empty segments.
     */
    public static String eventIdOf(String uri, String suffix) {
        if (uri == null || !uri.startsWith(EVENTS) || !uri.endsWith(suffix)) {
            return null;
        }
        String eventId = uri.substring(EVENTS.length(), uri.length() - suffix.length());
        boolean plain = !eventId.isEmpty() && eventId.chars().allMatch(c -> c != '/' && c != '?' && c != '#' && c != '%'
                && c != ';');
        return plain ? eventId : null;
    }
}
