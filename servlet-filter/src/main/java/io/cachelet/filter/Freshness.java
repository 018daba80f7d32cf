package io.cachelet.filter;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The freshness arithmetic of RFC 9111 §4.2 for a route that takes its lifetime from the origin:
 * pure functions of a response's fields, the route and the times of the exchange.
 */
final class Freshness {

  /** The statuses a cache may give a heuristic lifetime without {@code public} (RFC 9110 §15.1). */
  static final Set<Integer> HEURISTIC_STATUSES =
      Set.of(200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501);

  private Freshness() {}

  /**
   * The {@code date_value} of §4.2.3: the response's {@code Date}, or, without a valid one, when it
   * was received, as RFC 9110 §6.6.1 has a recipient do.
   */
  static Instant dateValue(HeaderFields headers, Instant receivedAt) {
    List<String> dates = headers.all("Date");
    if (dates.size() != 1) {
      return receivedAt;
    }
    return HttpDates.parse(dates.get(0)).orElse(receivedAt);
  }

  /**
   * The {@code corrected_initial_age} of §4.2.3: the larger of the age the clocks show ({@code
   * apparent_age}) and the age the response claims plus the time it took to arrive ({@code
   * corrected_age_value}).
   */
  static Duration correctedInitialAge(
      HeaderFields headers, Instant requestedAt, Instant receivedAt) {
    Duration apparent = nonNegative(Duration.between(dateValue(headers, receivedAt), receivedAt));
    Duration delay = nonNegative(Duration.between(requestedAt, receivedAt));
    Duration corrected = Duration.ofSeconds(AgeField.received(headers).orElse(0)).plus(delay);
    return apparent.compareTo(corrected) > 0 ? apparent : corrected;
  }

  /**
   * The freshness lifetime (§4.2.1): the explicit one, else a heuristic one when the route allows
   * it (§4.2.2), else the route's {@code ttl} when it is not zero; empty when there is none, and
   * the response is then not stored.
   *
   * @param field the field the directives are read from: {@code Cache-Control}, or a targeted field
   *     that is present, in which case {@code Expires} is ignored too (RFC 9213 §2.1)
   * @param date the response's {@link #dateValue}
   */
  static Optional<Duration> lifetime(
      Route route, int status, HeaderFields headers, String field, Instant date) {
    Optional<Duration> explicit = explicitLifetime(headers, field, date);
    if (explicit.isPresent()) {
      return explicit;
    }
    Optional<Duration> heuristic = heuristicLifetime(route, status, headers, field, date);
    if (heuristic.isPresent()) {
      return heuristic;
    }
    return route.ttl().isZero() ? Optional.empty() : Optional.of(route.ttl());
  }

  /**
   * §4.2.1: a shared cache takes {@code s-maxage}, else {@code max-age}, else {@code Expires} minus
   * {@code Date}. An invalid {@code Expires} means a time in the past (§5.3), and so does more than
   * one, which §4.2.1 lets a cache treat as stale.
   */
  static Optional<Duration> explicitLifetime(HeaderFields headers, String field, Instant date) {
    OptionalLong seconds = headers.directiveSeconds(field, "s-maxage");
    if (seconds.isEmpty()) {
      seconds = headers.directiveSeconds(field, "max-age");
    }
    if (seconds.isPresent()) {
      return Optional.of(Duration.ofSeconds(seconds.getAsLong()));
    }
    List<String> expires =
        field.equalsIgnoreCase("Cache-Control") ? headers.all("Expires") : List.of();
    if (expires.isEmpty()) {
      return Optional.empty();
    }
    if (expires.size() > 1) {
      return Optional.of(Duration.ZERO);
    }
    return Optional.of(
        HttpDates.parse(expires.get(0))
            .map(at -> nonNegative(Duration.between(date, at)))
            .orElse(Duration.ZERO));
  }

  /**
   * §4.2.2: the route's fraction of the time since {@code Last-Modified}, at most its {@code
   * heuristic-max}; only for a status that allows it or a response marked {@code public}, and only
   * when the route asks for a heuristic.
   */
  static Optional<Duration> heuristicLifetime(
      Route route, int status, HeaderFields headers, String field, Instant date) {
    if (route.heuristicPercent() == 0
        || !HEURISTIC_STATUSES.contains(status) && !headers.hasDirective(field, "public")) {
      return Optional.empty();
    }
    Optional<Instant> lastModified = headers.first("Last-Modified").flatMap(HttpDates::parse);
    if (lastModified.isEmpty() || !lastModified.get().isBefore(date)) {
      return Optional.empty();
    }
    long since = Duration.between(lastModified.get(), date).toMillis();
    Duration share = Duration.ofMillis(since / 100 * route.heuristicPercent());
    return Optional.of(share.compareTo(route.heuristicMax()) > 0 ? route.heuristicMax() : share);
  }

  private static Duration nonNegative(Duration value) {
    return value.isNegative() ? Duration.ZERO : value;
  }
}
