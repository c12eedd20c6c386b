package io.onsale.edge.docs;

import io.onsale.edge.platform.EdgeHeaders;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What springdoc cannot infer from the controllers, in one place: each operation's answers (statuses, bodies,
 * headers), the headers filters read, the role it needs, the limits in front of it. Written against paths, not
 * classes, so the waiting room's controllers are described without touching them.
 */
class EdgeApiContract implements OpenApiCustomizer {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final String JSON = "application/json";
    private static final String BUYER = "BUYER";
    private static final String ORGANIZER = "ORGANIZER";

    @Override
    public void customise(OpenAPI api) {
        registerSchemas(api);
        describeFields(api);

        op(
                        api,
                        "/api/events/{eventId}",
                        PathItem.HttpMethod.GET,
                        "events",
                        "An event with live availability per section",
                        BUYER,
                        ORGANIZER)
                .ok("200", "The event's config and, per section, its live availability", "EventView")
                .problem("404", "`unknown-event`: no such event")
                .reads();

        op(
                        api,
                        "/api/events/{eventId}/sections/{sectionId}/seats",
                        PathItem.HttpMethod.GET,
                        "events",
                        "The seat map of a seated section: each seat's status",
                        BUYER)
                .ok("200", "Every configured seat and its status", "SeatMap")
                .problem("404", "`unknown-event` or `unknown-section`")
                .problem("422", "`not-a-seated-section`: a general-admission section has zones, not seats")
                .reads();

        op(api, "/api/events/{eventId}/orders", PathItem.HttpMethod.POST, "orders", """
                Place an order: specific seats (all or nothing), or a quantity in a section (best available). Decided \
                by the order engine; the answer is its committed decision.""", BUYER)
                .header(idempotencyKey())
                .header(new Parameter()
                        .in("header")
                        .name(EdgeHeaders.ADMISSION_TOKEN)
                        .required(false)
                        .description(
                                "Required while the event's waiting room is active (mode other than PASS_THROUGH): "
                                        + "the `admissionToken` of the buyer's ADMITTED queue status for this event")
                        .schema(new StringSchema()))
                .ok("201", "HELD: the order with its hold's expiry; `Location` is the order", "OrderView", location())
                .pending()
                .problem(
                        "400",
                        "`malformed-request`, `invalid-order` (seats and section/quantity mixed or missing), "
                                + "`invalid-quantity` or `invalid-idempotency-key` (1 to 128 characters)")
                .problem(
                        "401",
                        "No valid bearer token; or, while the waiting room is active, `admission-required` / "
                                + "`admission-refused` (missing, malformed, forged or expired Admission-Token, or one of a "
                                + "place the buyer gave up by leaving the queue: `PLACE_GIVEN_UP`; `refusal`)")
                .problem(
                        "403",
                        "Not a buyer; or `admission-refused`: another buyer's or another event's token (`refusal`)")
                .problem("404", "`unknown-event`")
                .problem(
                        "409",
                        "Not available: `reason` (SEAT_TAKEN, SOLD_OUT, INSUFFICIENT_CAPACITY, NOT_ON_SALE, "
                                + "BUYER_LIMIT, KILLED, RELEASE_LIMIT: the buyer gave up 3 held orders of the event within 60 "
                                + "minutes, RELEASE_COOLDOWN: the buyer gave up a hold of a seat of the order less than 2 minutes "
                                + "ago, …) and `alternatives`; nothing was held. RELEASE_LIMIT and RELEASE_COOLDOWN say when the "
                                + "buyer may hold again: `retryAt`, `retryAfterSeconds` and `Retry-After`")
                .problem(
                        "422",
                        "`unknown-seat` / `unknown-section` (not in the event), or `unknown-unit` / "
                                + "`invalid-command` from the engine")
                .unavailable(
                        "503",
                        "The answer followers or the waiting rooms' progress are still being read (fail closed); "
                                + "or `broker-unavailable`: the order could not be handed to Kafka within 2 s, nothing was sent "
                                + "(`Retry-After`: 1)")
                .limitedWrite("orders");

        op(api, "/api/orders/{orderId}", PathItem.HttpMethod.GET, "orders", "One of the buyer's orders", BUYER)
                .ok("200", "The order as the engine's books have it now", "OrderView")
                .problem("404", "`unknown-order`: no such order, or another buyer's (the same answer)")
                .reads();

        op(
                        api,
                        "/api/orders/{orderId}",
                        PathItem.HttpMethod.DELETE,
                        "orders",
                        "Cancel a held order: its tickets go back at once",
                        BUYER)
                .ok("200", "CANCELLED", "OrderView")
                .pending()
                .problem(
                        "404",
                        "`unknown-order`: no such order, another buyer's, or of no known event (nothing is "
                                + "produced)")
                .problem("409", "Not cancellable: `reason` (PAYMENT_IN_PROGRESS, ALREADY_CONFIRMED, HOLD_EXPIRED, …)")
                .unavailable("503", "The answer followers are still being read")
                .buyerLimit("cancel", "a bucket of its own at the orders' rate, `onsale.edge.limits.orders`");

        op(api, "/api/orders/{orderId}/payment", PathItem.HttpMethod.POST, "orders", """
                Pay a held order: authorize, confirm with the engine, capture (or void when the confirm loses). \
                Runs on the instance holding the buyer's orders (forwarded there).""", BUYER)
                .header(idempotencyKey())
                .ok(
                        "200",
                        "CONFIRMED, with the `paymentId` that paid it: also the answer to a payment of an order "
                                + "already paid (with or without its key), which charges nothing (one order, one capture)",
                        "OrderView")
                .pending()
                .problem("400", "`malformed-request` or `invalid-payment` (`paymentMethod` missing)")
                .problem("402", "`payment-declined`: the authorization was declined; the hold stays")
                .problem("404", "`unknown-order`")
                .problem(
                        "409",
                        "Not payable: `reason` (NOT_HELD, HOLD_EXPIRED, HOLD_ENDING: too little hold time "
                                + "left to authorize and confirm, PAYMENT_IN_PROGRESS: another payment of the order is being "
                                + "confirmed, …); nothing is charged, a lost confirm is voided")
                .unavailable("503", "The payment gateway's line is full, or the buyer's orders are not queryable now")
                .limitedWrite("payment");

        op(api, "/api/events/{eventId}/queue", PathItem.HttpMethod.POST, "waiting room", """
                Join the event's waiting room (no body). Joining again gives the same place. A buyer let straight \
                through gets the admission token at once.""", BUYER)
                .ok(
                        "201",
                        "A new place: the status with the signed `ticket`; `Location` is the status URL",
                        "QueueStatus",
                        location())
                .ok("200", "The same place again (already joined)", "QueueStatus")
                .pending()
                .problem("404", "`unknown-event` (`reason` UNKNOWN_EVENT when the room itself does not know it)")
                .problem(
                        "409",
                        "`queue-join-refused`: the room refused the join (`reason`: LEFT_QUEUE, the buyer "
                                + "left this event's queue, and a place given up is not given again; UNKNOWN, a reason "
                                + "newer than this edge, named in `detail`)")
                .unavailable(
                        "503",
                        "The answer followers are still being read; or `broker-unavailable`: the join "
                                + "could not be handed to Kafka within 2 s, nothing was sent (`Retry-After`: 1)")
                .limitedWrite("queue-join");

        op(
                        api,
                        "/api/events/{eventId}/queue/{ticket}",
                        PathItem.HttpMethod.GET,
                        "waiting room",
                        "The buyer's status: answered by any instance from the ticket and the room's progress",
                        BUYER)
                .ok("200", "The status (`Cache-Control: no-store`)", "QueueStatus")
                .ticketProblems()
                .reads();

        op(api, "/api/events/{eventId}/queue/{ticket}/events", PathItem.HttpMethod.GET, "waiting room", """
                The status as Server-Sent Events: an event `status` (data: QueueStatus) on every change, a `heartbeat` \
                comment in between; the stream ends once ADMITTED, EXPIRED or SOLD_OUT.""", BUYER)
                .stream()
                .ticketProblems()
                .tooMany("`too-many-streams` (`limit`: `streams`): this buyer already has "
                        + "`onsale.queue.status-streams.per-buyer` (default 2) streams open on this instance; close one or "
                        + "poll the status; or `rate-limited` (`limit`: `anonymous`) without a valid token")
                .unavailable(
                        "503",
                        "`overloaded`: this instance has `onsale.queue.status-streams.per-instance` (default "
                                + "10,000) streams open; poll the status instead (`Retry-After`: the poll interval)")
                .reads();

        op(api, "/api/admin/events/{eventId}", PathItem.HttpMethod.PUT, "organizer", """
                Configure an event (create or replace): validated by the engine's rules, produced to `event-config`, \
                answered READY once this instance decides orders with it.""", ORGANIZER)
                .ok("200", "READY", "EventConfigAnswer")
                .ok("202", "ACCEPTED: produced, not visible here yet", "EventConfigAnswer")
                .problem("400", "`invalid-event-config` with every problem in `errors`, or `malformed-request`")
                .problem(
                        "413",
                        "`body-too-large`: above `onsale.edge.limits.event-config-body` (default 8 MiB; a "
                                + "50,000-seat venue is about 2.3 MB), `maxBytes` names it; or `record-too-large`: above "
                                + "event-config's 4 MiB Kafka record")
                .owned()
                .anonymousLimit()
                .internal();

        op(api, "/api/admin/events/{eventId}/inventory", PathItem.HttpMethod.PATCH, "organizer", """
                Change what is on sale: take seats or zones off sale (`kill`), put them back (`restore`), set zones' \
                capacities (`capacity`). Applied to the config in force and produced as the next config; what is held \
                or sold stays with its buyers. Send the `ETag` of the last answer as `If-Match` so a change made \
                meanwhile by someone else is not overwritten.""", ORGANIZER)
                .header(new Parameter()
                        .in("header")
                        .name("If-Match")
                        .required(false)
                        .description("The config version (`ETag` of a PUT or PATCH answer) this change was decided on")
                        .schema(new StringSchema()))
                .ok(
                        "200",
                        "READY, with what was `killed`, `restored` and the new `capacity`; `ETag` the new version",
                        "EventConfigAnswer")
                .ok("202", "ACCEPTED: produced, not visible here yet", "EventConfigAnswer")
                .problem("400", "`empty-inventory-change` or `malformed-request`")
                .problem("404", "`unknown-event`")
                .problem(
                        "409",
                        "`capacity-below-taken`: a section would have fewer tickets than are held or sold "
                                + "(`sectionId`, `taken`, `capacity`); nothing changed")
                .problem("412", "`config-changed`: `If-Match` is not the version in force (`currentVersion`)")
                .problem(
                        "422",
                        "`invalid-inventory-change`: unknown seat or zone ids, a seat given a capacity, a "
                                + "negative capacity, an id both killed and restored; every problem in `errors`")
                .unavailable("503", "The sections' availability is not readable on this instance right now")
                .problem("413", "`body-too-large`: above `onsale.edge.limits.event-config-body` (default 8 MiB)")
                .owned()
                .anonymousLimit()
                .internal();

        op(api, "/api/admin/events/{eventId}/queue", PathItem.HttpMethod.PATCH, "organizer", """
                Change a live waiting room: pause/resume, admit rate, target of active shoppers. Absent fields stay \
                as they are.""", ORGANIZER)
                .ok("200", "POLICY_CHANGED: the policy in force", "QueueChangeAnswer")
                .pending()
                .problem("400", "`empty-queue-change`, `invalid-queue-change` (a value below 1) or `malformed-request`")
                .problem("404", "`unknown-event`")
                .problem(
                        "422",
                        "`queue-change-refused`: the room refused it (`reason`: INVALID_POLICY, with the policy's "
                                + "problems in `detail`; UNKNOWN, a reason newer than this edge, named in `detail`)")
                .smallBody()
                .owned()
                .anonymousLimit()
                .internal();
    }

    private static void registerSchemas(OpenAPI api) {
        for (Class<?> model : List.of(
                DocModels.Problem.class,
                DocModels.Pending.class,
                DocModels.EventConfigAnswer.class,
                DocModels.QueueChangeAnswer.class)) {
            ModelConverters.getInstance().readAll(model).forEach(api.getComponents()::addSchemas);
        }
        Schema<?> problem = api.getComponents().getSchemas().get("Problem");
        ((Schema<?>) problem.getProperties().get("alternatives")).setItems(ref("AlternativeView"));
    }

    private static void describeFields(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        FieldGlossary.FIELDS.forEach((schemaName, fields) -> {
            Schema<?> schema = schemas.get(schemaName);
            if (schema == null || schema.getProperties() == null) {
                return;
            }
            fields.forEach((field, description) -> {
                Schema<?> property = schema.getProperties().get(field);
                if (property != null) {
                    // A $ref's siblings are ignored by OpenAPI 3.0 tools; 3.1 (what springdoc writes) allows them.
                    property.setDescription(description);
                }
            });
        });
    }

    private static OperationDocs op(
            OpenAPI api, String path, PathItem.HttpMethod method, String tag, String summary, String... roles) {
        PathItem item = api.getPaths().get(path);
        Operation operation = item == null ? null : item.readOperationsMap().get(method);
        if (operation == null) {
            throw new IllegalStateException(
                    "The edge no longer serves " + method + " " + path + ": update the API docs");
        }
        operation.setTags(List.of(tag));
        operation.setSummary(firstClause(summary));
        operation.setDescription(summary + "\n\nRole: " + String.join(" or ", roles) + ".");
        operation.addExtension("x-required-roles", List.of(roles));
        operation.setResponses(new ApiResponses());
        return new OperationDocs(operation);
    }

    private static String firstClause(String text) {
        int end = text.length();
        for (char stop : new char[] {':', '.'}) {
            int at = text.indexOf(stop);
            if (at > 0 && at < end) {
                end = at;
            }
        }
        return text.substring(0, end).strip();
    }

    static Schema<?> ref(String schema) {
        return new Schema<>().$ref("#/components/schemas/" + schema);
    }

    private static Parameter idempotencyKey() {
        return new Parameter()
                .in("header")
                .name(EdgeHeaders.IDEMPOTENCY_KEY)
                .required(false)
                .description("1 to 128 characters chosen by the client per attempt. A retry with the same key is the "
                        + "same request: the same order (never a second hold), the same payment (the gateway's "
                        + "idempotency key)")
                .schema(new StringSchema().minLength(1).maxLength(128));
    }

    private static Map<String, Header> location() {
        return Map.of(
                "Location", new Header().description("The created resource").schema(new StringSchema()));
    }

    private static Header retryAfter(String what) {
        return new Header().description(what).schema(new IntegerSchema());
    }

    /** One operation's answers, added in the order a reader looks for them. */
    private static final class OperationDocs {

        private final Operation operation;

        OperationDocs(Operation operation) {
            this.operation = operation;
        }

        OperationDocs header(Parameter header) {
            if (operation.getParameters() != null) {
                operation
                        .getParameters()
                        .removeIf(existing -> existing.getName().equals(header.getName()));
            }
            operation.addParametersItem(header);
            return this;
        }

        OperationDocs ok(String status, String description, String schema) {
            return ok(status, description, schema, Map.of());
        }

        OperationDocs ok(String status, String description, String schema, Map<String, Header> headers) {
            ApiResponse response = new ApiResponse()
                    .description(description)
                    .content(new Content().addMediaType(JSON, new MediaType().schema(ref(schema))));
            headers.forEach(response::addHeaderObject);
            operation.getResponses().addApiResponse(status, response);
            return this;
        }

        OperationDocs pending() {
            operation
                    .getResponses()
                    .addApiResponse(
                            "202",
                            new ApiResponse()
                                    .description(
                                            "PENDING: no decision committed within the decision timeout; ask again after `Retry-After`")
                                    .addHeaderObject("Retry-After", retryAfter("Seconds to wait before asking again"))
                                    .content(new Content().addMediaType(JSON, new MediaType().schema(ref("Pending")))));
            return this;
        }

        OperationDocs stream() {
            operation
                    .getResponses()
                    .addApiResponse(
                            "200",
                            new ApiResponse()
                                    .description(
                                            "`text/event-stream`: events named `status` whose data is a QueueStatus")
                                    .content(new Content()
                                            .addMediaType(
                                                    "text/event-stream", new MediaType().schema(ref("QueueStatus")))));
            return this;
        }

        OperationDocs problem(String status, String description) {
            ApiResponse existing = operation.getResponses().get(status);
            if (existing != null) {
                existing.setDescription(existing.getDescription() + "; " + description);
                return this;
            }
            operation
                    .getResponses()
                    .addApiResponse(
                            status,
                            new ApiResponse()
                                    .description(description)
                                    .content(new Content()
                                            .addMediaType(PROBLEM_JSON, new MediaType().schema(ref("Problem")))));
            return this;
        }

        OperationDocs unavailable(String status, String description) {
            problem(status, description + "; try again after `Retry-After`");
            operation.getResponses().get(status).addHeaderObject("Retry-After", retryAfter("Seconds to wait"));
            return this;
        }

        OperationDocs ticketProblems() {
            return problem("401", "`invalid-queue-ticket`: not a ticket, or not signed here (`refusal`)")
                    .problem("403", "`queue-ticket-of-another-buyer`")
                    .problem("404", "`unknown-queue-ticket`: the ticket is for another event")
                    .unavailable("503", "This instance is still reading the waiting rooms' progress");
        }

        OperationDocs authenticated() {
            return problem(
                            "401",
                            "`authentication-required`: no bearer token, or an invalid one (`WWW-Authenticate: "
                                    + "Bearer`)")
                    .problem("403", "`forbidden`: the token lacks the role (" + roles() + ")");
        }

        /** An organizer's operation on one event: its owner's, or an administrator's (organizer/EventOwnership). */
        OperationDocs owned() {
            return authenticated()
                    .problem(
                            "403",
                            "`not-event-owner`: the event belongs to another organizer (only its "
                                    + "owner or an `ADMIN` changes it; a new event belongs to the organizer who configured it)");
        }

        /** Requests without a valid token are limited per client address before anything else. */
        OperationDocs anonymousLimit() {
            return tooMany("`rate-limited` (`limit`: `anonymous`): too many requests without a valid token from this "
                    + "address (`onsale.edge.limits.anonymous`)");
        }

        OperationDocs smallBody() {
            return problem(
                    "413",
                    "`body-too-large`: the body is above `onsale.edge.limits.body` (default 16 KiB); "
                            + "`maxBytes` names the limit");
        }

        /** Reads: authenticated, limited only when unauthenticated. */
        OperationDocs reads() {
            return authenticated().anonymousLimit().internal();
        }

        OperationDocs limitedWrite(String limit) {
            return smallBody().buyerLimit(limit, "`onsale.edge.limits." + limit + "`");
        }

        /** Limited per buyer in the bucket {@code limit}, at the rate {@code rate} names. */
        OperationDocs buyerLimit(String limit, String rate) {
            return authenticated()
                    .tooMany("`rate-limited` (`limit`: `" + limit + "`): this buyer sent more than its bucket allows ("
                            + rate + "), or `anonymous` without a valid token")
                    .internal();
        }

        OperationDocs tooMany(String description) {
            if (operation.getResponses().get("429") != null) {
                return this;
            }
            problem("429", description);
            operation
                    .getResponses()
                    .get("429")
                    .addHeaderObject("Retry-After", retryAfter("Seconds to wait before trying again"));
            return this;
        }

        OperationDocs internal() {
            return problem("500", "`internal-error`: the edge failed; nothing was decided for this request");
        }

        private String roles() {
            Object roles = operation.getExtensions().get("x-required-roles");
            return roles instanceof List<?> list
                    ? String.join(" or ", list.stream().map(String::valueOf).toList())
                    : "";
        }
    }
}
