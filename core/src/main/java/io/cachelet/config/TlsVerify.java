package io.cachelet.config;

/** How a {@code rediss://} connection checks the server's certificate. */
public enum TlsVerify {
  /** The chain must lead to a trusted certificate and the host name must match it. */
  FULL,
  /** The chain must lead to a trusted certificate; the host name is not checked. */
  CA,
  /** Nothing is checked: encryption without authentication, for tests only. */
  INSECURE
}
