package io.cachelet.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the Redis server is and how to log in to it.
 *
 * @param host the host name or address
 * @param port the TCP port
 * @param user the ACL user, empty for Redis' default user
 * @param password the password, empty when the server needs none
 * @param database the database index selected on every connection
 * @param tls whether to connect with TLS ({@code rediss://})
 */
public record RedisEndpoint(
    String host,
    int port,
    Optional<String> user,
    Optional<String> password,
    int database,
    boolean tls) {

  public RedisEndpoint {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  /** The endpoint as a URL with the password masked, safe to log. */
  public String redacted() {
    String credentials =
        user.map(u -> u + (password.isPresent() ? ":***@" : "@"))
            .orElse(password.isPresent() ? ":***@" : "");
    return (tls ? "rediss://" : "redis://") + credentials + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return redacted();
  }
}
