package io.cachelet.filter;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may call the admin endpoints: anyone ({@link #open()}, the default when nothing is
 * configured), a caller presenting a bearer token, a user the container put in a role, or either of
 * the last two. Immutable and thread-safe.
 *
 * <p>Tokens are compared in constant time: both sides are hashed with SHA-256 first and the digests
 * compared with {@link MessageDigest#isEqual}, so neither the token's content nor its length leaks
 * through timing.
 */
public final class AdminAccess {

  /** The outcome of a check. */
  public enum Outcome {
    /** The caller may proceed. */
    ALLOWED,
    /** No usable credentials, or a wrong token: 401. */
    UNAUTHENTICATED,
    /** A known user without the role: 403. */
    FORBIDDEN
  }

  private final Optional<byte[]> tokenDigest;
  private final Optional<String> role;

  private AdminAccess(Optional<byte[]> tokenDigest, Optional<String> role) {
    this.tokenDigest = tokenDigest;
    this.role = role;
  }

  /** No protection: every caller is allowed. Only for a network nobody else reaches. */
  public static AdminAccess open() {
    return new AdminAccess(Optional.empty(), Optional.empty());
  }

  /** Callers must send {@code Authorization: Bearer <token>}. */
  public static AdminAccess bearerToken(String token) {
    Objects.requireNonNull(token, "token");
    if (token.isBlank()) {
      throw new IllegalArgumentException("The admin token must not be blank");
    }
    return new AdminAccess(Optional.of(sha256(token)), Optional.empty());
  }

  /** Callers must be users the container put in {@code role}. */
  public static AdminAccess role(String role) {
    Objects.requireNonNull(role, "role");
    if (role.isBlank()) {
      throw new IllegalArgumentException("The admin role must not be blank");
    }
    return new AdminAccess(Optional.empty(), Optional.of(role));
  }

  /** This access, with users in {@code role} allowed as well. */
  public AdminAccess orRole(String value) {
    return new AdminAccess(tokenDigest, role(value).role);
  }

  /** Whether every caller is allowed. */
  public boolean isOpen() {
    return tokenDigest.isEmpty() && role.isEmpty();
  }

  /** Decides whether {@code request} may call the admin endpoints. */
  public Outcome check(HttpServletRequest request) {
    if (isOpen()) {
      return Outcome.ALLOWED;
    }
    String authorization = request.getHeader("Authorization");
    if (tokenDigest.isPresent()
        && authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      byte[] given = sha256(authorization.substring(7).trim());
      return MessageDigest.isEqual(given, tokenDigest.get())
          ? Outcome.ALLOWED
          : Outcome.UNAUTHENTICATED;
    }
    if (role.isPresent()) {
      Principal user = request.getUserPrincipal();
      if (user != null) {
        return request.isUserInRole(role.get()) ? Outcome.ALLOWED : Outcome.FORBIDDEN;
      }
    }
    return Outcome.UNAUTHENTICATED;
  }

  /** Who made {@code request}, for the audit log: the user, or the token, and the address. */
  static String who(HttpServletRequest request) {
    Principal user = request.getUserPrincipal();
    String authorization = request.getHeader("Authorization");
    String name;
    if (user != null) {
      name = "user '" + user.getName() + "'";
    } else if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      name = "admin token";
    } else {
      name = "anonymous";
    }
    return name + " from " + request.getRemoteAddr();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }
}
