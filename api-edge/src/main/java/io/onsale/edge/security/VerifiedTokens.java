package io.onsale.edge.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Bearer tokens that passed every check, kept until they expire: a buyer following the waiting room or the seat map
 * sends the same token every few seconds, and parsing and verifying it again was 11–14% of the edge's request cpu
 * (docs/benchmarks/log/2026-11-28-holds-http.md). A kept token is served for at most {@link #MAX_AGE} and never from
 * its {@code exp} on; a refused token is never kept, so it is checked (and refused) every time. The key is the whole
 * token, signature included, so no other token can be mistaken for it.
 */
final class VerifiedTokens implements ReactiveJwtDecoder, VerifiedBuyers {

    static final Duration MAX_AGE = Duration.ofMinutes(5);
    private static final String BEARER = "Bearer ";
    private static final String BUYER_ROLE = "BUYER";
    /**
     * About 1.5 KB each (the token and its claims): some 180 MB of heap at most. At 50,000 the large preset's 100,000
     * buyers emptied the cache every few seconds, and every read went the full way again
     * (docs/benchmarks/log/2026-12-03-session-6-fast-reads.md).
     */
    static final int MAX_ENTRIES = 120_000;

    private record Verified(Jwt jwt, Instant keepUntil) {}

    private final ReactiveJwtDecoder verifier;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    VerifiedTokens(ReactiveJwtDecoder verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Instant now = clock.instant();
        Verified known = verified.get(token);
        if (known != null) {
            if (now.isBefore(known.keepUntil())) {
                return Mono.just(known.jwt());
            }
            verified.remove(token, known);
        }
        return verifier.decode(token).doOnNext(jwt -> keep(token, jwt, now));
    }

    @Override
    public Optional<Jwt> buyer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = authorization.substring(BEARER.length());
        Instant now = clock.instant();
        Verified known = verified.get(token);
        Jwt jwt = known != null && now.isBefore(known.keepUntil()) ? known.jwt() : verifiedAtOnce(token, now);
        if (jwt == null) {
            return Optional.empty();
        }
        List<String> roles = jwt.getClaimAsStringList(SecurityConfig.ROLES_CLAIM);
        return roles != null && roles.contains(BUYER_ROLE) ? Optional.of(jwt) : Optional.empty();
    }

    /**
     * A token not seen yet, verified now by the same verifier (signature, issuer, audience, expiry) when it can answer
     * at once: with a key it holds (the HMAC secret, a JWK set it has fetched) it answers before {@code subscribe}
     * returns. One that must wait (fetching keys) is not waited for on an event loop: the request takes the full way,
     * which waits for it. A refused token is not kept; the full way refuses it again and charges the anonymous bucket.
     * Under a burst of new buyers every first request went the full way only for this check
     * (docs/benchmarks/log/2026-12-03-session-7-holds-before-webflux.md).
     */
    private Jwt verifiedAtOnce(String token, Instant now) {
        AtomicReference<Jwt> answered = new AtomicReference<>();
        Disposable verifying = verifier.decode(token).subscribe(answered::set, refused -> {});
        Jwt jwt = answered.get();
        if (jwt == null) {
            verifying.dispose();
            return null;
        }
        keep(token, jwt, now);
        return jwt;
    }

    private void keep(String token, Jwt jwt, Instant now) {
        Instant keepUntil = now.plus(MAX_AGE);
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(keepUntil)) {
            keepUntil = jwt.getExpiresAt();
        }
        if (verified.size() >= MAX_ENTRIES) {
            verified.values().removeIf(old -> !now.isBefore(old.keepUntil()));
            if (verified.size() >= MAX_ENTRIES) {
                // Still full of live tokens: drop those kept longest (verified more than half the age ago), and all of
                // them only if every token is that fresh; never more memory, and most buyers keep theirs.
                Instant halfway = now.plus(MAX_AGE.dividedBy(2));
                verified.values().removeIf(old -> old.keepUntil().isBefore(halfway));
                if (verified.size() >= MAX_ENTRIES) {
                    verified.clear();
                }
            }
        }
        verified.put(token, new Verified(jwt, keepUntil));
    }

    int size() {
        return verified.size();
    }
}
