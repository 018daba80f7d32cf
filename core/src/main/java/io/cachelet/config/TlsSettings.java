package io.cachelet.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a {@code rediss://} connection checks the server: the trust store ({@code redis.truststore},
 * empty for the JVM's default), its password and type, and how the certificate is checked ({@code
 * redis.tls-verify}). {@link #toString()} never shows the password.
 */
public record TlsSettings(
    Optional<Path> trustStore,
    Optional<String> trustStorePassword,
    String trustStoreType,
    TlsVerify verify) {

  @Override
  public String toString() {
    return "TlsSettings[trustStore="
        + trustStore.map(Path::toString).orElse("default")
        + ", type="
        + trustStoreType
        + ", verify="
        + verify
        + "]";
  }

  static final class Draft implements SettingsDraft<TlsSettings> {
    private Path trustStore;
    private String trustStorePassword;
    private String trustStoreType;
    private TlsVerify verify;

    void copyFrom(TlsSettings from) {
      trustStore = from.trustStore.orElse(null);
      trustStorePassword = from.trustStorePassword.orElse(null);
      trustStoreType = from.trustStoreType;
      verify = from.verify;
    }

    @Override
    public boolean accept(Setting setting, String value, String raw, SettingReader reader) {
      switch (setting) {
        case REDIS_TRUSTSTORE -> trustStore = reader.existingFile(setting, value);
        case REDIS_TRUSTSTORE_PASSWORD -> trustStorePassword = raw;
        case REDIS_TRUSTSTORE_TYPE ->
            trustStoreType = reader.oneOf(setting, value, "PKCS12", "JKS");
        case REDIS_TLS_VERIFY ->
            verify = TlsVerify.valueOf(reader.oneOf(setting, value, "FULL", "CA", "INSECURE"));
        default -> {
          return false;
        }
      }
      return true;
    }

    @Override
    public TlsSettings build(SettingReader reader) {
      if (trustStore != null && trustStorePassword == null) {
        String passwordName =
            reader.nameLike(Setting.REDIS_TRUSTSTORE_PASSWORD, Setting.REDIS_TRUSTSTORE);
        throw new ConfigException(
            passwordName,
            "Missing setting "
                + passwordName
                + ": the trust store "
                + reader.name(Setting.REDIS_TRUSTSTORE)
                + "='"
                + trustStore
                + "' can't be opened without its password.");
      }
      return new TlsSettings(
          Optional.ofNullable(trustStore),
          Optional.ofNullable(trustStorePassword),
          trustStoreType,
          verify);
    }
  }
}
