package io.cachelet.method;

/**
 * A cache annotation can't work as written: read-through on a {@code void} method, an expression
 * that doesn't parse or names an unknown parameter, a shared cache whose methods return different
 * types, {@code unless} on an asynchronous method, a TTL that doesn't parse. The message names the
 * method, the annotation attribute and what would be accepted.
 */
public class CacheDefinitionException extends IllegalStateException {

  public CacheDefinitionException(String message) {
    super(message);
  }
}
