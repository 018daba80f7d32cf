package io.cachelet.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A {@code redis:7.0} container. Kept apart from {@link RedisExtension} so that a module without
 * Testcontainers on its test class path can still use the fixture; it just never gets a container.
 */
final class ContainerRedis {

  private ContainerRedis() {}

  static boolean dockerAnswers() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  static RedisServer start() {
    GenericContainer<?> redis =
        new GenericContainer<>(DockerImageName.parse("redis:7.0")).withExposedPorts(6379);
    redis.start();
    return ExternalRedis.ownedBy(
        "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379), redis::stop);
  }
}
