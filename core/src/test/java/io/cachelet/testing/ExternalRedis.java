package io.cachelet.testing;

import java.net.URI;

/**
 * A server this run does not own: the one {@code REDIS_URL} names, or a Testcontainers container.
 * It can be used and flushed, not stopped or frozen.
 */
final class ExternalRedis implements RedisServer {

  private final String url;
  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final AutoCloseable owner;

  private ExternalRedis(String url, AutoCloseable owner) {
    URI uri = URI.create(url);
    this.url = url;
    this.host = uri.getHost();
    this.port = uri.getPort() == -1 ? 6379 : uri.getPort();
    String userInfo = uri.getUserInfo();
    if (userInfo == null || userInfo.isEmpty()) {
      this.user = null;
      this.password = null;
    } else {
      int colon = userInfo.indexOf(':');
      this.user = colon <= 0 ? null : userInfo.substring(0, colon);
      this.password = colon < 0 ? userInfo : userInfo.substring(colon + 1);
    }
    this.owner = owner;
  }

  /** The server at {@code url}, left running on close. */
  static ExternalRedis at(String url) {
    if (url.startsWith("rediss:")) {
      throw new IllegalArgumentException("The test fixture needs a plain redis:// URL: " + url);
    }
    return new ExternalRedis(url, () -> {});
  }

  /** The server at {@code url}, whose {@code owner} (a container) is closed on close. */
  static ExternalRedis ownedBy(String url, AutoCloseable owner) {
    return new ExternalRedis(url, owner);
  }

  @Override
  public String host() {
    return host;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String url() {
    return url;
  }

  @Override
  public boolean controllable() {
    return false;
  }

  private static UnsupportedOperationException notOurs() {
    return new UnsupportedOperationException(
        "This Redis is shared; use @RedisTest(ownServer = true) to stop, freeze or restart one");
  }

  @Override
  public void stop() {
    throw notOurs();
  }

  @Override
  public void freeze() {
    throw notOurs();
  }

  @Override
  public void resume() {
    throw notOurs();
  }

  @Override
  public void restart() {
    throw notOurs();
  }

  @Override
  public void flushAll() {
    command("FLUSHALL");
  }

  @Override
  public String command(String... args) {
    return Resp.command(host, port, user, password, database(), args);
  }

  private int database() {
    String path = URI.create(url).getPath();
    return path == null || path.length() <= 1 ? 0 : Integer.parseInt(path.substring(1));
  }

  @Override
  public void close() {
    try {
      owner.close();
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop " + url, e);
    }
  }

  @Override
  public String toString() {
    return "Redis at " + url.replaceAll("//[^/@]*@", "//***@");
  }
}
